using System.Globalization;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;

namespace EduInfo.UnitTests.EServices;

public sealed class ServiceFiguresTests
{
    private static readonly DateOnly Today = new(2026, 12, 7); // a Monday

    private static CountedApplication A(string countsFrom, string? due, string? decided, ApplicationState state, ServiceKind service = ServiceKind.FirstGradeAdmission) =>
        new(service, D(countsFrom)!.Value, D(due), D(decided), state);

    private static DateOnly? D(string? day) => day is null ? null : DateOnly.Parse(day, CultureInfo.InvariantCulture);

    public static TheoryData<string, CountedApplication[], string> Cases => new()
    {
        { "nothing received", [], "0 0 0 0 -" },
        { "decided the day it counts from: 0 working days, on time", [A("2026-11-30", "2026-12-04", "2026-11-30", ApplicationState.Approved)], "1 1 1 0 0" },
        { "decided on its deadline: on time, 4 working days", [A("2026-11-30", "2026-12-04", "2026-12-04", ApplicationState.Refused)], "1 1 1 0 4" },
        { "decided a working day late (over a weekend): 5 working days", [A("2026-11-30", "2026-12-04", "2026-12-07", ApplicationState.Approved)], "1 1 0 0 5" },
        { "open past its deadline: overdue", [A("2026-11-30", "2026-12-04", null, ApplicationState.InReview)], "1 0 0 1 -" },
        { "open, due today: not overdue yet", [A("2026-12-01", "2026-12-07", null, ApplicationState.Filed)], "1 0 0 0 -" },
        { "withdrawn by the applicant before any decision: neither decided nor overdue", [A("2026-11-30", "2026-12-04", null, ApplicationState.Withdrawn)], "1 0 0 0 -" },
        { "a certificate carried out at once: on time", [A("2026-11-30", null, "2026-11-30", ApplicationState.Completed, ServiceKind.StudyCertificate)], "1 1 1 0 0" },
        { "the median of an even count is the mean of the middle two",
            [A("2026-11-30", "2026-12-04", "2026-11-30", ApplicationState.Approved), A("2026-11-30", "2026-12-04", "2026-12-01", ApplicationState.Approved),
             A("2026-11-30", "2026-12-04", "2026-12-03", ApplicationState.Approved), A("2026-11-30", "2026-12-04", "2026-12-07", ApplicationState.Approved)], "4 4 3 0 2" },
        { "16 December (Independence Day) is no working day",
            [A("2026-12-15", "2026-12-21", "2026-12-17", ApplicationState.Approved)], "1 1 1 0 1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Received_decided_on_time_overdue_and_the_median_working_days(string because, CountedApplication[] applications, string expected)
    {
        _ = because;
        var f = ServiceFigures.Of(applications, Today, new LabourCalendar([]));
        Assert.Equal(expected, $"{f.Received} {f.Decided} {f.DecidedOnTime} {f.Overdue} {f.MedianWorkingDaysToDecision?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Counted_in_groups_of_alike_applications_the_figures_are_the_same(string because, CountedApplication[] applications, string expected)
    {
        _ = because;
        var groups = applications.GroupBy(a => a).Select(g => new CountedGroup(g.Key, g.Count()));
        var f = ServiceFigures.Of(groups, Today, new LabourCalendar([]));
        Assert.Equal(expected, $"{f.Received} {f.Decided} {f.DecidedOnTime} {f.Overdue} {f.MedianWorkingDaysToDecision?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    }

    public static TheoryData<string, (int WorkingDays, int Count)[], string> Groups => new()
    {
        { "three at 0 days and one at 4: the median is 0", [(0, 3), (4, 1)], "4 0" },
        { "0, 2, 5, 5: the mean of 2 and 5", [(0, 1), (2, 1), (5, 2)], "4 3.5" },
        { "a thousand at 1 day, one at 4", [(1, 1000), (4, 1)], "1001 1" },
        { "an empty group counts nothing", [(3, 0), (1, 1)], "1 1" },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void The_median_weighs_each_group_by_its_count(string because, (int WorkingDays, int Count)[] groups, string expected)
    {
        _ = because;
        // Counting from Monday 30 November: 0–4 working days end on Monday to Friday; 5 on Monday 7 December.
        var from = new DateOnly(2026, 11, 30);
        DateOnly After(int days) => days < 5 ? from.AddDays(days) : from.AddDays(days + 2);
        var f = ServiceFigures.Of(groups.Select(g => new CountedGroup(new CountedApplication(ServiceKind.DocumentDuplicate, from, from.AddDays(30), After(g.WorkingDays),
            ApplicationState.Completed), g.Count)), Today, new LabourCalendar([]));
        Assert.Equal(expected, $"{f.Decided} {f.MedianWorkingDaysToDecision?.ToString(CultureInfo.InvariantCulture)}");
    }
}
