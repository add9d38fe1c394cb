namespace EduInfo.Domain.Assessment;

/// <summary>What one component gives a student: its exact percentage, or why it has none.</summary>
public enum ComponentState
{
    /// <summary>Held for the group and written by the student: counts with its weight.</summary>
    Counted,
    /// <summary>Not held for the group this term: its weight is shared among the held components.</summary>
    NotHeld,
    /// <summary>Held but missed by the student, not yet written nor excused: no term mark until it is.</summary>
    Pending,
    /// <summary>Missed and excused by the head: its weight is shared among the others, for this student only.</summary>
    Excused,
}
