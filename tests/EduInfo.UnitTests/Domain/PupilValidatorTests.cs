using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

public sealed class PupilValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private const string Year = "2026-2027";

    /// <summary>A valid IIN for a birth date (YYMMDD) and century-and-sex digit: the first serial with a check digit.</summary>
    internal static string IinFor(string yymmdd, char centurySex, int serial = 1)
    {
        for (var s = serial; ; s++)
        {
            var first11 = $"{yymmdd}{centurySex}{s:D4}";
            if (Iin.CheckDigit(first11) is { } check)
            {
                return first11 + check;
            }
        }
    }

    // A boy born on 14 March 2015 (century digit 5: born in the 2000s, odd: male).
    private static readonly string Boy = IinFor("150314", '5');
    private static readonly string BadChecksum = Boy[..11] + (char)('0' + ((Boy[11] - '0' + 1) % 10));

    private static PupilEnrolmentRequest Enrol(string? iin = null, string? last = "Сәрсенбаев", string? first = "Әлихан", string? middle = null,
        string? birth = "2015-03-14", string? sex = "male", string? date = "2026-11-16") =>
        new(iin ?? Boy, last, first, middle, birth is null ? null : DateOnly.Parse(birth), sex, date is null ? null : DateOnly.Parse(date));

    private static readonly EnrolmentFacts Elsewhere = new("OTHER", new(2026, 9, 1), null, Year);

    public static TheoryData<string, PupilEnrolmentRequest, PupilIdentity?, string[]> EnrolmentCases => new()
    {
        { "a new pupil mid-year, Kazakh names", Enrol(), null, [] },
        { "Russian names with a middle name", Enrol(last: "Иванова-Петрова", first: "Анна", middle: "Сергеевна", sex: "female", iin: IinFor("150314", '6'), birth: "2015-03-14"), null, [] },
        { "Latin names with an apostrophe", Enrol(last: "O'Connor", first: "Liam"), null, [] },
        { "a name with a typographic apostrophe", Enrol(last: "D’Artagnan"), null, [] },
        { "a name with a combining mark", Enrol(first: "Ae\u0301"), null, [] },
        { "enrolled on the first day of the year", Enrol(date: "2026-09-01"), null, [] },
        { "enrolled today", Enrol(date: "2026-11-27"), null, [] },
        { "sex in capitals", Enrol(sex: "MALE"), null, [] },
        { "a pupil who left before the date returns as themselves", Enrol(), new("S1", Elsewhere with { To = new(2026, 10, 31) }), [] },
        { "a known person never enrolled", Enrol(), new("S1", null), [] },
        // The request: every problem named, field by field.
        { "no IIN", Enrol(iin: ""), null, ["iin:Required"] },
        { "an IIN with a bad checksum", Enrol(iin: BadChecksum), null, ["iin:IinInvalid"] },
        { "an IIN of 11 digits", Enrol(iin: Boy[..11]), null, ["iin:IinInvalid"] },
        { "an IIN with letters", Enrol(iin: "15031450012a"), null, ["iin:IinInvalid"] },
        { "an IIN with an impossible date", Enrol(iin: IinFor("151314", '5'), birth: "2015-03-14"), null, ["iin:IinInvalid"] },
        { "an IIN with an impossible century digit", Enrol(iin: IinFor("150314", '0')), null, ["iin:IinInvalid"] },
        { "a birth date the IIN does not encode", Enrol(birth: "2015-03-15"), null, ["birthDate:IinBirthDateMismatch"] },
        { "the right day a century off", Enrol(iin: IinFor("150314", '3')), null, ["birthDate:IinBirthDateMismatch"] },
        { "a sex the IIN does not encode", Enrol(sex: "female"), null, ["sex:IinSexMismatch"] },
        { "a sex by number", Enrol(sex: "1"), null, ["sex:SexInvalid"] },
        { "an unknown sex", Enrol(sex: "other"), null, ["sex:SexInvalid"] },
        { "a birth date in the future", Enrol(birth: "2026-12-01"), null, ["birthDate:BirthDateInFuture"] },
        { "no names", Enrol(last: null, first: ""), null, ["lastName:Required", "firstName:Required"] },
        { "a right-to-left override in a name", Enrol(last: "Сәрсен\u202Eбаев"), null, ["lastName:NameInvalid"] },
        { "an isolate in a name", Enrol(first: "\u2067Әлихан"), null, ["firstName:NameInvalid"] },
        { "a zero-width joiner in a name", Enrol(first: "Әли\u200Dхан"), null, ["firstName:NameInvalid"] },
        { "a control character in a name", Enrol(middle: "Ержанұлы\u0007"), null, ["middleName:NameInvalid"] },
        { "a line break in a name", Enrol(last: "Сәрсен\nбаев"), null, ["lastName:NameInvalid"] },
        { "digits in a name", Enrol(first: "R2D2"), null, ["firstName:NameInvalid"] },
        { "markup in a name", Enrol(last: "<script>"), null, ["lastName:NameInvalid"] },
        { "a name of spaces", Enrol(first: "   "), null, ["firstName:NameInvalid"] },
        { "a leading space", Enrol(first: " Әлихан"), null, ["firstName:NameInvalid"] },
        { "a trailing hyphen", Enrol(last: "Иванова-"), null, ["lastName:NameInvalid"] },
        { "two hyphens in a row", Enrol(last: "Иванова--Петрова"), null, ["lastName:NameInvalid"] },
        { "a lone combining mark", Enrol(first: "\u0301"), null, ["firstName:NameInvalid"] },
        { "a name of 101 letters", Enrol(last: new string('а', 101)), null, ["lastName:NameTooLong"] },
        { "a name of 100 letters", Enrol(last: new string('а', 100)), null, [] },
        { "no date", Enrol(date: null), null, ["date:Required"] },
        { "tomorrow", Enrol(date: "2026-11-28"), null, ["date:DateInFuture"] },
        { "before the class's year", Enrol(date: "2026-08-31"), null, ["date:DateOutsideAcademicYear"] },
        { "nothing given", new PupilEnrolmentRequest(null, null, null, null, null, null, null), null,
            ["iin:Required", "lastName:Required", "firstName:Required", "birthDate:Required", "sex:Required", "date:Required"] },
        { "a bad request is refused before the person is looked at", Enrol(sex: "x"), new("S1", Elsewhere), ["sex:SexInvalid"] },
        // The IIN is unique across the country.
        { "an IIN enrolled elsewhere: a transfer, never a second person", Enrol(), new("S1", Elsewhere), ["iin:AlreadyEnrolled(S1)"] },
        { "an IIN whose enrolment ends after the date", Enrol(), new("S1", Elsewhere with { To = new(2026, 11, 20) }), ["date:DateBeforeLastEnrolment(2026-11-20)"] },
        { "an IIN whose enrolment ends on the date", Enrol(), new("S1", Elsewhere with { To = new(2026, 11, 16) }), ["date:DateBeforeLastEnrolment(2026-11-16)"] },
    };

    [Theory]
    [MemberData(nameof(EnrolmentCases))]
    public void Enrolment_rules_name_their_field_and_code(string name, PupilEnrolmentRequest request, PupilIdentity? existing, string[] expected) =>
        AssertProblems(name, expected, PupilValidator.ValidateEnrolment(request, Year, existing, Today));

    public static TheoryData<string, string, JournalRowRef[], string[]> StartCases => new()
    {
        { "no roll-call since the date", "2026-11-20", [], [] },
        { "roll-calls before the date are not this pupil's", "2026-11-20", [new(90, new(2026, 11, 19))], [] },
        { "today's roll-calls taken before the pupil came are not a conflict", "2026-11-27", [new(300, new(2026, 11, 27))], [] },
        { "past days' roll-calls are named, with the day after the last one", "2026-11-20",
            [new(205, new(2026, 11, 24)), new(101, new(2026, 11, 20)), new(300, new(2026, 11, 27))], ["date:RollCallsBeforeEnrolment(101, 205|2|2026-11-25)"] },
        { "at most ten are named, all are counted", "2026-11-02", [.. Enumerable.Range(1, 12).Select(i => new JournalRowRef(500 + i, new(2026, 11, 2 + i)))],
            ["date:RollCallsBeforeEnrolment(501, 502, 503, 504, 505, 506, 507, 508, 509, 510|12|2026-11-15)"] },
    };

    [Theory]
    [MemberData(nameof(StartCases))]
    public void A_backdated_enrolment_is_refused_over_past_roll_calls_taken_without_the_pupil(string name, string date, JournalRowRef[] rollCalls, string[] expected) =>
        AssertProblems(name, expected, PupilValidator.ValidateStart(DateOnly.Parse(date), rollCalls, Today) is { } problem ? [problem] : []);

    private static readonly EnrolmentFacts InA = new("A", new(2026, 9, 1), null, Year);

    private static PupilEndRequest End(string? date = "2026-11-20", string? reason = "Moved to Almaty") =>
        new(date is null ? null : DateOnly.Parse(date), reason);

    public static TheoryData<string, PupilEndRequest, EnrolmentFacts?, JournalRowRef[], string[]> LeavingCases => new()
    {
        { "leaving with nothing after the day", End(), InA, [], [] },
        { "rows on the last day itself stay the pupil's", End(), InA, [new(101, new(2026, 11, 20))], [] },
        { "leaving on the day the enrolment began", End(date: "2026-09-01"), InA, [], [] },
        { "leaving today", End(date: "2026-11-27"), InA, [], [] },
        { "no date and no reason", new PupilEndRequest(null, null), InA, [], ["date:Required", "reason:ReasonRequired"] },
        { "tomorrow", End(date: "2026-11-28"), InA, [], ["date:DateInFuture"] },
        { "a reason of 501 characters", End(reason: new string('x', 501)), InA, [], ["reason:ReasonTooLong"] },
        { "not enrolled at all", End(), null, [], ["date:NotEnrolled"] },
        { "an enrolment already ended", End(), InA with { To = new(2026, 11, 1) }, [], ["date:NotEnrolled"] },
        { "before the enrolment began", End(date: "2026-08-31"), InA, [], ["date:DateBeforeEnrolment(2026-09-01)"] },
        { "marks and roll-calls after the day are named", End(), InA, [new(205, new(2026, 11, 23)), new(101, new(2026, 11, 19)), new(150, new(2026, 11, 21))],
            ["date:JournalRowsAfterDate(150, 205|2)"] },
        { "at most ten rows are named, all are counted", End(), InA, [.. Enumerable.Range(1, 12).Select(i => new JournalRowRef(1000 + i, new(2026, 11, 24)))],
            ["date:JournalRowsAfterDate(1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010|12)"] },
    };

    [Theory]
    [MemberData(nameof(LeavingCases))]
    public void Leaving_rules_name_their_field_and_code(string name, PupilEndRequest request, EnrolmentFacts? current, JournalRowRef[] rows, string[] expected) =>
        AssertProblems(name, expected, PupilValidator.ValidateLeaving(request, current, rows, Today));

    private static readonly PupilCard Card = new("Сәрсенбаев", "Әлихан", null, new(2015, 3, 14));

    public static TheoryData<string, PupilCorrectionRequest, string[]> CorrectionCases => new()
    {
        { "a last name corrected", new("Сарсенбаев", null, null, null, "Typo in the certificate"), [] },
        { "a middle name added", new(null, null, "Ержанұлы", null, "Added"), [] },
        { "the birth date the IIN encodes", new(null, null, null, new DateOnly(2015, 3, 14), "x"), ["reason:NothingChanged"] },
        { "another birth date than the IIN's", new(null, null, null, new DateOnly(2015, 3, 15), "x"), ["birthDate:IinBirthDateMismatch"] },
        { "a birth date in the future", new(null, null, null, new DateOnly(2027, 1, 1), "x"), ["birthDate:BirthDateInFuture"] },
        { "the same names again", new("Сәрсенбаев", "Әлихан", null, null, "x"), ["reason:NothingChanged"] },
        { "nothing given", new(null, null, null, null, "x"), ["reason:NothingChanged"] },
        { "no reason", new("Сарсенбаев", null, null, null, null), ["reason:ReasonRequired"] },
        { "a bidirectional override", new("Сарсен\u202Dбаев", null, null, null, "x"), ["lastName:NameInvalid"] },
    };

    [Theory]
    [MemberData(nameof(CorrectionCases))]
    public void Correction_rules_name_their_field_and_code(string name, PupilCorrectionRequest request, string[] expected) =>
        AssertProblems(name, expected, PupilValidator.ValidateCorrection(request, Card, Boy, Today));

    private static readonly string Mother = IinFor("850101", '4');

    private static ParentLinkRequest Link(string? iin = null, string? last = "Сәрсенбаева", string? first = "Гүлнар", string? relation = "mother",
        string? from = "2026-11-16", string? kind = "birthCertificate", string? number = "I-АЛ № 0123456") =>
        new(iin ?? Mother, last, first, null, relation, from is null ? null : DateOnly.Parse(from), kind, number);

    public static TheoryData<string, ParentLinkRequest, bool, ParentLinkFacts?, string[]> LinkCases => new()
    {
        { "a new parent linked by a birth certificate", Link(), false, null, [] },
        { "a known parent keeps their names", Link(last: null, first: null), true, null, [] },
        { "a guardian by a decision", Link(relation: "guardian", kind: "guardianshipDecision", number: "12/345"), false, null, [] },
        { "relinked after the last link ended", Link(), true, new("P1", null, new(2026, 10, 1)), [] },
        { "a new parent without names", Link(last: null, first: null), false, null, ["lastName:Required", "firstName:Required"] },
        { "the child's own IIN", Link(iin: Boy), false, null, ["iin:ParentIsChild"] },
        { "an IIN with a bad checksum", Link(iin: Mother[..11] + (char)('0' + ((Mother[11] - '0' + 1) % 10))), false, null, ["iin:IinInvalid"] },
        { "an unknown relation", Link(relation: "aunt"), false, null, ["relation:RelationInvalid"] },
        { "a relation by number", Link(relation: "0"), false, null, ["relation:RelationInvalid"] },
        { "an unknown document", Link(kind: "passport"), false, null, ["documentKind:DocumentKindInvalid"] },
        { "a document number with markup", Link(number: "<b>1</b>"), false, null, ["documentNumber:DocumentNumberInvalid"] },
        { "a document number of 41 characters", Link(number: new string('1', 41)), false, null, ["documentNumber:DocumentNumberInvalid"] },
        { "no document", Link(kind: null, number: null), false, null, ["documentKind:Required", "documentNumber:Required"] },
        { "from tomorrow", Link(from: "2026-11-28"), false, null, ["from:DateInFuture"] },
        { "a right-to-left override in a name", Link(first: "Гүл\u202Eнар"), false, null, ["firstName:NameInvalid"] },
        { "already linked", Link(), true, new("P1", null, null), ["iin:AlreadyLinked"] },
        { "relinked before the last link ended", Link(), true, new("P1", null, new(2026, 11, 16)), ["from:DateBeforeLink(2026-11-16)"] },
    };

    [Theory]
    [MemberData(nameof(LinkCases))]
    public void Link_rules_name_their_field_and_code(string name, ParentLinkRequest request, bool known, ParentLinkFacts? link, string[] expected) =>
        AssertProblems(name, expected, ParentLinkValidator.ValidateLink(request, Boy, known, link, Today));

    public static TheoryData<string, PupilEndRequest, ParentLinkFacts?, string[]> UnlinkCases => new()
    {
        { "an open link ends", End(), new("P1", null, null), [] },
        { "an open dated link ends on its first day", End(date: "2026-11-16"), new("P1", new(2026, 11, 16), null), [] },
        { "before the link began", End(date: "2026-11-15"), new("P1", new(2026, 11, 16), null), ["date:DateBeforeLink(2026-11-16)"] },
        { "no link", End(), null, ["parentId:NotLinked"] },
        { "a link already ended", End(), new("P1", null, new(2026, 11, 1)), ["parentId:NotLinked"] },
        { "no reason, tomorrow", End(date: "2026-11-28", reason: " "), new("P1", null, null), ["date:DateInFuture", "reason:ReasonRequired"] },
    };

    [Theory]
    [MemberData(nameof(UnlinkCases))]
    public void Unlink_rules_name_their_field_and_code(string name, PupilEndRequest request, ParentLinkFacts? link, string[] expected) =>
        AssertProblems(name, expected, ParentLinkValidator.ValidateUnlink(request, link, Today));

    [Theory]
    [InlineData("Сәрсенбаев"), InlineData("Өмірзақ-Ұлы"), InlineData("Іңкәр"), InlineData("Ёлкина"), InlineData("O'Neil"), InlineData("Ünal"), InlineData("de la Cruz")]
    public void Names_in_every_script_people_write_them_in_are_accepted(string name) => Assert.Null(PupilRules.NameError(name));

    [Theory]
    [InlineData("150314", '5', 2015, 3, 14, PupilSex.Male), InlineData("991231", '4', 1999, 12, 31, PupilSex.Female), InlineData("000229", '6', 2000, 2, 29, PupilSex.Female),
     InlineData("450509", '1', 1845, 5, 9, PupilSex.Male)]
    public void The_iin_says_its_holders_birth_date_and_sex(string yymmdd, char digit, int year, int month, int day, PupilSex sex)
    {
        var iin = IinFor(yymmdd, digit);
        Assert.Equal(new DateOnly(year, month, day), PupilRules.BirthDateOf(iin));
        Assert.Equal(sex, PupilRules.SexOf(iin));
    }

    [Theory]
    [InlineData("010229", '6'), InlineData("150230", '5'), InlineData("150014", '5'), InlineData("150314", '7'), InlineData("150314", '9')]
    public void An_impossible_birth_date_in_the_iin_is_none(string yymmdd, char digit) => Assert.Null(PupilRules.BirthDateOf(IinFor(yymmdd, digit)));

    private static void AssertProblems(string name, string[] expected, IReadOnlyList<PupilProblem> problems)
    {
        var actual = problems.Select(p => $"{p.Field}:{p.Error}" + (p.Arguments.Count > 0 ? $"({string.Join('|', p.Arguments)})" : "")).ToArray();
        Assert.True(expected.SequenceEqual(actual), $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }
}
