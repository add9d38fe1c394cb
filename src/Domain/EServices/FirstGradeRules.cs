using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.EServices;

/// <summary>Why an admission to the first grade cannot be filed.</summary>
public enum FirstGradeIneligibility
{
    /// <summary>Filed outside the service's window (today 1 April–31 August).</summary>
    OutsideWindow = 1,
    /// <summary>The child does not turn 6 in the year of filing.</summary>
    TooYoung = 2,
    /// <summary>The child turns 8 or more in the year: admission to a later grade is not this service.</summary>
    TooOld = 3,
}

/// <summary>A first-grade applicant as the school orders them when places are few.</summary>
public sealed record FirstGradeCandidate(string ApplicationId, bool FromAssignedTerritory, long ReceiptSeq);

/// <summary>
/// Admission to the first grade (pure): filed in the window, for a child who turns 6 in that calendar year (or 7, a
/// year's deferral on the PMPK's or the parents' choice), to an organization and grade for the academic year that
/// starts that September; no entrance testing. Children of the school's assigned territory come first, then the order
/// of receipt.
/// </summary>
public static class FirstGradeRules
{
    public const int Age = 6;
    public const int DeferredAge = 7;

    /// <summary>Why the filing is not possible, or null; the day is the filing's in Kazakhstan's time.</summary>
    public static FirstGradeIneligibility? Check(DateOnly birthDate, DateTimeOffset filedAt, ApplicationWindow window)
    {
        var day = DateOnly.FromDateTime(filedAt.ToOffset(KazakhstanClock.Offset).DateTime);
        if (!window.Contains(day))
        {
            return FirstGradeIneligibility.OutsideWindow;
        }
        var turns = day.Year - birthDate.Year;
        return turns < Age ? FirstGradeIneligibility.TooYoung : turns > DeferredAge ? FirstGradeIneligibility.TooOld : null;
    }

    /// <summary>The academic year an application filed on that instant admits to.</summary>
    public static string AdmittedYear(DateTimeOffset filedAt)
    {
        var year = filedAt.ToOffset(KazakhstanClock.Offset).Year;
        return $"{year}-{year + 1}";
    }

    /// <summary>The order in which places go: the assigned territory first, then the server's receipt order.</summary>
    public static IReadOnlyList<FirstGradeCandidate> Order(IEnumerable<FirstGradeCandidate> candidates) =>
        candidates.OrderByDescending(c => c.FromAssignedTerritory).ThenBy(c => c.ReceiptSeq).ToList();
}
