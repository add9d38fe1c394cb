namespace EduInfo.Domain.Registry;

/// <summary>
/// Why a registry write (a transfer, a timetable, a programme target) was refused. Codes, not texts: the Api renders
/// them in kk, ru or en, in camelCase on the wire.
/// </summary>
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
    // Transfers, added later (the numbers above travel between silos and stay).
    /// <summary>The student's enrolment changed under every attempt (an import at the same moment): send it again.</summary>
    EnrolmentChanged,
    // Organization profiles.
    NameInvalid,
    NameTooLong,
    LanguageUnknown,
    LanguageDuplicate,
    LanguagesTooMany,
    KindUnknown,
    /// <summary>Only officers above the organization and operators change its kind, not its head (HTTP 403).</summary>
    KindChangeForbidden,
    /// <summary>The organization has classes, whose calendars and assessment rules follow its kind.</summary>
    KindInUse,
}

/// <summary>One reason a registry write was refused, pointing at the offending field (e.g. <c>slots[2].period</c>).</summary>
public sealed record RegistryProblem(
    string Field,
    RegistryError Error);
