namespace EduInfo.Domain.Journal;

/// <summary>
/// Why a batch was refused. Codes, not texts: the Api renders them in kk, ru or en.
/// </summary>
public enum JournalError
{
    ClassNotFound,
    BatchEmpty,
    BatchTooLarge,
    Required,
    EntryIdDuplicateInBatch,
    StudentNotInClass,
    SubjectUnknown,
    NotAssigned,
    DateInFuture,
    DateOutsideAcademicYear,
    MarkKindUnknown,
    ScoreOutOfRange,
    MaxScoreOutOfRange,
    PeriodOutOfRange,
    AbsenteeDuplicate,
    AbsenceCodeUnknown,
    EntryIdConflict,
    LessonDuplicateInBatch,
    MaxScoreNotAllowed,
    LessonAlreadyRecorded,
    // The calendar (issue 5).
    CalendarMissing,
    DateOutsideTerm,
    DayOff,
    DayCancelled,
    TermClosed,
    // Corrections and term closes.
    ReasonRequired,
    ReasonTooLong,
    EntryNotFound,
    EntryAlreadyCorrected,
    CorrectionActionUnknown,
    NotAllowed,
    TermUnknown,
    TermNotStarted,
    TermAlreadyClosed,
    TermNotClosed,
    // Policies and calendars as data.
    PolicyInForce,
    PolicyWeightsInvalid,
    PolicyBandsInvalid,
    PolicyScaleInvalid,
    PolicyGradesInvalid,
    CalendarTermsInvalid,
    CalendarTermStarted,
    CalendarDayInvalid,
    CalendarDayPast,
    OrganizationKindUnknown,
    // Teaching groups.
    GroupUnknown,
    StudentNotInGroup,
    MarkKindNotAllowed,
    // Exemptions.
    ExemptionGroundUnknown,
    // The final attestation.
    ExamGradeNotAttested,
    ExamMarkOutOfRange,
    StudentRepeated,
    CouncilDecisionUnknown,
    CouncilCannotGraduate,
}
