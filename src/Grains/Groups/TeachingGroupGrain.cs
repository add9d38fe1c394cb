using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using System.Security.Cryptography;
using System.Text;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Registry;

namespace EduInfo.Grains.Groups;

/// <summary>
/// A cross-class profile group: splits a batch by home class (a mark goes to the student's class on its date; a
/// roll-call becomes one row per home class, each with its part of the roster), checks every part with its class,
/// and only then writes the parts through the classes' own write paths. Field names in problems refer to the batch
/// as sent.
/// </summary>
public sealed class TeachingGroupGrain(RegistryStore registry) : Grain, ITeachingGroupGrain
{
    private string GroupId => this.GetPrimaryKeyString();

    public async Task<BatchOutcome> RecordMarks(Actor actor, MarkBatch batch)
    {
        if (await MembersAsync() is not { } members)
        {
            return BatchOutcome.Rejected([new("groupId", JournalError.GroupUnknown, [])]);
        }
        var entries = batch.Entries ?? [];
        var parts = new Dictionary<string, List<(int Index, MarkEntry Entry)>>(StringComparer.Ordinal);
        var problems = new List<EntryProblem>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var home = entry is { StudentId: { } student, Date: { } date } ? HomeClass(members, student, date) : null;
            if (entry is null || home is null)
            {
                problems.Add(new($"entries[{i}].studentId", entry is null ? JournalError.Required : JournalError.StudentNotInGroup, []));
                continue;
            }
            Part(parts, home).Add((i, entry with { GroupId = GroupId }));
        }
        if (entries.Count == 0)
        {
            return BatchOutcome.Rejected([new("entries", JournalError.BatchEmpty, [])]);
        }
        var (refused, results, watermark) = await CheckThenWriteAsync(parts, problems,
            (cls, part) => cls.CheckMarks(actor, new MarkBatch(part)), (cls, part) => cls.RecordMarks(actor, new MarkBatch(part)));
        return refused ?? new BatchOutcome(true, Enumerable.Range(0, entries.Count).Select(i => results[i].Single()).ToList(), [], watermark);
    }

    public async Task<BatchOutcome> RecordLessons(Actor actor, LessonBatch batch)
    {
        if (await MembersAsync() is not { } members)
        {
            return BatchOutcome.Rejected([new("groupId", JournalError.GroupUnknown, [])]);
        }
        var entries = batch.Entries ?? [];
        if (entries.Count == 0)
        {
            return BatchOutcome.Rejected([new("entries", JournalError.BatchEmpty, [])]);
        }
        var parts = new Dictionary<string, List<(int Index, LessonEntry Entry)>>(StringComparer.Ordinal);
        var problems = new List<EntryProblem>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry?.Date is not { } date || entry.EntryId is not { } entryId)
            {
                // Without a date or an id the entry cannot be split; the first class reports what is missing.
                var first = members.Select(m => m.ClassId).Order(StringComparer.Ordinal).FirstOrDefault();
                if (first is not null)
                {
                    Part(parts, first).Add((i, entry!));
                }
                continue;
            }
            var classes = members.Where(m => m.Membership.CoversDate(date) && m.Enrolment.CoversDate(date)).GroupBy(m => m.ClassId).ToList();
            var absentees = entry.Absentees ?? [];
            for (var a = 0; a < absentees.Count; a++)
            {
                if (absentees[a]?.StudentId is { } student && !classes.Any(c => c.Any(m => m.Membership.StudentId == student)))
                {
                    problems.Add(new($"entries[{i}].absentees[{a}].studentId", JournalError.StudentNotInGroup, []));
                }
            }
            foreach (var cls in classes)
            {
                var here = cls.Select(m => m.Membership.StudentId).ToHashSet(StringComparer.Ordinal);
                // Each class's row has its own idempotency key, derived from the entry's: a retry maps to the same rows.
                Part(parts, cls.Key).Add((i, entry with
                {
                    EntryId = PartId(entryId, cls.Key),
                    GroupId = GroupId,
                    Absentees = absentees.Where(a => a?.StudentId is { } s && here.Contains(s)).ToList(),
                }));
            }
        }
        var (refused, results, watermark) = await CheckThenWriteAsync(parts, problems,
            (cls, part) => cls.CheckLessons(actor, new LessonBatch(part)), (cls, part) => cls.RecordLessons(actor, new LessonBatch(part)));
        if (refused is not null)
        {
            return refused;
        }
        // One result per lesson as sent: inserted if any class's row was new, with the highest sequence number.
        return new BatchOutcome(true, Enumerable.Range(0, entries.Count).Select(i => results.TryGetValue(i, out var rows)
            ? new EntryResult(entries[i]!.EntryId!.Value, rows.Any(r => r.Status == EntryStatus.Inserted) ? EntryStatus.Inserted : EntryStatus.Duplicate, rows.Max(r => r.Sequence))
            : new EntryResult(entries[i]?.EntryId ?? Guid.Empty, EntryStatus.Duplicate, 0)).ToList(), [], watermark);
    }

    /// <summary>
    /// Checks every class's part (a class whose copy of the registry predates the group or its assignment is refreshed
    /// once and checked again), and only when no part has a problem writes them, class by class. Results are keyed by
    /// the entry's index in the batch as sent.
    /// </summary>
    private async Task<(BatchOutcome? Refused, Dictionary<int, List<EntryResult>> Results, long Watermark)> CheckThenWriteAsync<T>(
        Dictionary<string, List<(int Index, T Entry)>> parts, List<EntryProblem> problems,
        Func<IClassGrain, IReadOnlyList<T>, Task<IReadOnlyList<EntryProblem>>> check,
        Func<IClassGrain, IReadOnlyList<T>, Task<BatchOutcome>> write)
    {
        foreach (var (classId, part) in parts)
        {
            var cls = GrainFactory.GetGrain<IClassGrain>(classId);
            var entries = part.Select(p => p.Entry).ToList();
            var found = await check(cls, entries);
            if (found.Any(p => p.Error is JournalError.GroupUnknown or JournalError.NotAssigned))
            {
                await cls.Refresh();
                found = await check(cls, entries);
            }
            problems.AddRange(found.Select(p => Renumber(p, part)));
        }
        var results = new Dictionary<int, List<EntryResult>>();
        if (problems.Count > 0)
        {
            return (BatchOutcome.Rejected(problems.DistinctBy(p => (p.Field, p.Error)).ToList()), results, 0);
        }
        long watermark = 0;
        foreach (var (classId, part) in parts)
        {
            var outcome = await write(GrainFactory.GetGrain<IClassGrain>(classId), part.Select(p => p.Entry).ToList());
            if (!outcome.Accepted)
            {
                return (BatchOutcome.Rejected(outcome.Problems.Select(p => Renumber(p, part)).ToList()), results, 0);
            }
            for (var k = 0; k < part.Count; k++)
            {
                (results.TryGetValue(part[k].Index, out var list) ? list : results[part[k].Index] = []).Add(outcome.Entries[k]);
            }
            watermark = Math.Max(watermark, outcome.Watermark);
        }
        return (null, results, watermark);
    }

    private async Task<IReadOnlyList<(Enrolment Membership, string ClassId, Enrolment Enrolment)>?> MembersAsync() =>
        await registry.ProfileGroupMembersAsync(GroupId);

    /// <summary>The student's home class on the date, if they are in the group then.</summary>
    private static string? HomeClass(IReadOnlyList<(Enrolment Membership, string ClassId, Enrolment Enrolment)> members, string studentId, DateOnly date) =>
        members.FirstOrDefault(m => m.Membership.StudentId == studentId && m.Membership.CoversDate(date) && m.Enrolment.CoversDate(date)).ClassId;

    private static List<(int, T)> Part<T>(Dictionary<string, List<(int, T)>> parts, string classId) =>
        parts.TryGetValue(classId, out var part) ? part : parts[classId] = [];

    /// <summary>A class part's problem, with the entry index of the batch as sent.</summary>
    private static EntryProblem Renumber<T>(EntryProblem problem, IReadOnlyList<(int Index, T Entry)> part)
    {
        var field = System.Text.RegularExpressions.Regex.Replace(problem.Field, @"^entries\[(\d+)\]",
            m => $"entries[{part[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Index}]");
        return problem with { Field = field };
    }

    private static Guid PartId(Guid entryId, string classId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{entryId:N}/{classId}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
