namespace EduInfo.Domain.Assessment;

/// <summary>How a student's term stands.</summary>
public enum TermOutcome
{
    /// <summary>A term mark (projected while the term is open, final once closed).</summary>
    Marked,
    /// <summary>Grade assessed descriptively: no term mark.</summary>
    Descriptive,
    /// <summary>A held summative is still to be written: no term mark yet.</summary>
    Pending,
    /// <summary>Nothing assessed yet while the term is open: left out.</summary>
    NotYetAssessed,
    /// <summary>Nothing assessed when the term closed: н/а (not attested).</summary>
    NotAttested,
    /// <summary>Exempt from the subject (босатылған / освобождён): no mark, and out of the subject's metrics.</summary>
    Exempt,
}
