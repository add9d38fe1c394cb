namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>What became of one entry of an accepted batch.</summary>
[GenerateSerializer]
public enum EntryStatus
{
    /// <summary>Committed now, with a new journal sequence number.</summary>
    Inserted = 0,
    /// <summary>A retry of an entry already committed with the same payload: nothing written.</summary>
    Duplicate = 1,
}
