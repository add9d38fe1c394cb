using EduInfo.Domain.Journal;
using EduInfo.Domain.YearEnd;
using static EduInfo.UnitTests.Domain.JournalWorld;

namespace EduInfo.UnitTests.Domain;

/// <summary>An examination of the final attestation entered for the journal world's class, moved to grade 9 (issue 20).</summary>
public sealed class ExamValidatorTests
{
    private static readonly FinalAttestationPolicy Policy = new();

    private static ClassRules Grade(int grade) => new(Class with { Grade = grade, Enrolments = [.. Class.Enrolments, new("S3", D("2026-09-01"), null)] },
        new EduInfo.Domain.Calendar.SchoolCalendar(Quarters), Policies, new HashSet<int> { 1 });

    private static ProposedExam Exam(string? subject = "MAT", params ProposedExamMark?[] marks) =>
        new(subject, marks.Length == 0 ? [new ProposedExamMark("S1", 5), new ProposedExamMark("S3", null)] : marks);

    public static TheoryData<string, JournalWriter, int, ProposedExam, string[]> Cases => new()
    {
        { "the head enters a grade 9 examination", Head, 9, Exam(), [] },
        { "grade 11", Head, 11, Exam(), [] },
        { "a subject taught to a subgroup", Head, 9, Exam("PHY"), [] },
        { "marks 2 and 5 are the bounds", Head, 9, Exam("MAT", new("S1", 2), new("S3", 5)), [] },

        { "a teacher", Teacher, 9, Exam(), ["subjectId:NotAllowed"] },
        { "the head of another school", OtherHead, 9, Exam(), ["subjectId:NotAllowed"] },
        { "grade 7 has no final attestation", Head, 7, Exam(), ["classId:ExamGradeNotAttested"] },
        { "no subject", Head, 9, Exam(null), ["subjectId:Required"] },
        { "a subject not taught", Head, 9, Exam("BIO"), ["subjectId:SubjectUnknown"] },
        { "no marks", Head, 9, new ProposedExam("MAT", []), ["marks:Required"] },
        { "marks missing", Head, 9, new ProposedExam("MAT", null), ["marks:Required"] },
        { "a null mark entry", Head, 9, Exam("MAT", new ProposedExamMark("S1", 4), null), ["marks[1]:Required"] },
        { "a mark of 1", Head, 9, Exam("MAT", new ProposedExamMark("S1", 1)), ["marks[0].mark:ExamMarkOutOfRange"] },
        { "a mark of 6", Head, 9, Exam("MAT", new ProposedExamMark("S1", 6)), ["marks[0].mark:ExamMarkOutOfRange"] },
        { "no pupil", Head, 9, Exam("MAT", new ProposedExamMark(null, 4)), ["marks[0].studentId:Required"] },
        { "a pupil who left", Head, 9, Exam("MAT", new ProposedExamMark("S2", 4)), ["marks[0].studentId:StudentNotInClass"] },
        { "a pupil of another class", Head, 9, Exam("MAT", new ProposedExamMark("S9", 4)), ["marks[0].studentId:StudentNotInClass"] },
        { "a pupil twice", Head, 9, Exam("MAT", new ProposedExamMark("S1", 4), new ProposedExamMark("S1", 5)), ["marks[1].studentId:StudentRepeated"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checks_each_examination(string why, JournalWriter writer, int grade, ProposedExam exam, string[] expected)
    {
        var result = ExamValidator.Validate(exam, Grade(grade), writer, Policy, Today);
        AssertProblems(why, expected, result.Problems);
        Assert.Equal(expected.Length == 0, result.Row is not null);
    }

    [Fact]
    public void The_examination_keeps_each_pupils_mark_and_the_registered_ones()
    {
        var row = ExamValidator.Validate(Exam(), Grade(9), Head, Policy, Today).Row!;
        Assert.Equal("MAT", row.SubjectId);
        Assert.Equal([("S1", 5), ("S3", (int?)null)], row.Marks);
    }
}
