using System.Text.Json;
using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>Whether the journal page shows a grid, or which refusal.</summary>
public enum JournalSheetState
{
    Open,
    NotFound,
    Refused,
}

/// <summary>
/// The journal page of one class (or one of its subgroups), subject and term: the grid as columns, the subjects this
/// reader may open there, the class's terms, and whether the reader writes in it (a teacher assigned to the subject).
/// </summary>
public sealed record JournalSheetView(
    string ClassId,
    string ClassName,
    string? GroupId,
    string OrganizationKind,
    string SubjectId,
    IReadOnlyList<(string Id, string Name)> Subjects,
    IReadOnlyList<(int Term, DateOnly Starts, DateOnly Ends)> Terms,
    int Term,
    bool Writable,
    DateOnly Today,
    ClassJournalResponse Grid,
    IReadOnlyList<JournalColumn> Columns)
{
    public string SubjectName => Subjects.FirstOrDefault(s => s.Id == SubjectId).Name ?? SubjectId;

    /// <summary>Where the page's script posts: the class's write path (a subgroup's entries name their group).</summary>
    public string WritePath => $"/api/v1/classes/{Uri.EscapeDataString(ClassId)}";
}

public sealed record JournalSheetResult(JournalSheetState State, JournalSheetView? View)
{
    public static readonly JournalSheetResult NotFound = new(JournalSheetState.NotFound, null);
    public static readonly JournalSheetResult Refused = new(JournalSheetState.Refused, null);
}

/// <summary>
/// The teacher's journal page (issue 17), under the rule and audit of <c>GET /api/v1/classes/{id}/journal</c>
/// (<see cref="AccessPolicy.CanReadClassJournal"/>, audited as <c>class.journal.read</c>, refusals too). Query values that
/// name nothing (an unknown subject, a term the calendar lacks) are no choice: the reader's first subject and today's term.
/// </summary>
public sealed class JournalSheet(NodeDirectory directory, RegistryStore registry, SubjectNames subjectNames, AuditLog audit, IKazakhstanClock clock,
    IGrainFactory grains)
{
    public async Task<JournalSheetResult> ReadAsync(Actor actor, string classId, string? subjectId, string? term, string? groupId, string language,
        CancellationToken cancellationToken)
    {
        var node = RegistryIds.IsWellFormed(classId) ? await directory.FindAsync(classId, cancellationToken) : null;
        var cls = node?.Kind == NodeKind.Class ? await registry.FindClassAsync(classId, cancellationToken) : null;
        if (node is null || cls is null)
        {
            return JournalSheetResult.NotFound;
        }
        var today = clock.Today;
        var current = cls.Assignments.Where(a => a.CoversDate(today)).ToList();
        var readable = current.Select(a => a.SubjectId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(s => AccessPolicy.CanReadClassJournal(actor, node.Path, TeachersOf(current, s))).ToList();
        var asked = subjectId is not null && current.Any(a => a.SubjectId == subjectId) ? subjectId : null;
        var subject = asked ?? Preferred(actor, current, readable, groupId);
        var allowed = subject is not null && readable.Contains(subject);
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "class.journal.read", "class", classId,
            cls.OrganizationId, allowed ? "ok" : "denied", JsonSerializer.Serialize(new { subjectId = subject, page = true })), cancellationToken);
        if (!allowed)
        {
            return JournalSheetResult.Refused;
        }

        var calendar = await grains.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(cls.AcademicYear, cls.OrganizationKind)).Get();
        var terms = calendar is null ? [] : new SchoolCalendar(calendar).Terms;
        var termNumber = ChosenTerm(terms, term, today);
        var view = termNumber is null ? null : await grains.GetGrain<IClassGrain>(classId).GetJournal(subject!, termNumber.Value);
        if (view is null)
        {
            return JournalSheetResult.NotFound;
        }
        var group = cls.Groups?.FirstOrDefault(g => g.GroupId == groupId && groupId != classId);
        var members = group?.Members.Where(m => m.CoversDate(today)).Select(m => m.StudentId).ToHashSet(StringComparer.Ordinal);
        var names = await registry.StudentNamesAsync(view.Students.Select(s => s.StudentId).ToList(), cancellationToken);
        var grid = ClassJournalResponse.Of(view, names, language);
        grid = grid with
        {
            Students = grid.Students.Where(s => members is null || members.Contains(s.StudentId)).OrderBy(s => s.DisplayName, StringComparer.Ordinal).ToList(),
        };
        var subjects = new List<(string, string)>();
        foreach (var id in readable)
        {
            subjects.Add((id, await subjectNames.NameAsync(id, language, cancellationToken)));
        }
        var writable = actor.PersonId is { } person && AccessPolicy.CanWriteJournal(actor, node.Path)
            && current.Any(a => a.SubjectId == subject && a.TeacherId == person);
        return new JournalSheetResult(JournalSheetState.Open, new JournalSheetView(classId, NodeSummaryResponse.NameOf(node, classId, language), group?.GroupId,
            cls.OrganizationKind, subject!, subjects, terms, termNumber!.Value, writable, today, grid, JournalColumns.Of(grid)));
    }

    private static HashSet<string> TeachersOf(IEnumerable<Assignment> assignments, string subjectId) =>
        assignments.Where(a => a.SubjectId == subjectId).Select(a => a.TeacherId).ToHashSet(StringComparer.Ordinal);

    /// <summary>A teacher's own subject here (of the group asked for first), else the first the reader may open.</summary>
    private static string? Preferred(Actor actor, IReadOnlyList<Assignment> current, IReadOnlyList<string> readable, string? groupId) =>
        current.Where(a => a.TeacherId == actor.PersonId).OrderBy(a => a.GroupId == groupId ? 0 : 1).Select(a => a.SubjectId).FirstOrDefault(readable.Contains)
        ?? readable.FirstOrDefault();

    /// <summary>The term asked for when the calendar has it; else today's, else the last begun, else the first.</summary>
    private static int? ChosenTerm(IReadOnlyList<(int Term, DateOnly Starts, DateOnly Ends)> terms, string? asked, DateOnly today) =>
        int.TryParse(asked, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && terms.Any(t => t.Term == n)
            ? n
            : terms.Where(t => t.Starts <= today).Select(t => (int?)t.Term).LastOrDefault() ?? terms.Select(t => (int?)t.Term).FirstOrDefault();
}
