using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.EServices;

/// <summary>An application as the Ministry's figures count it: its service, when its term counts from, its deadline, its decision.</summary>
public sealed record CountedApplication(ServiceKind Service, DateOnly CountsFrom, DateOnly? DueOn, DateOnly? DecidedOn, ApplicationState State);

/// <summary>Applications alike in everything the figures read, and how many.</summary>
public sealed record CountedGroup(CountedApplication Application, int Count);

/// <summary>
/// How well an area is served (issue 22, item 9): applications received; decided; decided by their deadline (a service
/// carried out at once counts as on time); open past their deadline today; the median of working days from the day the
/// term counts from to the decision (null with none decided).
/// </summary>
public sealed record ServiceFigures(int Received, int Decided, int DecidedOnTime, int Overdue, double? MedianWorkingDaysToDecision)
{
    public static readonly ServiceFigures None = new(0, 0, 0, 0, null);

    public static ServiceFigures Of(IEnumerable<CountedApplication> applications, DateOnly today, LabourCalendar calendar) =>
        Of(applications.Select(a => new CountedGroup(a, 1)), today, calendar);

    /// <summary>
    /// The figures of applications counted in groups alike in what the figures read (the database groups them, so an
    /// area's figures read one row per service, day and decision, not one per application).
    /// </summary>
    public static ServiceFigures Of(IEnumerable<CountedGroup> groups, DateOnly today, LabourCalendar calendar)
    {
        var list = groups.Where(g => g.Count > 0).ToList();
        // An applicant's withdrawal is no decision of the office's (it records none); a decision taken before it still counts.
        var decided = list.Where(g => g.Application.DecidedOn is not null).ToList();
        var days = decided.Select(g => (Days: g.Application.DecidedOn!.Value < g.Application.CountsFrom ? 0
                : calendar.WorkingDaysBetween(g.Application.CountsFrom, g.Application.DecidedOn.Value), g.Count))
            .OrderBy(d => d.Days).ToList();
        return new ServiceFigures(
            list.Sum(g => g.Count),
            decided.Sum(g => g.Count),
            decided.Where(g => g.Application.DueOn is not { } due || g.Application.DecidedOn <= due).Sum(g => g.Count),
            list.Where(g => g.Application.State.AwaitsDecision() && g.Application.DueOn is { } due && today > due).Sum(g => g.Count),
            Median(days));
    }

    /// <summary>The median of values given with their counts, in ascending order (the mean of the middle two for an even total).</summary>
    private static double? Median(IReadOnlyList<(int Value, int Count)> ascending)
    {
        var total = ascending.Sum(v => v.Count);
        if (total == 0)
        {
            return null;
        }
        int At(int position)
        {
            var seen = 0;
            foreach (var (value, count) in ascending)
            {
                seen += count;
                if (position < seen)
                {
                    return value;
                }
            }
            throw new ArgumentOutOfRangeException(nameof(position));
        }
        return total % 2 == 1 ? At(total / 2) : (At(total / 2 - 1) + At(total / 2)) / 2.0;
    }
}
