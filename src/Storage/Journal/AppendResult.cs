namespace EduInfo.Storage.Journal;

/// <summary>
/// The outcome of one append: either <see cref="ConflictingIds"/> is non-empty and nothing was written,
/// or every entry is in <see cref="Inserted"/> (new sequence number) or <see cref="Duplicates"/> (already there).
/// </summary>
public sealed record AppendResult(
    IReadOnlyDictionary<Guid, long> Inserted,
    IReadOnlyDictionary<Guid, long> Duplicates,
    IReadOnlyList<Guid> ConflictingIds)
{
    public bool IsConflict => ConflictingIds.Count > 0;
}
