using EduInfo.Domain.Registry;
using EduInfo.Domain.Metrics;

namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>
/// A node's whole summary with its version: a class's version is its journal watermark, an aggregate's
/// is the sum of its children's versions, so versions only grow and a parent can drop stale updates.
/// <see cref="Figures"/> is the whole year over all subjects; <see cref="Cells"/> breaks it down by term and
/// subject (DESIGN.md §2, Metrics: every level, per term, overall and per subject); <see cref="Breakdowns"/> splits the
/// all-subjects cell of each term and the year by one dimension at a time (docs/analysis.md, Breakdowns).
/// <see cref="NewestCommit"/> is when the newest journal row written live into it was committed (a class: the newest it
/// applied since activation; an aggregate: the newest of its children), so freshness at each level is measured, not guessed.
/// <see cref="CatchingUp"/> says the figures are not yet whole: an aggregate after its activation (a restart) until every
/// child it found behind the journal has reported at the journal's version, or while a child is catching up; a class,
/// built from the journal at once, never is.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeSummary(
    [property: Id(0)] string NodeId,
    [property: Id(1)] NodeKind Kind,
    [property: Id(2)] long Version,
    [property: Id(3)] SummaryFigures Figures,
    [property: Id(4)] DateTimeOffset AsOf,
    [property: Id(5)] IReadOnlyList<SummaryCell>? Cells = null,
    [property: Id(6)] string? AcademicYear = null,
    [property: Id(7)] IReadOnlyList<BreakdownSlice>? Breakdowns = null,
    [property: Id(8)] DateTimeOffset? NewestCommit = null,
    [property: Id(9)] bool CatchingUp = false)
{
    /// <summary>The figures of one cell (zero when nothing was recorded there).</summary>
    public SummaryFigures Cell(SummaryKey key) =>
        key == SummaryKey.Total ? Figures : Cells?.FirstOrDefault(c => c.Term == key.Term && c.SubjectId == key.SubjectId)?.Figures ?? SummaryFigures.Zero;
}
