using EduInfo.Domain.Calendar;
using Npgsql;

namespace EduInfo.Tools.Demo;

/// <summary>
/// Demo timetables: each class's subjects share a five-day week of six periods in turn (about 2–3 lessons of each
/// subject a week), subgroups of a split subject in parallel, in force from the first day of the year.
/// </summary>
public static class DemoTimetable
{
    public const int DaysPerWeek = 5;
    public const int PeriodsPerDay = 6;

    public static async Task WriteAsync(NpgsqlDataSource dataSource, string academicYear, CancellationToken cancellationToken = default)
    {
        var (first, _) = EduInfo.Domain.Calendar.AcademicCalendar.Bounds(academicYear);
        var teaching = new List<(string Class, string Group, string Subject)>();
        await using (var read = dataSource.CreateCommand("""
            SELECT DISTINCT g.class_id, a.group_id, a.subject_id
            FROM assignments a JOIN teaching_groups g ON g.id = a.group_id JOIN classes c ON c.id = g.class_id
            WHERE c.academic_year = @y ORDER BY 1, 3, 2
            """))
        {
            read.Parameters.AddWithValue("y", academicYear);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                teaching.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        var slots = new List<(string Class, string Group, string Subject, short Weekday, short Period)>();
        foreach (var cls in teaching.GroupBy(t => t.Class))
        {
            var subjects = cls.Select(t => t.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            for (var slot = 0; slot < DaysPerWeek * PeriodsPerDay; slot++)
            {
                var subject = subjects[slot % subjects.Count];
                foreach (var (_, group, _) in cls.Where(t => t.Subject == subject))
                {
                    slots.Add((cls.Key, group, subject, (short)(1 + slot / PeriodsPerDay), (short)(1 + slot % PeriodsPerDay)));
                }
            }
        }
        await using var write = dataSource.CreateCommand("""
            INSERT INTO timetable_slots (class_id, group_id, subject_id, weekday, period, valid_from)
            SELECT c, g, s, w, p, @from FROM unnest(@classes, @groups, @subjects, @weekdays, @periods) AS t(c, g, s, w, p)
            ON CONFLICT DO NOTHING
            """);
        write.Parameters.AddWithValue("from", first);
        write.Parameters.Add(new NpgsqlParameter<string[]>("classes", slots.Select(s => s.Class).ToArray()));
        write.Parameters.Add(new NpgsqlParameter<string[]>("groups", slots.Select(s => s.Group).ToArray()));
        write.Parameters.Add(new NpgsqlParameter<string[]>("subjects", slots.Select(s => s.Subject).ToArray()));
        write.Parameters.Add(new NpgsqlParameter<short[]>("weekdays", slots.Select(s => s.Weekday).ToArray()));
        write.Parameters.Add(new NpgsqlParameter<short[]>("periods", slots.Select(s => s.Period).ToArray()));
        await write.ExecuteNonQueryAsync(cancellationToken);
    }
}
