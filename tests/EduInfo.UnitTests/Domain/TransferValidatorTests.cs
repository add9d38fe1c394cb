using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Registry;

namespace EduInfo.UnitTests.Domain;

public sealed class TransferValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private const string Year = "2026-2027";

    // The student is in class A since 1 September; B is another class of the same year.
    private static readonly EnrolmentFacts InA = new("A", new(2026, 9, 1), null, Year);

    private static TransferRequest Request(string? to = "B", string? date = "2026-11-20", string? reason = "Parents' request") =>
        new(to, date is null ? null : DateOnly.Parse(date), reason);

    public static TheoryData<string, TransferRequest, string?, EnrolmentFacts?, string[]> Cases => new()
    {
        { "a transfer from a day after the enrolment began", Request(), Year, InA, [] },
        { "from today", Request(date: "2026-11-27"), Year, InA, [] },
        { "a reason of 500 characters", Request(reason: new string('x', 500)), Year, InA, [] },
        { "an enrolment ending on the day of the transfer still moves", Request(), Year, InA with { To = new(2026, 11, 20) }, [] },
        // The request: every problem named, field by field.
        { "no class", Request(to: null), Year, InA, ["toClassId:Required"] },
        { "no such class", Request(to: "NOPE"), null, InA, ["toClassId:ClassUnknown"] },
        { "no date", Request(date: null), Year, InA, ["date:Required"] },
        { "tomorrow", Request(date: "2026-11-28"), Year, InA, ["date:DateInFuture"] },
        { "no reason", Request(reason: null), Year, InA, ["reason:ReasonRequired"] },
        { "a blank reason", Request(reason: "  \t "), Year, InA, ["reason:ReasonRequired"] },
        { "a reason of 501 characters", Request(reason: new string('x', 501)), Year, InA, ["reason:ReasonTooLong"] },
        { "a reason with a line break", Request(reason: "first\nsecond"), Year, InA, ["reason:ReasonTooLong"] },
        { "nothing given", new TransferRequest(null, null, null), null, InA, ["toClassId:Required", "date:Required", "reason:ReasonRequired"] },
        { "a bad request is refused before the move is looked at", Request(to: "A", reason: null), Year, InA, ["reason:ReasonRequired"] },
        // The move against the latest enrolment: its one problem.
        { "a student with no enrolment", Request(), Year, null, ["date:NotEnrolled"] },
        { "an enrolment that ended before the date (history is not reopened)", Request(), Year, InA with { To = new(2026, 11, 19) }, ["date:NotEnrolled"] },
        { "to the class the student is in", Request(to: "A"), Year, InA, ["toClassId:SameClass"] },
        { "on the day the enrolment began", Request(date: "2026-09-01"), Year, InA, ["date:DateBeforeEnrolment"] },
        { "before the enrolment began", Request(date: "2026-08-31"), Year, InA, ["date:DateBeforeEnrolment"] },
        { "to a class of another year", Request(), "2025-2026", InA, ["toClassId:OtherAcademicYear"] },
        { "the same class is named before the date", Request(to: "A", date: "2026-09-01"), Year, InA, ["toClassId:SameClass"] },
        { "an ended enrolment is named before everything else", Request(to: "A", date: "2026-09-01"), "2025-2026", InA with { To = new(2026, 8, 31) }, ["date:NotEnrolled"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_names_its_field_and_code(string name, TransferRequest request, string? destinationYear, EnrolmentFacts? current, string[] expected)
    {
        var problems = TransferValidator.Validate(request, destinationYear, current, Today);
        Assert.True(expected.SequenceEqual(problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"))}]");
    }
}
