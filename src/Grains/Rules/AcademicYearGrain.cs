using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Rollup;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Audit;
using EduInfo.Storage.YearEnd;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace EduInfo.Grains.Rules;

/// <summary>
/// Closes and reopens an academic year (key "2026-2027"), one operation at a time. Closing, in this order: the state is
/// written with its audit row (from then on a class that loads reads it), every class of the year is told (from then on
/// none takes a write), the hierarchy reconciles with the journal's watermarks, and every node's summary — the
/// republic down to each class — is archived. The archive is therefore exactly the journal as it stood at the close.
/// </summary>
public sealed class AcademicYearGrain(AcademicYearStore years, YearRollStore rolls, Serializer<NodeSummary> serializer, IKazakhstanClock clock,
    ILogger<AcademicYearGrain> logger)
    : Grain, IAcademicYearGrain
{
    private const int Parallelism = 32;

    private string Year => this.GetPrimaryKeyString();

    private bool IsWellFormed => AcademicCalendar.IsYear(Year);

    public async Task<AcademicYearOutcome> Close(Actor actor)
    {
        var classes = IsWellFormed ? await years.ClassesAsync(Year) : [];
        if (classes.Count == 0)
        {
            return Refused("academicYear", JournalError.YearUnknown);
        }
        var audit = new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "year.close", "year", Year, null, "committed",
            System.Text.Json.JsonSerializer.Serialize(new { classes = classes.Count }));
        if (!await years.SetClosedAsync(Year, close: true, reason: null, clock.UtcNow, audit))
        {
            return Refused("academicYear", JournalError.YearAlreadyClosed);
        }
        await ForEachAsync(classes, id => GrainFactory.GetGrain<IClassGrain>(id).SetYearClosed(true));
        var archived = await ArchiveAsync();
        logger.LogInformation("Academic year {Year} closed: {Classes} classes, {Archived} summaries archived", Year, classes.Count, archived);
        return new AcademicYearOutcome(Accepted, await Get());
    }

    public async Task<AcademicYearOutcome> Reopen(Actor actor, string? reason)
    {
        if (EntryRules.ReasonProblem(reason) is { } problem)
        {
            return new AcademicYearOutcome(BatchOutcome.Rejected([problem]));
        }
        var classes = IsWellFormed ? await years.ClassesAsync(Year) : [];
        if (classes.Count == 0)
        {
            return Refused("academicYear", JournalError.YearUnknown);
        }
        // The reason stays in the year's row; the audit keeps who and when (a reason may name people).
        var audit = new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "year.reopen", "year", Year, null, "committed");
        if (!await years.SetClosedAsync(Year, close: false, reason!.Trim(), clock.UtcNow, audit))
        {
            return Refused("academicYear", JournalError.YearNotClosed);
        }
        await ForEachAsync(classes, id => GrainFactory.GetGrain<IClassGrain>(id).SetYearClosed(false));
        return new AcademicYearOutcome(Accepted, await Get());
    }

    public async Task<YearRollOutcome> Roll(Actor actor)
    {
        var state = IsWellFormed ? await years.ReadAsync(Year) : null;
        var (classes, pupils) = IsWellFormed ? await rolls.ReadAsync(Year) : ([], []);
        if (classes.Count == 0)
        {
            return new YearRollOutcome(BatchOutcome.Rejected([EntryRules.Problem("academicYear", JournalError.YearUnknown)]));
        }
        if (state?.Closed != true)
        {
            return new YearRollOutcome(BatchOutcome.Rejected([EntryRules.Problem("academicYear", JournalError.YearNotClosed)]));
        }
        var versions = await GrainFactory.GetGrain<IFinalAttestationPolicyGrain>(IFinalAttestationPolicyGrain.Key).GetVersions();
        var plan = YearRoll.Plan(Year, classes, pupils, FinalAttestationPolicies.InForce(versions, Year));
        if (!plan.CanRoll)
        {
            return new YearRollOutcome(BatchOutcome.Rejected([EntryRules.Problem("academicYear", JournalError.CouncilUndecided,
                plan.Undecided.Count, string.Join(", ", plan.Undecided.Select(p => p.ClassId).Distinct().Take(5)))]));
        }
        var audit = new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "year.roll", "year", Year, null, "committed");
        if (await rolls.RollAsync(Year, plan, audit) == RollWrite.AlreadyRolled)
        {
            return new YearRollOutcome(BatchOutcome.Rejected([EntryRules.Problem("academicYear", JournalError.YearAlreadyRolled, plan.NextYear)]));
        }
        // The ended year's classes stop publishing to the live summaries; the hierarchy then counts the new year's.
        await ForEachAsync(await years.ClassesAsync(Year), id => GrainFactory.GetGrain<IClassGrain>(id).SetYearClosed(true));
        await ReconcileAsync(await years.NodesAsync(plan.NextYear));
        logger.LogInformation("Academic year {Year} rolled into {Next}: {Classes} classes", Year, plan.NextYear, plan.Classes.Count);
        return new YearRollOutcome(Accepted, new YearRollView(plan.NextYear, plan.Classes.Count,
            plan.Moves.GroupBy(m => CouncilValidator.NameOf(m.Decision)).ToDictionary(g => g.Key, g => g.Count())));
    }

    public async Task<AcademicYearView> Get()
    {
        var state = IsWellFormed ? await years.ReadAsync(Year) : null;
        var classes = IsWellFormed ? (await years.ClassesAsync(Year)).Count : 0;
        return new AcademicYearView(Year, state?.Closed == true, state?.ClosedAt, classes, IsWellFormed ? await years.ArchivedCountAsync(Year) : 0, state?.ReopenedAt);
    }

    /// <summary>Reconciles the hierarchy with the journal, then archives every node's summary; returns how many.</summary>
    private async Task<int> ArchiveAsync()
    {
        var nodes = await years.NodesAsync(Year);
        if (await years.HasRolledAsync(Year))
        {
            return await ArchiveRolledAsync(nodes);
        }
        await ReconcileAsync(nodes);
        var summaries = new (YearNode, byte[])[nodes.Count];
        await ForEachAsync(Enumerable.Range(0, nodes.Count).ToList(), async i =>
            summaries[i] = (nodes[i], serializer.SerializeToArray(await GrainFactory.SummaryNode(nodes[i].Kind, nodes[i].NodeId).GetSummary())));
        await years.WriteArchiveAsync(Year, summaries);
        return summaries.Length;
    }

    private async Task ReconcileAsync(IReadOnlyList<YearNode> nodes)
    {
        foreach (var root in nodes.Where(n => n.Kind == NodeKind.Republic))
        {
            await GrainFactory.SummaryNode(root.Kind, root.NodeId).Reconcile();
        }
    }

    /// <summary>
    /// Closing anew a year that has rolled: the hierarchy counts the next year now, so each class's change since the
    /// archive (a correction made while reopened) is carried up through its ancestors' archived summaries.
    /// </summary>
    private async Task<int> ArchiveRolledAsync(IReadOnlyList<YearNode> nodes)
    {
        var archived = new Dictionary<string, NodeSummary>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (await years.ReadArchivedAsync(Year, node.NodeId) is { } bytes)
            {
                archived[node.NodeId] = serializer.Deserialize(bytes)!;
            }
        }
        var parents = nodes.ToDictionary(n => n.NodeId, n => n.ParentId, StringComparer.Ordinal);
        foreach (var cls in nodes.Where(n => n.Kind == NodeKind.Class))
        {
            var now = await GrainFactory.GetGrain<IClassGrain>(cls.NodeId).GetSummary();
            var before = archived.GetValueOrDefault(cls.NodeId);
            archived[cls.NodeId] = now;
            for (var up = cls.ParentId; up is not null && archived.TryGetValue(up, out var ancestor); up = parents.GetValueOrDefault(up))
            {
                archived[up] = ArchivedSummaries.Replace(ancestor, before, now);
            }
        }
        var summaries = nodes.Where(n => archived.ContainsKey(n.NodeId)).Select(n => (n, serializer.SerializeToArray(archived[n.NodeId]))).ToList();
        await years.WriteArchiveAsync(Year, summaries);
        return summaries.Count;
    }

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> call)
    {
        foreach (var chunk in items.Chunk(Parallelism))
        {
            await Task.WhenAll(chunk.Select(call));
        }
    }

    private static readonly BatchOutcome Accepted = new(true, [], [], 0);

    private static AcademicYearOutcome Refused(string field, JournalError error) => new(BatchOutcome.Rejected([EntryRules.Problem(field, error)]));
}
