namespace EduInfo.Domain.Journal;

/// <summary>What a journal row records (a correction is a row of its original's kind, or a void).</summary>
public enum EntryKind
{
    /// <summary>A mark of one student.</summary>
    Mark = 0,
    /// <summary>A roll-call: one lesson with its roster and absentees.</summary>
    Lesson = 1,
    /// <summary>Withdraws the row it supersedes.</summary>
    Void = 2,
    /// <summary>A head's excusal of a student's missed summative.</summary>
    Excusal = 3,
    /// <summary>A head's exemption of a pupil from a subject for a term or the year.</summary>
    Exemption = 4,
}
