using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Registry;

/// <summary>The student's latest enrolment, as a transfer is checked against it.</summary>
/// <param name="To">The last day, or null while it runs.</param>
public sealed record EnrolmentFacts(string ClassId, DateOnly From, DateOnly? To, string AcademicYear);

/// <summary>
/// Whether a student may move to another class from a date: the request first (every problem named), then the move
/// against the student's latest enrolment (its one problem).
/// </summary>
public static class TransferValidator
{
    /// <param name="destinationYear">The academic year of the requested class, or null when there is no such class.</param>
    /// <param name="current">The student's latest enrolment, or null when the student has none.</param>
    /// <param name="destinationClosed">Whether the requested class's organization is closed (it takes no pupils).</param>
    public static IReadOnlyList<RegistryProblem> Validate(TransferRequest request, string? destinationYear, EnrolmentFacts? current, DateOnly today,
        bool destinationClosed = false)
    {
        var problems = new List<RegistryProblem>();
        if (request.ToClassId is null)
        {
            problems.Add(new("toClassId", RegistryError.Required));
        }
        else if (destinationYear is null)
        {
            problems.Add(new("toClassId", RegistryError.ClassUnknown));
        }
        else if (destinationClosed)
        {
            problems.Add(new("toClassId", RegistryError.OrganizationClosed));
        }
        if (request.Date is not { } date)
        {
            problems.Add(new("date", RegistryError.Required));
        }
        else if (date > today)
        {
            problems.Add(new("date", RegistryError.DateInFuture));
        }
        if (!EntryRules.HasReason(request.Reason))
        {
            problems.Add(new("reason", RegistryError.ReasonRequired));
        }
        else if (!EntryRules.IsValidReason(request.Reason!))
        {
            problems.Add(new("reason", RegistryError.ReasonTooLong));
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        return MoveProblem(current, request.ToClassId!, destinationYear!, request.Date!.Value) is { } problem ? [problem] : [];
    }

    /// <summary>
    /// Only the latest enrolment moves, and only forward: a backdated transfer would reopen history (two open
    /// enrolments). The new class is another one of the same academic year.
    /// </summary>
    private static RegistryProblem? MoveProblem(EnrolmentFacts? current, string toClassId, string destinationYear, DateOnly date)
    {
        if (current is null || current.To < date)
        {
            return new("date", RegistryError.NotEnrolled);
        }
        if (current.ClassId == toClassId)
        {
            return new("toClassId", RegistryError.SameClass);
        }
        if (date <= current.From)
        {
            return new("date", RegistryError.DateBeforeEnrolment);
        }
        return current.AcademicYear != destinationYear ? new("toClassId", RegistryError.OtherAcademicYear) : null;
    }
}
