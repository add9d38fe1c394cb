namespace EduInfo.Tools.Benchmark;

/// <summary>
/// What the opening minute must not do (issue 22, item 8): lose an acknowledged filing, keep one twice, or put one
/// acknowledged before another was even sent after it in the server's order of receipt.
/// </summary>
public static class OpeningMinuteCheck
{
    /// <summary>A filing the client saw acknowledged: when it was last sent (the attempt answered 201) and when the 201 came, on one stopwatch.</summary>
    public sealed record Acked(Guid Id, double SentAt, double AckedAt);

    /// <summary>A row of the desk: the application's id and its receipt number (the server's order of receipt).</summary>
    public sealed record Row(Guid Id, long Receipt);

    public sealed record Result(IReadOnlyList<Guid> Lost, IReadOnlyList<Guid> Doubled, IReadOnlyList<Guid> Unacknowledged, IReadOnlyList<(Guid Earlier, Guid Later)> Reordered)
    {
        public bool None => Lost.Count == 0 && Doubled.Count == 0 && Unacknowledged.Count == 0 && Reordered.Count == 0;

        public override string ToString() =>
            $"{Lost.Count} lost, {Doubled.Count} doubled, {Unacknowledged.Count} filed without an acknowledgement, {Reordered.Count} reordered";
    }

    public static Result Compare(IReadOnlyCollection<Acked> acked, IReadOnlyCollection<Row> rows)
    {
        var byId = rows.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.ToList());
        var lost = acked.Where(a => !byId.ContainsKey(a.Id)).Select(a => a.Id).ToList();
        var doubled = byId.Where(g => g.Value.Count > 1).Select(g => g.Key).ToList();
        var ackedIds = acked.Select(a => a.Id).ToHashSet();
        var unacknowledged = byId.Keys.Where(id => !ackedIds.Contains(id)).ToList();

        // Ordered by receipt: B is reordered when some A received after it had been acknowledged before B was sent.
        var inOrder = acked.Where(a => byId.ContainsKey(a.Id)).OrderBy(a => byId[a.Id][0].Receipt).ToList();
        var reordered = new List<(Guid, Guid)>();
        var earliestAckAfter = new (double AckedAt, Guid Id)[inOrder.Count + 1];
        earliestAckAfter[inOrder.Count] = (double.PositiveInfinity, Guid.Empty);
        for (var i = inOrder.Count - 1; i >= 0; i--)
        {
            earliestAckAfter[i] = inOrder[i].AckedAt < earliestAckAfter[i + 1].AckedAt ? (inOrder[i].AckedAt, inOrder[i].Id) : earliestAckAfter[i + 1];
        }
        for (var i = 0; i < inOrder.Count; i++)
        {
            if (earliestAckAfter[i + 1].AckedAt < inOrder[i].SentAt)
            {
                reordered.Add((earliestAckAfter[i + 1].Id, inOrder[i].Id));
            }
        }
        return new Result(lost, doubled, unacknowledged, reordered);
    }
}
