using System.Globalization;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using static EduInfo.Domain.EServices.PriorityCategory;

namespace EduInfo.UnitTests.EServices;

public sealed class KindergartenQueueTests
{
    private static readonly KindergartenQueueRules Rules = KindergartenQueueRules.Default;

    /// <summary>Entries written <c>id:priority:confirmed:seq</c>; the order the queue takes.</summary>
    [Theory]
    [InlineData(new[] { "a:None:false:1", "b:None:false:2", "c:None:false:3" }, "a b c", "receipt alone")]
    [InlineData(new[] { "a:None:false:1", "b:LargeFamily:true:5", "c:None:false:3" }, "b a c", "a confirmed priority goes ahead")]
    [InlineData(new[] { "a:None:false:1", "b:LargeFamily:false:5", "c:None:false:3" }, "a c b", "an unconfirmed one does not")]
    [InlineData(new[] { "a:LargeFamily:true:1", "b:WithoutParentalCare:true:9", "c:ChildWithDisability:true:4" }, "b c a", "categories in their precedence")]
    [InlineData(new[] { "a:LargeFamily:true:7", "b:LargeFamily:true:2" }, "b a", "one category: receipt")]
    [InlineData(new[] { "b:None:false:2", "a:None:false:2" }, "a b", "an equal receipt (impossible from one sequence) stays stable by id")]
    public void The_queue_orders_by_confirmed_priority_then_receipt(string[] entries, string order, string because)
    {
        _ = because;
        Assert.Equal(order.Split(' '), Rules.Order(entries.Select(Parse)).Select(e => e.ApplicationId));
    }

    [Fact]
    public void A_confirmed_priority_moves_its_child_up_and_those_it_passes_down_each_with_the_cause()
    {
        var before = Rules.Order(new[] { "a:None:false:1", "b:None:false:2", "c:LargeFamily:false:3", "d:None:false:4" }.Select(Parse));
        var after = Rules.Order(new[] { "a:None:false:1", "b:None:false:2", "c:LargeFamily:true:3", "d:None:false:4" }.Select(Parse));

        Assert.Equal(
            [
                new PositionChange("a", 1, 2, QueueChangeCause.PriorityChanged),
                new PositionChange("b", 2, 3, QueueChangeCause.PriorityChanged),
                new PositionChange("c", 3, 1, QueueChangeCause.PriorityChanged),
            ],
            KindergartenQueueRules.Changes(before, after, QueueChangeCause.PriorityChanged));
    }

    [Fact]
    public void A_directed_child_leaves_and_everyone_behind_moves_up_then_a_lapse_puts_it_back_where_its_filing_gave()
    {
        var queue = Rules.Order(new[] { "a:None:false:1", "b:None:false:2", "c:None:false:3" }.Select(Parse));
        var directed = queue.Skip(1).ToList();

        Assert.Equal(
            [new PositionChange("a", 1, null, QueueChangeCause.Directed), new PositionChange("b", 2, 1, QueueChangeCause.Directed), new PositionChange("c", 3, 2, QueueChangeCause.Directed)],
            KindergartenQueueRules.Changes(queue, directed, QueueChangeCause.Directed));
        var lapsed = Rules.Order(directed.Append(queue[0]));
        Assert.Equal(queue, lapsed);
        Assert.Equal(3, KindergartenQueueRules.Changes(directed, lapsed, QueueChangeCause.DirectionLapsed).Count);
        Assert.Empty(KindergartenQueueRules.Changes(queue, lapsed, QueueChangeCause.DirectionLapsed));
    }

    /// <summary>A birth date, the day of filing: whether the child may be queued (born, and not yet 6).</summary>
    [Theory]
    [InlineData("2026-11-30", "2026-11-30", true)]
    [InlineData("2020-12-01", "2026-11-30", true)]
    [InlineData("2020-11-30", "2026-11-30", false)]
    [InlineData("2026-12-01", "2026-11-30", false)]
    public void A_child_is_queued_from_birth_until_6(string birthDate, string day, bool admitted)
    {
        Assert.Equal(admitted, Rules.Admits(DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), DateOnly.Parse(day, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-12-10T11:00:00+05:00", "2026-12-18", "five working days over Independence Day")]
    [InlineData("2026-12-11T19:00:00+05:00", "2026-12-22", "given after hours on Friday: counted from Monday")]
    public void A_direction_is_usable_for_its_working_days(string directedAt, string until, string because)
    {
        _ = because;
        Assert.Equal(DateOnly.Parse(until, CultureInfo.InvariantCulture),
            Rules.DirectionUsableUntil(DateTimeOffset.Parse(directedAt, CultureInfo.InvariantCulture), new LabourCalendar([])));
    }

    private static QueueEntry Parse(string entry)
    {
        var parts = entry.Split(':');
        return new(parts[0], Enum.Parse<PriorityCategory>(parts[1]), bool.Parse(parts[2]), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
