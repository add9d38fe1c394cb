using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

public sealed class OrganizationContactsValidatorTests
{
    private static OrganizationContactsDraft Good => new("Алматы қ., Әл-Фараби даңғылы, 12", "г. Алматы, пр. аль-Фараби, 12", "+7 (727) 123-45-67",
        "School12@Edu.Almaty.KZ", "https://school12.edu.kz/about", "Сәрсенбаева Гүлнар Әлиқызы");

    public static TheoryData<string, OrganizationContactsDraft?, string[]> Cases => new()
    {
        { "all given", Good, [] },
        { "nothing sent", null, [] },
        { "every field blank", new("", " ", null, "", "  ", null), [] },
        { "a right-to-left override in the address", Good with { AddressRu = "ул. Абая \u202E21" }, ["addressRu:AddressInvalid"] },
        { "a line break in the address", Good with { AddressKk = "Абай к.\n21" }, ["addressKk:AddressInvalid"] },
        { "an IIN in the address", Good with { AddressKk = "Абай к. 21, 850101300123" }, ["addressKk:AddressInvalid"] },
        { "an address of digits only", Good with { AddressRu = "21" }, ["addressRu:AddressInvalid"] },
        { "an address too long", Good with { AddressRu = new string('а', 301) }, ["addressRu:AddressTooLong"] },
        { "a phone with letters", Good with { Phone = "+7 727 CALL-NOW" }, ["phone:PhoneInvalid"] },
        { "a Russian number", Good with { Phone = "+7 495 123 45 67" }, ["phone:PhoneInvalid"] },
        { "a phone of nine digits", Good with { Phone = "727 123 45 6" }, ["phone:PhoneInvalid"] },
        { "a plus in the middle", Good with { Phone = "7+7271234567" }, ["phone:PhoneInvalid"] },
        { "another country", Good with { Phone = "+998 71 123 45 67" }, ["phone:PhoneInvalid"] },
        { "markup as the phone", Good with { Phone = "<b>87271234567</b>" }, ["phone:PhoneInvalid"] },
        { "an e-mail without a domain", Good with { Email = "school@" }, ["email:EmailInvalid"] },
        { "an e-mail with two at signs", Good with { Email = "a@b@edu.kz" }, ["email:EmailInvalid"] },
        { "an e-mail with a Cyrillic а posing as Latin", Good with { Email = "school@edu.kаz" }, ["email:EmailInvalid"] },
        { "an e-mail with a header injected", Good with { Email = "a@edu.kz\r\nBcc: x@y.kz" }, ["email:EmailInvalid"] },
        { "an e-mail with two dots", Good with { Email = "a..b@edu.kz" }, ["email:EmailInvalid"] },
        { "an e-mail without a top-level domain", Good with { Email = "school@localhost" }, ["email:EmailInvalid"] },
        { "an IIN as the e-mail's name", Good with { Email = "850101300123@mail.kz" }, ["email:EmailInvalid"] },
        { "an IIN in the website's path", Good with { Website = "https://school12.edu.kz/pupils/850101300123" }, ["website:WebsiteInvalid"] },
        { "a script website", Good with { Website = "javascript:alert(1)" }, ["website:WebsiteInvalid"] },
        { "a data website", Good with { Website = "data:text/html,<script>alert(1)</script>" }, ["website:WebsiteInvalid"] },
        { "a website with credentials", Good with { Website = "https://admin:pass@edu.kz/" }, ["website:WebsiteInvalid"] },
        { "a website by IP address", Good with { Website = "http://10.0.0.1/" }, ["website:WebsiteInvalid"] },
        { "a relative website", Good with { Website = "/about" }, ["website:WebsiteInvalid"] },
        { "a website without a scheme", Good with { Website = "school12.edu.kz" }, ["website:WebsiteInvalid"] },
        { "an ftp website", Good with { Website = "ftp://school12.edu.kz/" }, ["website:WebsiteInvalid"] },
        { "a website with a space", Good with { Website = "https://school12.edu.kz/a b" }, ["website:WebsiteInvalid"] },
        { "a website in Cyrillic letters", Good with { Website = "https://мектеп.қаз/" }, ["website:WebsiteInvalid"] },
        { "a website too long", Good with { Website = "https://edu.kz/" + new string('a', 200) }, ["website:WebsiteInvalid"] },
        { "digits in the head's name", Good with { HeadName = "Сәрсенбаева 850101300123" }, ["headName:HeadNameInvalid"] },
        { "markup as the head's name", Good with { HeadName = "<img src=x onerror=alert(1)>" }, ["headName:HeadNameInvalid"] },
        { "a zero-width joiner in the head's name", Good with { HeadName = "Гүл\u200Dнар" }, ["headName:HeadNameInvalid"] },
        { "the head's name too long", Good with { HeadName = new string('ә', 201) }, ["headName:NameTooLong"] },
        { "every field wrong at once", new("\u0000", "\u202E", "1", "@", "x", "1"),
            ["addressKk:AddressInvalid", "addressRu:AddressInvalid", "phone:PhoneInvalid", "email:EmailInvalid", "website:WebsiteInvalid", "headName:HeadNameInvalid"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_names_its_field_and_code(string name, OrganizationContactsDraft? draft, string[] expected)
    {
        var problems = new List<RegistryProblem>();
        OrganizationContactsValidator.Validate(draft, problems);
        Assert.True(expected.SequenceEqual(problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"))}]");
    }

    [Theory]
    [InlineData("+7 (727) 123-45-67", "+77271234567")]
    [InlineData("8 727 1234567", "+77271234567")]
    [InlineData("7271234567", "+77271234567")]
    [InlineData("+7 701 000 11 22", "+77010001122")]
    [InlineData("8 (7172) 55-66-77", "+77172556677")]
    public void Phones_are_kept_in_E164(string typed, string stored)
    {
        Assert.Equal(stored, OrganizationContactsValidator.Phone(typed));
        Assert.Equal(stored, OrganizationContactsValidator.FormatPhone(stored).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Contacts_are_kept_trimmed_normalized_and_composed()
    {
        var contacts = OrganizationContactsValidator.Validate(Good with
        {
            AddressKk = "  Абай к.,  21 ", Email = " School12@Edu.Almaty.KZ ", Website = "HTTPS://School12.edu.kz", HeadName = " Гу\u0308лнар ",
        }, []);
        Assert.Equal("Абай к.,  21", contacts.AddressKk);
        Assert.Equal("+77271234567", contacts.Phone);
        Assert.Equal("School12@edu.almaty.kz", contacts.Email);
        Assert.Equal("https://school12.edu.kz/", contacts.Website);
        Assert.Equal("Гу\u0308лнар".Normalize(), contacts.HeadName);
        Assert.Equal("+7 727 123 45 67", OrganizationContactsValidator.FormatPhone(contacts.Phone));
    }

    [Fact]
    public void A_profile_carries_its_contacts_and_their_problems()
    {
        var draft = new OrganizationProfileDraft("Мектеп", "Школа", "School", ["kk"], "school", false, Good with { Phone = "112" });
        var problems = OrganizationProfileValidator.Validate(draft, OrganizationKind.School, false, true, out var profile);
        Assert.Equal(["phone:PhoneInvalid"], problems.Select(p => $"{p.Field}:{p.Error}"));
        Assert.Null(profile);
        OrganizationProfileValidator.Validate(draft with { Contacts = Good }, OrganizationKind.School, false, true, out profile);
        Assert.Equal("https://school12.edu.kz/about", profile!.Contacts!.Website);
        Assert.Contains("headName", OrganizationProfileValidator.Fields);
        Assert.Contains(RegistryError.PhoneInvalid, OrganizationProfileValidator.Errors);
    }
}
