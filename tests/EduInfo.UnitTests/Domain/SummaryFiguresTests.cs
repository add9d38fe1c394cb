using EduInfo.Domain.Registry;
using EduInfo.Domain.Metrics;
using System.Reflection;
using EduInfo.Grains.Interfaces.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Serialization;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Domain;

/// <summary>
/// Every parent is the sum of its children through <c>operator +</c>, and the roll-up moves a parent by a child's
/// difference through <c>operator -</c>: a field either leaves out is silently lost up the hierarchy. Each property is
/// found by reflection, so a field added to <see cref="SummaryFigures"/> is checked without editing this test.
/// </summary>
public sealed class SummaryFiguresTests
{
    private static readonly PropertyInfo[] Fields = typeof(SummaryFigures).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(long)).ToArray();

    public static TheoryData<string> FieldNames => new(Fields.Select(p => p.Name));

    /// <summary>Figures with <paramref name="field"/> set to <paramref name="value"/> and every other field 0.</summary>
    private static SummaryFigures Only(PropertyInfo field, long value)
    {
        var figures = new SummaryFigures();
        field.SetValue(figures, value); // an init-only setter, called once on a fresh instance
        return figures;
    }

    [Fact]
    public void Every_figure_is_an_integer_field_that_travels_between_grains()
    {
        // All 55 figures; a property of another type would escape the walk below.
        var all = typeof(SummaryFigures).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.Equal(all.Length, Fields.Length);
        Assert.Equal(55, Fields.Length);
        // The Domain carries no Orleans ids: the surrogate does, one per figure, and a round trip through the Orleans
        // serializer keeps each figure (each set to a distinct value, so a swapped or dropped field shows).
        var ids = typeof(SummaryFiguresSurrogate).GetProperties().Select(p => p.GetCustomAttribute<IdAttribute>()?.Id).ToList();
        Assert.Equal(55, ids.Distinct().Count(id => id is not null));
        var figures = Fields.Select((field, i) => Only(field, i + 1)).Aggregate(SummaryFigures.Zero, (sum, one) => sum + one);
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        Assert.Equal(figures, serializer.Deserialize<SummaryFigures>(serializer.SerializeToArray(figures)));
        var summary = new NodeSummary("C1", NodeKind.Class, 7, figures, DateTimeOffset.UnixEpoch, [new SummaryCell(1, "MAT", figures)]);
        var back = serializer.Deserialize<NodeSummary>(serializer.SerializeToArray(summary));
        Assert.Equal(figures, back!.Figures);
        Assert.Equal(figures, Assert.Single(back.Cells!).Figures);
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Plus_and_minus_carry_each_field_and_touch_no_other(string name)
    {
        var field = Fields.Single(p => p.Name == name);
        var (a, b) = (Only(field, 1_000_003), Only(field, 250));

        AssertOnly(field, 1_000_253, a + b, "a + b");
        AssertOnly(field, 1_000_253, b + a, "b + a");
        AssertOnly(field, 999_753, a - b, "a - b");
        AssertOnly(field, -999_753, b - a, "b - a");
        AssertOnly(field, 1_000_253, SummaryFigures.Sum([a, SummaryFigures.Zero, b]), "Sum");
        AssertOnly(field, 999_753, new SummaryFigures.Accumulator().Add(a).Add(b, -1).ToFigures(), "accumulated a, − b");
        // A child's update moves its parent by the difference: parent - old + new.
        AssertOnly(field, 250, a + b - a, "a + b - a");
    }

    /// <summary>
    /// Only non-zero figures are stored: however figures were reached (an initializer, a sum, a difference, a copy), the
    /// same figures are equal, hash alike and store the same count; a copy made by <c>with</c> never changes its source.
    /// </summary>
    [Fact]
    public void The_same_figures_are_equal_however_they_were_reached()
    {
        var a = new SummaryFigures { Marks = 3, Students = 2, StudentsNotAttested = 7 };
        var b = new SummaryFigures { StudentsNotAttested = 7, Students = 2, Marks = 3 };
        var cases = new (string How, SummaryFigures Actual, SummaryFigures Expected, int Stored)[]
        {
            ("initializers in another order", b, a, 3),
            ("a sum", new SummaryFigures { Marks = 3 } + new SummaryFigures { Students = 2, StudentsNotAttested = 7 }, a, 3),
            ("a + b − b", a + new SummaryFigures { Late = 5 } - new SummaryFigures { Late = 5 }, a, 3),
            ("a − a", a - b, SummaryFigures.Zero, 0),
            ("a figure set to zero", a with { Students = 0 }, new SummaryFigures { Marks = 3, StudentsNotAttested = 7 }, 2),
            ("a figure changed", a with { Students = -4 }, new SummaryFigures { Marks = 3, Students = -4, StudentsNotAttested = 7 }, 3),
            ("a zero initializer", new SummaryFigures { Marks = 0 }, SummaryFigures.Zero, 0),
            ("the first and the last figure", new SummaryFigures { Students = 1 } + new SummaryFigures { StudentsNotAttested = 1 },
                new SummaryFigures { StudentsNotAttested = 1, Students = 1 }, 2),
            ("an accumulator's sum", new SummaryFigures.Accumulator().Add(new SummaryFigures { Marks = 3, Late = 5 })
                .Add(new SummaryFigures { Students = 2, StudentsNotAttested = 7 }).Add(new SummaryFigures { Late = 5 }, -1).ToFigures(), a, 3),
            ("an accumulator back to zero", new SummaryFigures.Accumulator().Add(a).Add(b, -1).ToFigures(), SummaryFigures.Zero, 0),
        };
        foreach (var (how, actual, expected, stored) in cases)
        {
            Assert.True(expected == actual, $"{how}: {actual} is not {expected}");
            Assert.True(expected.GetHashCode() == actual.GetHashCode(), $"{how}: the hashes differ");
            Assert.True(stored == actual.CountNonZero(), $"{how}: {actual.CountNonZero()} figures stored, expected {stored}");
        }
        Assert.Equal((3, 2, 7), (a.Marks, a.Students, a.StudentsNotAttested)); // the copies left their source alone
        Assert.NotEqual(a, a with { Late = 1 });
        Assert.NotEqual(a, a with { Marks = 4 });
        // What the wire surrogate builds: every figure in declaration order, zeros left out.
        var ordered = new long[SummaryFigures.Count];
        ordered[Array.IndexOf(Fields, Fields.Single(f => f.Name == nameof(SummaryFigures.Marks)))] = 3;
        ordered[Array.IndexOf(Fields, Fields.Single(f => f.Name == nameof(SummaryFigures.Students)))] = 2;
        ordered[^1] = 7;
        Assert.Equal(a, SummaryFigures.FromOrdered(ordered));
        Assert.Equal(3, SummaryFigures.FromOrdered(ordered).CountNonZero());
        Assert.Throws<ArgumentException>(() => SummaryFigures.FromOrdered(new long[3]));
    }

    /// <summary>
    /// Each stored value takes the fewest bytes that hold the largest of them: at the edges of every width the values
    /// read back exactly, with their sign, beside a small one; a sum that crosses an edge widens and a difference that
    /// comes back narrows again, equal to the same figures built directly.
    /// </summary>
    [Theory]
    [InlineData(1L, 1)]
    [InlineData(127L, 1)]
    [InlineData(128L, 2)]
    [InlineData(-128L, 1)]
    [InlineData(-129L, 2)]
    [InlineData(32_767L, 2)]
    [InlineData(32_768L, 3)]
    [InlineData(-8_388_608L, 3)]
    [InlineData(8_388_608L, 4)]
    [InlineData(2_147_483_647L, 4)]
    [InlineData(-2_147_483_649L, 5)]
    [InlineData(549_755_813_888L, 6)]
    [InlineData(-140_737_488_355_329L, 7)]
    [InlineData(36_028_797_018_963_968L, 8)]
    [InlineData(long.MaxValue, 8)]
    [InlineData(long.MinValue, 8)]
    public void A_value_takes_the_fewest_bytes_that_hold_it(long value, int width)
    {
        var figures = new SummaryFigures { Students = 3, SeatsHeld = value, StudentsNotAttested = -1 };
        Assert.Equal((3L, value, -1L), (figures.Students, figures.SeatsHeld, figures.StudentsNotAttested));
        Assert.Equal(3 * width, figures.StoredBytes());
        Assert.Equal(figures, SummaryFigures.FromOrdered([.. Fields.Select(f => (long)f.GetValue(figures)!)]));
        if (value is > long.MinValue + 1 and < long.MaxValue)
        {
            var one = new SummaryFigures { SeatsHeld = 1 };
            var wider = figures + one;
            Assert.Equal(value + 1, wider.SeatsHeld);
            Assert.Equal(figures, wider - one); // back to this width, canonical again
            Assert.Equal(figures.GetHashCode(), (wider - one).GetHashCode());
        }
    }

    /// <summary>
    /// A copy made by <c>with</c> that changes nothing (the breakdowns' <c>f with { Organizations = 0 }</c>) shares its
    /// source's stored bytes: it allocates only its own object, not a second array of the same values.
    /// </summary>
    [Fact]
    public void A_copy_that_changes_nothing_shares_its_values()
    {
        var source = new SummaryFigures { Students = 25, SeatsHeld = 21_000, Attended = 20_160, TermPercentSum = 1_800 };
        var copy = source with { Organizations = 0 };
        var allocated = long.MaxValue;
        for (var round = 0; round < 5; round++) // the least of five: a one-off cost on this thread is not the copy's
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            copy = source with { Organizations = 0, Late = 0 };
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(source, copy);
        Assert.InRange(allocated, 1, 40); // the object itself: a header, the mask and a reference
        Assert.Equal((1L, 21_000L), ((source with { Organizations = 0, Students = 1 }).Students, source.SeatsHeld)); // a real change still applies, to the copy
    }

    /// <summary>
    /// An accumulator sums as a chain of <c>+</c> does, across every width edge and back: 10,000 parts in both ways give
    /// equal figures; one that sums to zero says so and packs to no stored figure.
    /// </summary>
    [Fact]
    public void An_accumulator_sums_as_plus_does()
    {
        var random = new Random(26_5);
        var parts = Enumerable.Range(0, 10_000).Select(i => new SummaryFigures
        {
            Students = random.Next(-3, 4),
            SeatsHeld = random.NextInt64(0, 1L << (i % 40)),
            Attended = -random.Next(0, 200),
            StudentsNotAttested = i % 7 == 0 ? 1 : 0,
        }).ToList();
        var sum = new SummaryFigures.Accumulator();
        var chained = SummaryFigures.Zero;
        foreach (var part in parts)
        {
            sum.Add(part);
            chained += part;
        }
        Assert.Equal(chained, sum.ToFigures());
        Assert.False(sum.IsZero);
        foreach (var part in parts)
        {
            sum.Add(part, -1);
        }
        Assert.True(sum.IsZero);
        Assert.Equal(0, sum.ToFigures().CountNonZero());
        Assert.True(new SummaryFigures.Accumulator().IsZero);
    }

    private static void AssertOnly(PropertyInfo field, long expected, SummaryFigures actual, string operation)
    {
        Assert.True(expected == (long)field.GetValue(actual)!, $"{operation}: {field.Name} is {field.GetValue(actual)}, expected {expected}");
        foreach (var other in Fields.Where(p => p != field))
        {
            Assert.True((long)other.GetValue(actual)! == 0, $"{operation} on {field.Name} changed {other.Name} to {other.GetValue(actual)}");
        }
    }
}
