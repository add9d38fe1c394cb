using System.Globalization;
using EduInfo.Api.Live;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Api;

/// <summary>The live views' memory report estimates what a cached summary holds: checked against what building one allocates.</summary>
public sealed class LiveMemoryTests
{
    /// <summary>A summary as a deserializer builds it: a string of its own per cell, a list of exactly its cells.</summary>
    private static NodeSummary Build(int cells)
    {
        var list = new List<SummaryCell>(cells);
        for (var i = 0; i < cells; i++)
        {
            list.Add(new SummaryCell(i % 5, i.ToString("'S'000", CultureInfo.InvariantCulture), new SummaryFigures { Marks = i }));
        }
        return new NodeSummary(new string('O', 6), NodeKind.Organization, 42, new SummaryFigures { Marks = cells }, default, list, new string('Y', 9));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(80)]
    [InlineData(400)]
    public void The_estimate_of_a_summary_is_within_a_tenth_of_what_building_it_allocates(int cells)
    {
        // The least of several builds: a one-off cost on this thread (type loading, a tier-up of the JIT) is not the
        // summary's, and on a 300-byte summary it alone would leave the tenth.
        NodeSummary? summary = null;
        var allocated = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            summary = Build(cells);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        var estimate = LiveMemory.Of(summary!);
        Assert.InRange(estimate, allocated * 0.9, allocated * 1.1);
    }

    [Fact]
    public void A_string_counts_its_characters_in_utf16()
    {
        Assert.Equal(0, LiveMemory.Of((string?)null));
        Assert.Equal(LiveMemory.Of(new string('x', 10)) + 2000, LiveMemory.Of(new string('x', 1010)));
    }
}
