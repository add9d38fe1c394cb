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
    /// <summary>Not an area (a target's node; a new organization's parent): the republic, a region or a district.</summary>
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
    // Organizations opened and closed (issue 18).
    /// <summary>Not an id: 1–64 Latin letters, digits, '-', '_' or '.'.</summary>
    IdInvalid,
    /// <summary>A node, organization or class already has the id (HTTP 409).</summary>
    IdTaken,
    /// <summary>The kind does not belong under that node: schools, preschools and additional education under a district, colleges under a region.</summary>
    KindNotUnderNode,
    /// <summary>A republican school, under the republic itself, is opened by an operator only (HTTP 403).</summary>
    RepublicOperatorOnly,
    AlreadyClosed,
    DateBeforeOpening,
    /// <summary>What happens to the pupils is "end" or "transfer".</summary>
    PupilsUnknown,
    /// <summary>Pupils move from the day after the last day, which must have come already.</summary>
    TransferNotYet,
    /// <summary>A class with pupils on the last day has no class to move them to.</summary>
    TransferMissing,
    TransferDuplicate,
    /// <summary>Pupils move to a class of another organization.</summary>
    SameOrganization,
    /// <summary>The organization is closed: it takes no pupils, staff or assignments.</summary>
    OrganizationClosed,
    // Programme targets and the open ratings (issue 21).
    /// <summary>A target set for an area from above it cannot be replaced by the area's own officers (it is what rates them).</summary>
    TargetSetFromAbove,
    // An organization's public contacts (issue 21).
    AddressInvalid,
    AddressTooLong,
    PhoneInvalid,
    EmailInvalid,
    WebsiteInvalid,
    HeadNameInvalid,
}

/// <summary>One reason a registry write was refused, pointing at the offending field (e.g. <c>slots[2].period</c>).</summary>
public sealed record RegistryProblem(
    string Field,
    RegistryError Error);
