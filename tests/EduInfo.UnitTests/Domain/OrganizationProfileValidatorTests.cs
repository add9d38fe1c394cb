using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

public sealed class OrganizationProfileValidatorTests
{
    private static OrganizationProfileDraft Good => new("№ 12 мектеп", "Школа № 12", "School No. 12", ["kk", "ru"], "school", false);

    public static TheoryData<string, OrganizationProfileDraft, bool, bool, string[]> Cases => new()
    {
        { "a whole profile", Good, false, true, [] },
        { "names in Kazakh, Uyghur and Korean", Good with { NameKk = "Әл-Фараби атындағы мектеп", NameRu = "مەكتەپ", NameEn = "학교" }, false, true, [] },
        { "an officer changes the kind of an empty organization", Good with { Kind = "college" }, true, false, [] },
        { "no names", Good with { NameKk = null, NameRu = "", NameEn = "   " }, false, true, ["nameKk:Required", "nameRu:Required", "nameEn:Required"] },
        { "a right-to-left override", Good with { NameEn = "School \u202Egnp.exe" }, false, true, ["nameEn:NameInvalid"] },
        { "an isolate", Good with { NameRu = "Школа \u2067№ 1\u2069" }, false, true, ["nameRu:NameInvalid"] },
        { "a right-to-left mark", Good with { NameKk = "Мектеп\u200F" }, false, true, ["nameKk:NameInvalid"] },
        { "a zero-width space", Good with { NameKk = "Мек\u200Bтеп" }, false, true, ["nameKk:NameInvalid"] },
        { "a newline", Good with { NameRu = "Школа\n№ 1" }, false, true, ["nameRu:NameInvalid"] },
        { "a NUL", Good with { NameRu = "Школа\0" }, false, true, ["nameRu:NameInvalid"] },
        { "a no-break space", Good with { NameEn = "School\u00A0One" }, false, true, ["nameEn:NameInvalid"] },
        { "digits only", Good with { NameEn = "12" }, false, true, ["nameEn:NameInvalid"] },
        { "a name too long", Good with { NameEn = new string('a', 201) }, false, true, ["nameEn:NameTooLong"] },
        { "no languages", Good with { Languages = [] }, false, true, ["languages:Required"] },
        { "languages missing", Good with { Languages = null }, false, true, ["languages:Required"] },
        { "an unknown code", Good with { Languages = ["kk", "xx"] }, false, true, ["languages[1]:LanguageUnknown"] },
        { "a code in capitals", Good with { Languages = ["KK"] }, false, true, ["languages[0]:LanguageUnknown"] },
        { "a three-letter code", Good with { Languages = ["kaz"] }, false, true, ["languages[0]:LanguageUnknown"] },
        { "a code twice", Good with { Languages = ["ru", "ru"] }, false, true, ["languages[1]:LanguageDuplicate"] },
        { "too many languages", Good with { Languages = ["kk", "ru", "en", "uz", "ug", "tg", "de"] }, false, true, ["languages:LanguagesTooMany"] },
        { "an unknown kind", Good with { Kind = "university" }, true, false, ["kind:KindUnknown"] },
        { "a kind in capitals", Good with { Kind = "School" }, true, false, ["kind:KindUnknown"] },
        { "a kind by number", Good with { Kind = "1" }, true, false, ["kind:KindUnknown"] },
        { "no kind", Good with { Kind = null }, true, false, ["kind:Required"] },
        { "a head changes the kind", Good with { Kind = "college" }, false, false, ["kind:KindChangeForbidden"] },
        { "an officer changes the kind under classes", Good with { Kind = "college" }, true, true, ["kind:KindInUse"] },
        { "no locality", Good with { IsRural = null }, false, true, ["isRural:Required"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_names_its_field_and_code(string name, OrganizationProfileDraft draft, bool mayChangeKind, bool hasClasses, string[] expected)
    {
        var problems = OrganizationProfileValidator.Validate(draft, OrganizationKind.School, mayChangeKind, hasClasses, out var profile);
        Assert.True(expected.SequenceEqual(problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"))}]");
        Assert.Equal(expected.Length == 0, profile is not null);
    }

    [Fact]
    public void Names_are_kept_trimmed_and_composed()
    {
        OrganizationProfileValidator.Validate(Good with { NameKk = "  Мекте\u0301п  " }, OrganizationKind.School, false, true, out var profile);
        Assert.Equal("Мекте\u0301п".Normalize(), profile!.NameKk);
        Assert.Equal(OrganizationKind.School, profile.Kind);
    }

    [Theory]
    [InlineData("preschool", OrganizationKind.Preschool)]
    [InlineData("school", OrganizationKind.School)]
    [InlineData("college", OrganizationKind.College)]
    [InlineData("additional", OrganizationKind.Additional)]
    public void Kinds_round_trip_by_their_column_names(string name, OrganizationKind kind)
    {
        Assert.Equal(kind, OrganizationKinds.Parse(name));
        Assert.Equal(name, OrganizationKinds.NameOf(kind));
    }
}
