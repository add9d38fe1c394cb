using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.EServices;

/// <summary>An application as the Ministry's figures count it: its service, when its term counts from, its deadline, its decision.</summary>
public sealed record CountedApplication(ServiceKind Service, DateOnly CountsFrom, DateOnly? DueOn, DateOnly? DecidedOn, ApplicationState State);

/// <summary>
/// How well an area is served (issue 22, item 9): applications received; decided; decided by their deadline (a service
/// carried out at once counts as on time); open past their deadline today; the median of working days from the day the
/// term counts from to the decision (null with none decided).
/// </summary>
public sealed record ServiceFigures(int Received, int Decided, int DecidedOnTime, int Overdue, double? MedianWorkingDaysToDecision)
{
    public static readonly ServiceFigures None = new(0, 0, 0, 0, null);

    public static ServiceFigures Of(IEnumerable<CountedApplication> applications, DateOnly today, LabourCalendar calendar)
    {
        var list = applications.ToList();
        // An applicant's withdrawal is no decision of the office's (it records none); a decision taken before it still counts.
        var decided = list.Where(a => a.DecidedOn is not null).ToList();
        var days = decided.Select(a => a.DecidedOn!.Value < a.CountsFrom ? 0 : calendar.WorkingDaysBetween(a.CountsFrom, a.DecidedOn.Value)).Order().ToList();
        return new ServiceFigures(
            list.Count,
            decided.Count,
            decided.Count(a => a.DueOn is not { } due || a.DecidedOn <= due),
            list.Count(a => a.State.AwaitsDecision() && a.DueOn is { } due && today > due),
            days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2.0);
    }
}
