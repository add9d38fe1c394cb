using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Api.Live;

/// <summary>
/// An estimate of the managed bytes a cached summary and its serialized payloads hold (64-bit layout: 16-byte object
/// headers, 8-byte references, objects rounded to 8 bytes). A summary arrives deserialized, so nothing in it is shared
/// with another entry: every cell's subject id and figures count.
/// </summary>
public static class LiveMemory
{
    private const long Header = 16;
    private const long Reference = 8;

    /// <summary>A <see cref="SummaryFigures"/>: its header, a bit mask and the bytes of its non-zero figures (none: the shared empty array).</summary>
    public static long Of(SummaryFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var stored = figures.StoredBytes();
        return Header + 8 + Reference + (stored == 0 ? 0 : Round(Header + 8 + stored));
    }

    /// <summary>
    /// A <see cref="NodeSummary"/> object: two strings, the figures, the cells and the breakdowns by reference, the
    /// version, the instant (16 bytes), the newest commit (a nullable instant, 24) and the kind (padded to 8).
    /// </summary>
    private const long SummaryObject = Header + 5 * Reference + 8 + 16 + 24 + 8;

    /// <summary>A <see cref="SummaryCell"/> object: the term, the subject id and figures by reference.</summary>
    private const long CellObject = Header + 8 + 2 * Reference;

    /// <summary>A string: header, length, the characters in UTF-16 and a terminator, rounded up to 8 bytes.</summary>
    public static long Of(string? text) => text is null ? 0 : Round(Header + 4 + 2L * (text.Length + 1));

    public static long Of(NodeSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var bytes = SummaryObject + Of(summary.NodeId) + Of(summary.AcademicYear) + Of(summary.Figures);
        if (summary.Cells is { } cells)
        {
            // The list and its array, then each cell.
            bytes += Header + Reference + 8 + Round(Header + 8 + Reference * cells.Count);
            bytes += cells.Sum(c => CellObject + Of(c.SubjectId) + Of(c.Figures));
        }
        return bytes;
    }

    private static long Round(long bytes) => (bytes + 7) & ~7L;
}
