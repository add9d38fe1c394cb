using System.Collections.Concurrent;
using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Registry;
using Npgsql;

namespace EduInfo.Api.Reads;

/// <summary>
/// Staff and load (order point 5.4) of a node today: teachers by subject (distinct teachers with an assignment in force),
/// weekly load (lessons a week of the timetables in force for their groups and subjects) and vacancies (a subject of a
/// class's curriculum — what its timetable schedules or an assignment ever gave it — that no teacher is assigned today).
/// One statement per read over the node's classes of this academic year; an area's figures are the sums of its
/// organizations'. An area's rows are kept for <see cref="AreaLifetime"/> (the republic's read scans every class); an
/// organization's are read each time, so a head sees their own change at once. The caller has checked the reader may
/// see the node's summaries; <paramref name="names"/> says whether teachers are named.
/// </summary>
public sealed class StaffLoad(NpgsqlDataSource dataSource, SubjectNames subjects, IKazakhstanClock clock, TimeProvider time)
{
    public static readonly TimeSpan AreaLifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Node, DateOnly Day), (IReadOnlyList<Row> Rows, DateTimeOffset Until)> _areas = new();

    public async Task<StaffLoadView> ReadAsync(NodeRecord node, bool names, string language, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var rows = await RowsAsync(node, today, cancellationToken);
        var loads = rows.Where(r => r.Kind == RowKind.Load).ToList();
        var vacancies = rows.Where(r => r.Kind == RowKind.Vacancy).ToList();
        var bySubject = new List<SubjectStaff>();
        foreach (var subject in loads.Select(r => r.SubjectId).Concat(vacancies.Select(r => r.SubjectId)).Distinct(StringComparer.Ordinal))
        {
            var taught = loads.Where(r => r.SubjectId == subject).ToList();
            bySubject.Add(new SubjectStaff(subject, await subjects.NameAsync(subject, language, cancellationToken),
                taught.Select(r => (r.OrganizationId, r.Id)).Distinct().Count(), taught.Sum(r => r.Lessons), vacancies.Count(r => r.SubjectId == subject)));
        }
        var perTeacher = loads.GroupBy(r => (r.OrganizationId, r.Id)).ToList();
        var byName = StringComparer.Create(EduInfo.Api.Web.WebCultures.Of(language), ignoreCase: false);
        var single = node.Kind is NodeKind.Organization or NodeKind.Class;
        return new StaffLoadView(node.Id, node.Kind, today,
            loads.Select(r => r.OrganizationId).Concat(vacancies.Select(r => r.OrganizationId)).Distinct(StringComparer.Ordinal).Count(),
            perTeacher.Count, loads.Sum(r => r.Lessons), vacancies.Count,
            [.. bySubject.OrderByDescending(s => s.Teachers).ThenBy(s => s.Name, byName)],
            single ? [.. vacancies.Select(v => new Vacancy(v.Id, v.Name1!, v.SubjectId, bySubject.First(s => s.SubjectId == v.SubjectId).Name))
                .OrderBy(v => v.ClassName, byName).ThenBy(v => v.SubjectName, byName)] : null,
            single && names ? [.. perTeacher.Select(t => new TeacherLoad(t.Key.Id, $"{t.First().Name1} {t.First().Name2}",
                    [.. t.Select(r => bySubject.First(s => s.SubjectId == r.SubjectId).Name).Order(byName)], t.Sum(r => r.Lessons)))
                .OrderBy(t => t.Name, byName)] : null);
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(NodeRecord node, DateOnly today, CancellationToken cancellationToken)
    {
        if (node.Kind is NodeKind.Organization or NodeKind.Class)
        {
            return await QueryAsync(node.Id, today, cancellationToken);
        }
        var now = time.GetUtcNow();
        if (_areas.TryGetValue((node.Id, today), out var hit) && hit.Until > now)
        {
            return hit.Rows;
        }
        var rows = await QueryAsync(node.Id, today, cancellationToken);
        _areas[(node.Id, today)] = (rows, now + AreaLifetime);
        foreach (var stale in _areas.Where(e => e.Value.Until <= now).Select(e => e.Key))
        {
            _areas.TryRemove(stale, out _);
        }
        return rows;
    }

    // The node's classes of this year by their path (GIN index), their groups, the slots in force today (one per group,
    // subject, weekday and period: a profile group's lesson is a row per home class) and the assignments in force today.
    private const string Sql = """
        WITH cls AS (
            SELECT c.id, c.organization_id, c.grade || c.letter AS name FROM classes c
            WHERE c.path @> ARRAY[@node]::text[] AND c.academic_year = @year
        ), slots AS (
            SELECT s.class_id, s.group_id, s.subject_id, s.weekday, s.period FROM timetable_slots s JOIN cls ON cls.id = s.class_id
            WHERE s.valid_from <= @today AND (s.valid_to IS NULL OR s.valid_to >= @today)
        ), groups AS (
            SELECT g.id AS group_id, cls.organization_id FROM teaching_groups g JOIN cls ON cls.id = g.class_id
            UNION
            SELECT s.group_id, cls.organization_id FROM slots s JOIN cls ON cls.id = s.class_id
        ), held AS (
            SELECT DISTINCT groups.organization_id, a.teacher_id, a.group_id, a.subject_id
            FROM assignments a JOIN groups ON groups.group_id = a.group_id
            WHERE a.from_date <= @today AND (a.to_date IS NULL OR a.to_date >= @today)
        ), curriculum AS (
            SELECT class_id, subject_id FROM slots
            UNION
            SELECT g.class_id, a.subject_id FROM assignments a JOIN teaching_groups g ON g.id = a.group_id JOIN cls ON cls.id = g.class_id
        ), taught AS (
            SELECT g.class_id, h.subject_id FROM held h JOIN teaching_groups g ON g.id = h.group_id WHERE g.class_id IS NOT NULL
            UNION
            SELECT s.class_id, s.subject_id FROM slots s JOIN held h ON h.group_id = s.group_id AND h.subject_id = s.subject_id
        )
        SELECT 0, h.organization_id, h.teacher_id, h.subject_id,
               count(DISTINCT s.group_id || ':' || s.weekday || ':' || s.period)::int, t.last_name, t.first_name
        FROM held h JOIN teachers t ON t.id = h.teacher_id
        LEFT JOIN (SELECT DISTINCT group_id, subject_id, weekday, period FROM slots) s ON s.group_id = h.group_id AND s.subject_id = h.subject_id
        GROUP BY h.organization_id, h.teacher_id, h.subject_id, t.last_name, t.first_name
        UNION ALL
        SELECT 1, cls.organization_id, cls.id, cu.subject_id, 0, cls.name, NULL
        FROM curriculum cu JOIN cls ON cls.id = cu.class_id
        WHERE NOT EXISTS (SELECT 1 FROM taught t WHERE t.class_id = cu.class_id AND t.subject_id = cu.subject_id)
        """;

    private async Task<IReadOnlyList<Row>> QueryAsync(string nodeId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("node", nodeId);
        command.Parameters.AddWithValue("year", AcademicCalendar.YearOf(today));
        command.Parameters.AddWithValue("today", today);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row((RowKind)reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return rows;
    }

    private enum RowKind
    {
        Load,
        Vacancy,
    }

    /// <summary>A teacher's subject in an organization with its lessons a week (Id = teacher), or a vacancy (Id = class, Name1 = its name).</summary>
    private sealed record Row(RowKind Kind, string OrganizationId, string Id, string SubjectId, int Lessons, string? Name1, string? Name2);
}

/// <summary>
/// Staff and load of a node today. <see cref="Teachers"/> and each subject's teachers count a teacher once per
/// organization; <see cref="Vacancies"/> lists the (class, subject) pairs at an organization or class only, and
/// <see cref="TeacherLoads"/> is there only for readers who see teachers' names.
/// </summary>
public sealed record StaffLoadView(string NodeId, NodeKind Kind, DateOnly AsOf, int Organizations, int Teachers, int WeeklyLessons, int VacancyCount,
    IReadOnlyList<SubjectStaff> BySubject, IReadOnlyList<Vacancy>? Vacancies, IReadOnlyList<TeacherLoad>? TeacherLoads);

public sealed record SubjectStaff(string SubjectId, string Name, int Teachers, int WeeklyLessons, int Vacancies);

public sealed record Vacancy(string ClassId, string ClassName, string SubjectId, string SubjectName);

public sealed record TeacherLoad(string TeacherId, string Name, IReadOnlyList<string> Subjects, int WeeklyLessons);
