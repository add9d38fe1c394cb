using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Api.Contracts;

/// <summary>The acknowledgement of a committed batch: every entry inserted now or already present (a retry).</summary>
public sealed record BatchResponse(int Inserted, int Duplicates, long Watermark, IReadOnlyList<EntryResult> Entries)
{
    public static BatchResponse Of(BatchOutcome outcome) => new(
        outcome.Entries.Count(e => e.Status == EntryStatus.Inserted),
        outcome.Entries.Count(e => e.Status == EntryStatus.Duplicate),
        outcome.Watermark,
        outcome.Entries);
}
