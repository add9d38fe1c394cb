using EduInfo.Domain.Journal;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

public sealed class ExcusalValidatorTests
{
    private static readonly Guid Id = Guid.Parse("00000000-0000-0000-0000-0000000000e1");

    private static ProposedExcusal Excusal(string? student = "S1", string? subject = "MAT", int? term = 2, string? kind = "section", string? reason = "ill on the day") =>
        new(Id, student, subject, term, kind, reason);

    public static TheoryData<string, JournalWriter, ProposedExcusal, string[]> Cases => new()
    {
        { "the head excuses a section summative", Head, Excusal(), [] },
        { "a term summative", Head, Excusal(kind: "term"), [] },
        { "a district head", DistrictHead, Excusal(), [] },
        { "a student who has left since", Head, Excusal(student: "S2"), [] },
        { "a subject taught to a subgroup", Head, Excusal(subject: "PHY"), [] },

        // Only a head of the class's organization or above; nothing else is looked at.
        { "a teacher", Teacher, Excusal(), ["studentId:NotAllowed"] },
        { "the head of another school", OtherHead, Excusal(), ["studentId:NotAllowed"] },
        { "an empty excusal by a teacher", Teacher, new ProposedExcusal(null, null, null, null, null, null), ["studentId:NotAllowed"] },

        { "no entry id", Head, Excusal() with { EntryId = null }, ["entryId:Required"] },
        { "an empty entry id", Head, Excusal() with { EntryId = Guid.Empty }, ["entryId:Required"] },
        { "no student", Head, Excusal(student: null), ["studentId:Required"] },
        { "an empty student", Head, Excusal(student: ""), ["studentId:Required"] },
        { "a student of another class", Head, Excusal(student: "S9"), ["studentId:StudentNotInClass"] },
        { "no subject", Head, Excusal(subject: null), ["subjectId:Required"] },
        { "a subject not taught to the class", Head, Excusal(subject: "BIO"), ["subjectId:SubjectUnknown"] },
        { "no kind", Head, Excusal(kind: null), ["kind:Required"] },
        { "a formative mark", Head, Excusal(kind: "formative"), ["kind:MarkKindUnknown"] },
        { "a development level", Head, Excusal(kind: "development"), ["kind:MarkKindUnknown"] },
        { "an unknown kind", Head, Excusal(kind: "exam"), ["kind:MarkKindUnknown"] },
        { "no reason", Head, Excusal(reason: null), ["reason:ReasonRequired"] },
        { "a blank reason", Head, Excusal(reason: " \t "), ["reason:ReasonRequired"] },
        { "a reason of 501 characters", Head, Excusal(reason: new string('r', 501)), ["reason:ReasonTooLong"] },
        { "a reason with a control character", Head, Excusal(reason: "ill\u0007"), ["reason:ReasonTooLong"] },
        { "a reason with a bidi override", Head, Excusal(reason: "ill\u202Eeht"), ["reason:ReasonTooLong"] },
        { "a reason with a zero-width space", Head, Excusal(reason: "i\u200Bll"), ["reason:ReasonTooLong"] },
        { "no term", Head, Excusal(term: null), ["term:Required"] },
        { "an unknown term", Head, Excusal(term: 9), ["term:TermUnknown"] },
        { "term 0", Head, Excusal(term: 0), ["term:TermUnknown"] },
        { "a term not started", Head, Excusal(term: 3), ["term:TermNotStarted"] },
        { "a closed term", Head, Excusal(term: 1), ["term:TermClosed"] },
        { "everything missing", Head, new ProposedExcusal(null, null, null, null, null, null),
            ["entryId:Required", "studentId:Required", "subjectId:Required", "kind:Required", "reason:ReasonRequired", "term:Required"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_each_excusal(string why, JournalWriter writer, ProposedExcusal excusal, string[] expected)
    {
        var result = ExcusalValidator.Validate(excusal, RulesOf(), writer, Today);
        AssertProblems(why, expected, result.Problems);
        Assert.Equal(expected.Length == 0, result.Row is not null);
    }

    [Fact]
    public void Without_a_calendar_no_term_can_be_excused()
    {
        AssertProblems("no calendar", ["term:CalendarMissing"], ExcusalValidator.Validate(Excusal(), RulesOf(noCalendar: true), Head, Today).Problems);
    }

    [Fact]
    public void The_excusal_is_dated_on_its_terms_first_day_with_the_trimmed_reason()
    {
        var row = ExcusalValidator.Validate(Excusal(kind: "term", reason: "  ill  "), RulesOf(), Head, Today).Row!;
        Assert.Equal((Id, "S1", "MAT", D("2026-11-02"), MarkKind.Term, "ill"), (row.EntryId, row.StudentId, row.SubjectId, row.Date, row.Kind, row.Reason));
    }

    [Fact]
    public void The_payload_hash_follows_the_content()
    {
        byte[] HashOf(ProposedExcusal e) => ExcusalValidator.Validate(e, RulesOf(), Head, Today).Row!.PayloadHash;
        Assert.Equal(HashOf(Excusal()), HashOf(Excusal()));
        Assert.Equal(HashOf(Excusal()), HashOf(Excusal()), new ByteComparer());
        Assert.NotEqual(HashOf(Excusal()), HashOf(Excusal(kind: "term")));
        Assert.NotEqual(HashOf(Excusal()), HashOf(Excusal(student: "S2")));
        Assert.NotEqual(HashOf(Excusal()), HashOf(Excusal(reason: "another")));
    }

    private sealed class ByteComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
