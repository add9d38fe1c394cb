using System.Text;
using EduInfo.Domain.Registry;
using EduInfo.Tools.Import;

namespace EduInfo.UnitTests.Import;

/// <summary>
/// One set of rules (issue 18, item 4): a person, an organization or a link the API refuses is refused by the operator's
/// import and by a school's upload on the same column with the same message key, and what the API accepts they accept.
/// Each case also names what all of them must answer, so three paths agreeing on a wrong answer still fail.
/// </summary>
public sealed class SharedRulesTests
{
    private static readonly DateOnly Today = ImportFolderFixture.Today;
    private static readonly DateOnly Enrolled = new(2026, 11, 16);
    private const string Valid = ImportFolderFixture.S1Iin; // 2015-03-14, a boy

    /// <summary>Values quoted as a spreadsheet writes them (a comma or a quote inside stays a value).</summary>
    private static string Csv(params string?[] values) => string.Join(",", values.Select(v => v is null ? "" : "\"" + v.Replace("\"", "\"\"") + "\""));

    private static string WithCheckDigit(string first11) => first11 + Iin.CheckDigit(first11);

    private static string BadCheckDigit(string iin) => iin[..11] + (char)('0' + ((iin[11] - '0' + 1) % 10));

    /// <summary>A pupil row: why, iin, last, first, middle, birth date, and the column:key pairs every path answers.</summary>
    public static TheoryData<string, string?, string?, string?, string?, string?, string> Pupils() => new()
    {
        { "a Kazakh pupil", Valid, "Сейітов", "Нұрлан", "Ерланұлы", "2015-03-14", "" },
        { "Russian and Latin names", Valid, "Ёлкин-Щукин", "O'Neil", null, "2015-03-14", "" },
        { "an IIN with a bad check digit", BadCheckDigit(Valid), "Сейітов", "Нұрлан", null, "2015-03-14", "iin:pupil.error.IinInvalid" },
        { "an IIN of no possible day", WithCheckDigit("15023151201"), "Сейітов", "Нұрлан", null, "2015-02-31", "birth_date:BadDate|iin:pupil.error.IinInvalid" },
        { "an IIN as a formula", "=1+150314512013", "Сейітов", "Нұрлан", null, "2015-03-14", "iin:pupil.error.IinInvalid" },
        { "no IIN", null, "Сейітов", "Нұрлан", null, "2015-03-14", "iin:pupil.error.Required" },
        { "a birth date the IIN does not encode", Valid, "Сейітов", "Нұрлан", null, "2015-03-15", "birth_date:pupil.error.IinBirthDateMismatch" },
        { "a birth date after today", WithCheckDigit("26122551201"), "Сейітов", "Нұрлан", null, "2026-12-25", "birth_date:pupil.error.BirthDateInFuture" },
        { "a right-to-left override in a name", Valid, "Сейі\u202Eтов", "Нұрлан", null, "2015-03-14", "last_name:pupil.error.NameInvalid" },
        { "a zero-width joiner in a name", Valid, "Сейітов", "Нұр\u200Dлан", null, "2015-03-14", "first_name:pupil.error.NameInvalid" },
        { "a CSV formula as a name", Valid, "=cmd|' /C calc'!A0", "Нұрлан", null, "2015-03-14", "last_name:pupil.error.NameInvalid" },
        { "markup as a name", Valid, "Сейітов", "<script>alert(1)</script>", null, "2015-03-14", "first_name:pupil.error.NameInvalid" },
        { "a quote and a comma in a name", Valid, "Сейітов, \"Нұр\"", "Нұрлан", null, "2015-03-14", "last_name:pupil.error.NameInvalid" },
        { "a name of 101 letters", Valid, new string('а', 101), "Нұрлан", null, "2015-03-14", "last_name:pupil.error.NameTooLong" },
        { "no first name", Valid, "Сейітов", null, null, "2015-03-14", "first_name:pupil.error.Required" },
    };

    [Theory]
    [MemberData(nameof(Pupils))]
    public void A_pupil_is_refused_by_the_import_and_the_upload_as_the_API_refuses_them(string because, string? iin, string? last, string? first, string? middle,
        string? birth, string expected)
    {
        var birthDate = DateOnly.TryParseExact(birth, "yyyy-MM-dd", out var day) ? day : (DateOnly?)null;
        var sex = iin is { Length: 12 } && Iin.IsValid(iin) && PupilRules.BirthDateOf(iin) is not null ? PupilRules.SexOf(iin).ToString() : "male";
        var api = PupilValidator.ValidateEnrolment(new PupilEnrolmentRequest(iin, last, first, middle, birthDate, sex, Enrolled), "2026-2027", null, Today)
            .Select(p => $"{PupilUpload.Column(p.Field)}:{ProblemKeys.Of(p.Error)}").ToList();
        // The API reads a date that is no date as a malformed body; the files say BadDate on the column, and nothing more of it.
        if (birth is not null && birthDate is null)
        {
            api = ["birth_date:BadDate", .. api.Where(p => !p.StartsWith("birth_date:", StringComparison.Ordinal))];
        }

        var import = new ImportFolderFixture()
            .Set("students.csv", 2, $"S1,{Csv(iin, last, first, middle)},{birth},C1,2026-09-01,")
            .Validate().Where(e => e.File == "students.csv" && e.Line == 2)
            .Select(e => e.RuleKey is null ? $"{e.Arguments[0]}:{e.Code}" : $"{e.Column}:{e.RuleKey}").ToList();

        var file = "iin,last_name,first_name,middle_name,birth_date,class_id,enrolled_from\n" + $"{Csv(iin, last, first, middle)},{birth},C1,2026-11-16\n";
        var (rows, read) = PupilUpload.Parse(Encoding.UTF8.GetBytes(file));
        var upload = PupilUpload.Check("O1", rows, [new PupilUploadPlace("O1", "2026-2027", null)], read, Today)
            .Select(p => $"{p.Field}:{(p.Key.StartsWith("import.", StringComparison.Ordinal) ? p.Code[..1].ToUpperInvariant() + p.Code[1..] : p.Key)}").ToList();

        var want = expected.Split('|', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(want.Order().SequenceEqual(api.Order()), $"{because}: the API says [{string.Join(", ", api)}]");
        Assert.True(want.Order().SequenceEqual(import.Order()), $"{because}: the import says [{string.Join(", ", import)}]");
        Assert.True(want.Order().SequenceEqual(upload.Order()), $"{because}: the upload says [{string.Join(", ", upload)}]");
    }

    [Fact]
    public void An_upload_refuses_a_start_over_past_roll_calls_and_a_closed_organization_as_a_single_enrolment_does()
    {
        var iin = ImportFolderFixture.S1Iin;
        var file = "iin,last_name,first_name,middle_name,birth_date,class_id,enrolled_from\n"
            + $"{iin},Сейітов,Нұрлан,,{PupilRules.BirthDateOf(iin)!.Value:yyyy-MM-dd},C1,2026-11-16\n";
        var (rows, read) = PupilUpload.Parse(Encoding.UTF8.GetBytes(file));
        JournalRowRef[] rollCalls = [new(77, new(2026, 11, 18))];

        var backdated = PupilUpload.Check("O1", rows, [new PupilUploadPlace("O1", "2026-2027", null, RollCalls: rollCalls)], read, Today).Single();
        var single = PupilValidator.ValidateStart(new(2026, 11, 16), rollCalls, Today)!;
        Assert.Equal(ProblemKeys.Of(single.Error), backdated.Key);
        Assert.Equal(single.Arguments, backdated.Arguments);

        var closed = PupilUpload.Check("O1", rows, [new PupilUploadPlace("O1", "2026-2027", null, OrganizationClosed: true)], read, Today).Single();
        Assert.Equal(ProblemKeys.Of(PupilError.OrganizationClosed), closed.Key);
    }

    /// <summary>A teacher row: why, iin, last, first, middle, and the column:key pairs both hiring and the import answer.</summary>
    public static TheoryData<string, string?, string?, string?, string?, string> Teachers() => new()
    {
        { "a teacher", ImportFolderFixture.T1Iin, "Жұмабаев", "Ерлан", "Бауыржанұлы", "" },
        { "an initial with a dot", ImportFolderFixture.T1Iin, "Жұмабаев", "Е.", null, "" },
        { "an IIN of 11 digits", ImportFolderFixture.T1Iin[..11], "Жұмабаев", "Ерлан", null, "iin:staff.error.iinInvalid" },
        { "a bad check digit", BadCheckDigit(ImportFolderFixture.T1Iin), "Жұмабаев", "Ерлан", null, "iin:staff.error.iinInvalid" },
        { "a bidirectional override", ImportFolderFixture.T1Iin, "\u202EвеабамұЖ", "Ерлан", null, "last_name:staff.error.nameInvalid" },
        { "a digit in a name", ImportFolderFixture.T1Iin, "Жұмабаев", "Ерлан2", null, "first_name:staff.error.nameInvalid" },
        { "a formula as a name", ImportFolderFixture.T1Iin, "Жұмабаев", "Ерлан", "=HYPERLINK(\"x\")", "middle_name:staff.error.nameInvalid" },
    };

    [Theory]
    [MemberData(nameof(Teachers))]
    public void A_teacher_is_refused_by_the_import_as_hiring_refuses_them(string because, string? iin, string? last, string? first, string? middle, string expected)
    {
        var api = StaffValidator.ValidateHire(iin, last, first, middle, null, Enrolled, iinTaken: false)
            .Select(p => $"{PupilUpload.Column(p.Field)}:{ProblemKeys.Of(p.Error)}");
        var import = new ImportFolderFixture().Set("teachers.csv", 2, $"T1,{Csv(iin, last, first, middle)},O1")
            .Validate().Where(e => e.File == "teachers.csv").Select(e => $"{e.Column}:{e.RuleKey}");
        var want = expected.Split('|', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(want.SequenceEqual(api), $"{because}: hiring says [{string.Join(", ", api)}]");
        Assert.True(want.SequenceEqual(import), $"{because}: the import says [{string.Join(", ", import)}]");
    }

    /// <summary>A parent row and its link: why, iin, last, first, relation, and the column:key pairs both the link and the import answer.</summary>
    public static TheoryData<string, string?, string?, string?, string?, string> Parents() => new()
    {
        { "a mother", ImportFolderFixture.PA1Iin, "Сейітова", "Айгерім", "mother", "" },
        { "a guardian in capitals", ImportFolderFixture.PA1Iin, "Сейітова", "Айгерім", "Guardian", "" },
        { "a bad check digit", BadCheckDigit(ImportFolderFixture.PA1Iin), "Сейітова", "Айгерім", "mother", "iin:pupil.error.IinInvalid" },
        { "no last name", ImportFolderFixture.PA1Iin, null, "Айгерім", "mother", "last_name:pupil.error.Required" },
        { "a left-to-right embedding", ImportFolderFixture.PA1Iin, "Сейітова", "\u202AАйгерім", "mother", "first_name:pupil.error.NameInvalid" },
        { "an aunt", ImportFolderFixture.PA1Iin, "Сейітова", "Айгерім", "aunt", "relation:pupil.error.RelationInvalid" },
        { "a relation by number", ImportFolderFixture.PA1Iin, "Сейітова", "Айгерім", "1", "relation:pupil.error.RelationInvalid" },
    };

    [Theory]
    [MemberData(nameof(Parents))]
    public void A_parent_and_link_are_refused_by_the_import_as_a_link_refuses_them(string because, string? iin, string? last, string? first, string? relation,
        string expected)
    {
        var request = new ParentLinkRequest(iin, last, first, null, relation, Enrolled, "birthCertificate", "I-АЛ 0123456");
        var api = ParentLinkValidator.ValidateLink(request, Valid, parentKnown: false, link: null, Today)
            .Select(p => $"{PupilUpload.Column(p.Field)}:{ProblemKeys.Of(p.Error)}");
        var import = new ImportFolderFixture().Set("parents.csv", 2, $"PA1,{Csv(iin, last, first)},").Set("student_parents.csv", 2, $"S1,PA1,{relation}")
            .Validate().Where(e => e.File is "parents.csv" or "student_parents.csv").Select(e => $"{e.Column}:{e.RuleKey}");
        var want = expected.Split('|', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(want.SequenceEqual(api), $"{because}: the link says [{string.Join(", ", api)}]");
        Assert.True(want.SequenceEqual(import), $"{because}: the import says [{string.Join(", ", import)}]");
    }

    /// <summary>An organization row: why, the names, languages and kind, and the column:key pairs both the profile and the import answer.</summary>
    public static TheoryData<string, string, string, string, string, string> Organizations() => new()
    {
        { "a school", "№1 мектеп", "Школа №1", "School No. 1", "kk;ru", "school" },
        { "a name with quotes and a comma", "№7 «Болашақ», Жезқазған", "Школа-гимназия №7 \"Болашақ\"", "School No. 7", "ru", "school" },
        { "a right-to-left override", "№1 мектеп\u202E", "Школа №1", "School No. 1", "kk", "school|name_kk:organization.error.nameInvalid" },
        { "a name of digits only", "№1 мектеп", "12345", "School No. 1", "kk", "school|name_ru:organization.error.nameInvalid" },
        { "an unknown language", "№1 мектеп", "Школа №1", "School No. 1", "kk;xx", "school|languages:organization.error.languageUnknown" },
        { "a language twice", "№1 мектеп", "Школа №1", "School No. 1", "kk;kk", "school|languages:organization.error.languageDuplicate" },
        { "a capital letter in a code", "№1 мектеп", "Школа №1", "School No. 1", "kk;RU", "school|languages:organization.error.languageUnknown" },
        { "an unknown kind", "№1 мектеп", "Школа №1", "School No. 1", "kk", "university|kind:organization.error.kindUnknown" },
    };

    [Theory]
    [MemberData(nameof(Organizations))]
    public void An_organization_is_refused_by_the_import_as_its_profile_is_refused(string because, string kk, string ru, string en, string languages, string kindAndExpected)
    {
        var kind = kindAndExpected.Split('|')[0];
        var want = kindAndExpected.Split('|').Skip(1);
        var api = OrganizationProfileValidator.Validate(new OrganizationProfileDraft(kk, ru, en, languages.Split(';'), kind, true), OrganizationKind.School,
                mayChangeKind: true, hasClasses: false, out _)
            .Select(p => $"{PupilUpload.Column(p.Field.Split('[')[0])}:{ProblemKeys.OfProfile(p.Error)}");
        var import = new ImportFolderFixture().Set("organizations.csv", 2, $"O1,D1,{kind},{Csv(kk, ru, en, languages)},true")
            .Validate().Where(e => e.File == "organizations.csv").Select(e => $"{e.Column}:{e.RuleKey}");
        Assert.True(want.SequenceEqual(api), $"{because}: the profile says [{string.Join(", ", api)}]");
        Assert.True(want.SequenceEqual(import), $"{because}: the import says [{string.Join(", ", import)}]");
    }

    [Fact]
    public void An_import_error_of_a_rule_reads_as_the_API_problem_after_its_column()
    {
        var error = new ImportFolderFixture().Set("students.csv", 2, $"S1,{Valid},Сейі\u202Eтов,Нұрлан,,2015-03-14,C1,2026-09-01,").Validate().Single();
        foreach (var language in new[] { "kk", "ru", "en" })
        {
            var api = EduInfo.Grains.Interfaces.Localization.Messages.Get("pupil.error.NameInvalid", language);
            Assert.EndsWith(api, error.Render(language));
            Assert.StartsWith("students.csv:2: ", error.Render(language));
            Assert.Contains("last_name", error.Render(language));
        }
    }
}
