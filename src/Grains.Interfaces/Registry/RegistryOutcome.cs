namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// Why a registry write (a transfer, a timetable, a programme target) was refused. Codes, not texts: the Api renders
/// them in kk, ru or en, in camelCase on the wire.
/// </summary>
[GenerateSerializer]
public enum RegistryError
{
    /// <summary>The class or node written to does not exist (HTTP 404).</summary>
    NotFound,
    Required,
    // Transfers.
    ClassUnknown,
    DateInFuture,
    ReasonRequired,
    ReasonTooLong,
    NotEnrolled,
    SameClass,
    DateBeforeEnrolment,
    OtherAcademicYear,
    // Timetables.
    DateOutsideAcademicYear,
    TooManySlots,
    GroupUnknown,
    SubjectNotTaught,
    WeekdayOutOfRange,
    PeriodOutOfRange,
    SlotDuplicate,
    // Programme targets.
    NotArea,
    MetricUnknown,
    OutOfRange,
}

/// <summary>One reason a registry write was refused, pointing at the offending field (e.g. <c>slots[2].period</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record RegistryProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] RegistryError Error);

/// <summary>The answer to a registry write: done, or refused with every problem found and nothing written.</summary>
[GenerateSerializer, Immutable]
public sealed record RegistryOutcome([property: Id(0)] IReadOnlyList<RegistryProblem> Problems)
{
    public static readonly RegistryOutcome Done = new([]);

    public bool Accepted => Problems.Count == 0;

    /// <summary>True when the class or node itself does not exist (HTTP 404).</summary>
    public bool IsNotFound => Problems.Any(p => p.Error == RegistryError.NotFound);
}
