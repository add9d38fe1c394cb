namespace EduInfo.Domain.Registry;

/// <summary>
/// Why a pupil's or parent's registry write (enrolment, leaving, correction, parent link) was refused. Codes, not
/// texts: the Api renders them in kk, ru or en as <c>pupil.error.{code}</c>, camelCase on the wire. Appended only:
/// the numbers travel between silos.
/// </summary>
public enum PupilError
{
    /// <summary>The class, pupil or link written to does not exist (HTTP 404).</summary>
    NotFound,
    Required,
    IinInvalid,
    IinBirthDateMismatch,
    IinSexMismatch,
    NameInvalid,
    NameTooLong,
    SexInvalid,
    BirthDateInFuture,
    DateInFuture,
    DateOutsideAcademicYear,
    ReasonRequired,
    ReasonTooLong,
    /// <summary>The IIN is already enrolled (argument: the pupil's id): a move is a transfer, never a second person.</summary>
    AlreadyEnrolled,
    /// <summary>A returning pupil's new enrolment would start before their last one ended.</summary>
    DateBeforeLastEnrolment,
    NotEnrolled,
    DateBeforeEnrolment,
    /// <summary>The journal already holds rows of the pupil after the date (arguments: their sequence numbers).</summary>
    JournalRowsAfterDate,
    NothingChanged,
    RelationInvalid,
    DocumentKindInvalid,
    DocumentNumberInvalid,
    AlreadyLinked,
    NotLinked,
    DateBeforeLink,
    /// <summary>The parent's IIN is the child's own.</summary>
    ParentIsChild,
    /// <summary>The record changed under every attempt (another write at the same moment): send it again.</summary>
    Changed,
    /// <summary>
    /// Roll-calls of the class on past days from the enrolment's date were taken without the pupil (arguments: their
    /// sequence numbers, how many, the first day the pupil can be enrolled from).
    /// </summary>
    RollCallsBeforeEnrolment,
    /// <summary>The class's organization is closed: it takes no pupils.</summary>
    OrganizationClosed,
    /// <summary>An upload's row names a class that is not one of the organization's (another school's, or none).</summary>
    ClassNotInOrganization,
    /// <summary>An upload gives the same IIN twice (argument: the line it is first given on).</summary>
    IinRepeated,
}

/// <summary>One reason a pupil or parent write was refused, on a field, with the values its message names.</summary>
public sealed record PupilProblem(string Field, PupilError Error, IReadOnlyList<string> Arguments)
{
    public PupilProblem(string field, PupilError error) : this(field, error, []) { }
}
