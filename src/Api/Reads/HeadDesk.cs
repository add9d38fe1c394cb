using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The head's desk of an organization (<c>/desk/{organizationId}</c>): each class's terms and whether they are closed,
/// what an excusal picks from (classes, their students today, the subjects they are taught), the classes' timetables
/// and the organization's audit trail. The caller has checked <c>AccessPolicy.CanCloseTerm</c> on the organization.
/// </summary>
public sealed class HeadDesk(TermBoardStore terms, RegistryStore registry, TimetableStore timetables, AuditLog audit, SubjectNames subjects,
    IKazakhstanClock clock)
{
    public const int AuditRows = 50;

    public async Task<HeadDeskView> ReadAsync(string organizationId, string language, CancellationToken cancellationToken)
    {
        var board = await terms.ReadAsync(organizationId, cancellationToken);
        var today = clock.Today;
        var classes = new List<DeskClass>();
        foreach (var group in board.GroupBy(t => t.ClassId))
        {
            var first = group.First();
            var record = await registry.FindClassAsync(first.ClassId, cancellationToken);
            var studentIds = record?.Enrolments.Where(e => e.CoversDate(today)).Select(e => e.StudentId).Distinct(StringComparer.Ordinal).ToList() ?? [];
            var names = await registry.StudentNamesAsync(studentIds, cancellationToken);
            var subjectIds = record?.Assignments.Select(a => a.SubjectId).Distinct(StringComparer.Ordinal).ToList() ?? [];
            var subjectNames = new List<(string Id, string Name)>();
            foreach (var id in subjectIds)
            {
                subjectNames.Add((id, await subjects.NameAsync(id, language, cancellationToken)));
            }
            classes.Add(new DeskClass(first.ClassId, $"{first.Grade}{first.Letter}", [.. group.Select(t => new DeskTerm(t.Term, t.StartsOn, t.EndsOn, t.Closed))],
                [.. studentIds.Select(id => (id, names.GetValueOrDefault(id) ?? id)).OrderBy(s => s.Item2, StringComparer.Ordinal)],
                [.. subjectNames.OrderBy(s => s.Name, StringComparer.Ordinal)],
                await timetables.ReadAsync(first.ClassId, cancellationToken)));
        }
        var trail = await audit.QueryAsync(new AuditQuery(OrganizationId: organizationId, Limit: AuditRows), cancellationToken);
        return new HeadDeskView(classes, trail, today);
    }
}

/// <summary>What the desk shows: the classes in grade order, the newest audit records first, and today.</summary>
public sealed record HeadDeskView(IReadOnlyList<DeskClass> Classes, IReadOnlyList<AuditRecord> Trail, DateOnly Today)
{
    /// <summary>The terms of the organization's calendar (every class of one organization has the same).</summary>
    public IReadOnlyList<int> Terms => [.. Classes.SelectMany(c => c.Terms).Select(t => t.Term).Distinct().Order()];
}

public sealed record DeskClass(string ClassId, string Name, IReadOnlyList<DeskTerm> Terms, IReadOnlyList<(string Id, string Name)> Students,
    IReadOnlyList<(string Id, string Name)> Subjects, IReadOnlyList<ScheduledSlot> Timetable);

public sealed record DeskTerm(int Term, DateOnly StartsOn, DateOnly EndsOn, bool Closed);
