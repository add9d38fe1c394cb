namespace EduInfo.Tools.Import;

/// <summary>Why a file, a header or a row of an import is refused; each has a text <c>import.error.&lt;Code&gt;</c> in kk, ru and en.</summary>
public enum ImportErrorCode
{
    // The folder and the files.
    NoFiles,
    UnknownFile,
    InvalidEncoding,
    UnterminatedQuote,
    BadQuote,
    EmptyFile,

    // The header and the shape of a row.
    UnknownColumn,
    MissingColumn,
    DuplicateColumn,
    FieldCount,

    // One value.
    Required,
    BadId,
    BadDate,
    BadBoolean,
    BadNumber,
    UnknownValue,
    /// <summary>A Domain rule refused the value (the API's message for the same fault): <see cref="ImportError.RuleKey"/>.</summary>
    Rule,
    GradeOutOfRange,
    NumberOutOfRange,
    EndBeforeStart,
    BadAcademicYear,

    // A row against the other rows and the registry.
    DuplicateId,
    IdExists,
    DuplicateIin,
    IinExists,
    DuplicateRow,
    RowExists,
    UnknownNode,
    UnknownOrganization,
    UnknownSubject,
    UnknownClass,
    UnknownGroup,
    UnknownStudent,
    UnknownTeacher,
    UnknownParent,
    NodeCycle,
    WrongParentKind,
    RepublicWithParent,
    SecondRepublic,
    ProfileWithClass,
    WholeClassGroup,
}
