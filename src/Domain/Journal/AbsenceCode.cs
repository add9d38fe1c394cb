namespace EduInfo.Domain.Journal;

/// <summary>
/// Attendance codes. On the wire they are ASCII names (Cyrillic «о» and Latin «o» look alike);
/// the Cyrillic letters н/п/б/о are display text only.
/// </summary>
public enum AbsenceCode
{
    /// <summary>н — absent without a reason.</summary>
    Unexcused = 0,
    /// <summary>п — absent with a reason.</summary>
    Excused = 1,
    /// <summary>б — absent, sick.</summary>
    Sick = 2,
    /// <summary>о — late; counts as attended.</summary>
    Late = 3,
}
