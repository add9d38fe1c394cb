using System.Text.Json;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.YearEnd;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.YearEnd;

/// <summary>How a roll ended: done, or refused because the next year already has classes.</summary>
public enum RollWrite
{
    Done,
    AlreadyRolled,
}

/// <summary>
/// The year roll in the registry (issue 20): what it reads (the year's school classes, each pupil in the class of the
/// year's last day with the council's decision) and what it writes, all or nothing with its audit row — the next year's
/// classes (with their class teaching group), every enrolment of the year ended on its last day, the moved pupils
/// enrolled from the next year's first day, the class watermarks, and the next year's journal partition; then the next
/// year's school calendar, generated when none is set.
/// </summary>
public sealed class YearRollStore(NpgsqlDataSource dataSource, AssessmentStore assessment)
{
    public async Task<(IReadOnlyList<RollingClass> Classes, IReadOnlyList<RollingPupil> Pupils)> ReadAsync(string academicYear,
        CancellationToken cancellationToken = default)
    {
        var last = AcademicCalendar.Bounds(academicYear).Last;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT c.id, c.organization_id, c.grade::int, c.letter, c.language
            FROM classes c JOIN organizations o ON o.id = c.organization_id
            WHERE c.academic_year = @y AND o.kind = 'school' ORDER BY c.id
            """));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT DISTINCT ON (e.student_id) e.student_id, e.class_id, d.decision
            FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN organizations o ON o.id = c.organization_id
            LEFT JOIN council_decisions d ON d.academic_year = @y AND d.student_id = e.student_id
            WHERE c.academic_year = @y AND o.kind = 'school' AND e.from_date <= @last AND (e.to_date IS NULL OR e.to_date >= @last)
            ORDER BY e.student_id, e.from_date DESC, e.seq DESC
            """));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("y", academicYear);
            command.Parameters.AddWithValue("last", last);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var classes = new List<RollingClass>();
        while (await reader.ReadAsync(cancellationToken))
        {
            classes.Add(new RollingClass(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4)));
        }
        await reader.NextResultAsync(cancellationToken);
        var pupils = new List<RollingPupil>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var decision = reader.IsDBNull(2) ? null
                : Enum.GetValues<CouncilDecision>().Cast<CouncilDecision?>().FirstOrDefault(d => CouncilValidator.NameOf(d!.Value) == reader.GetString(2));
            pupils.Add(new RollingPupil(reader.GetString(0), reader.GetString(1), decision));
        }
        return (classes, pupils);
    }

    public async Task<RollWrite> RollAsync(string academicYear, YearRollPlan plan, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        var (_, last) = AcademicCalendar.Bounds(academicYear);
        var first = AcademicCalendar.Bounds(plan.NextYear).First;
        var moved = plan.Moves.Where(m => m.ToClassId is not null).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One roll at a time; the next year having classes already means it rolled.
        await using (var lockRoll = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('year-roll'))", connection, transaction))
        {
            await lockRoll.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var guard = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM classes WHERE academic_year = @next)", connection, transaction))
        {
            guard.Parameters.AddWithValue("next", plan.NextYear);
            if ((bool)(await guard.ExecuteScalarAsync(cancellationToken))!)
            {
                return RollWrite.AlreadyRolled;
            }
        }
        await using (var write = new NpgsqlBatch(connection, transaction))
        {
            write.BatchCommands.Add(new NpgsqlBatchCommand("SELECT ensure_journal_partition(@next)"));
            write.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO classes (id, organization_id, academic_year, grade, letter, language, path)
                SELECT n.id, n.org, @next, n.grade, n.letter, n.language, o.path || n.id
                FROM unnest(@ids, @orgs, @grades, @letters, @languages) AS n (id, org, grade, letter, language) JOIN organizations o ON o.id = n.org
                """));
            write.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO teaching_groups (id, class_id, kind) SELECT id, id, 'class' FROM unnest(@ids) AS id"));
            write.BatchCommands.Add(new NpgsqlBatchCommand("""
                UPDATE enrolments e SET to_date = @last
                FROM classes c JOIN organizations o ON o.id = c.organization_id
                WHERE c.id = e.class_id AND c.academic_year = @y AND o.kind = 'school' AND (e.to_date IS NULL OR e.to_date > @last)
                """));
            write.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO enrolments (student_id, class_id, from_date) SELECT m.s, m.c, @first FROM unnest(@students, @targets) AS m (s, c) ORDER BY m.s
                """));
            write.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO class_watermarks (class_id, seq)
                SELECT class_id, max(seq) FROM enrolments WHERE class_id = ANY (@ids) GROUP BY class_id ORDER BY class_id
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
                """));
            foreach (NpgsqlBatchCommand command in write.BatchCommands)
            {
                command.Parameters.AddWithValue("y", academicYear);
                command.Parameters.AddWithValue("next", plan.NextYear);
                command.Parameters.AddWithValue("last", last);
                command.Parameters.AddWithValue("first", first);
                command.Parameters.Add(new NpgsqlParameter<string[]>("ids", plan.Classes.Select(c => c.ClassId).ToArray()));
                command.Parameters.Add(new NpgsqlParameter<string[]>("orgs", plan.Classes.Select(c => c.OrganizationId).ToArray()));
                command.Parameters.Add(new NpgsqlParameter<short[]>("grades", plan.Classes.Select(c => (short)c.Grade).ToArray()));
                command.Parameters.Add(new NpgsqlParameter<string[]>("letters", plan.Classes.Select(c => c.Letter).ToArray()));
                command.Parameters.Add(new NpgsqlParameter<string[]>("languages", plan.Classes.Select(c => c.Language).ToArray()));
                command.Parameters.Add(new NpgsqlParameter<string[]>("students", moved.Select(m => m.StudentId).ToArray()));
                command.Parameters.Add(new NpgsqlParameter<string[]>("targets", moved.Select(m => m.ToClassId!).ToArray()));
            }
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        var detail = JsonSerializer.Serialize(new
        {
            nextYear = plan.NextYear,
            classes = plan.Classes.Count,
            decisions = plan.Moves.GroupBy(m => CouncilValidator.NameOf(m.Decision)).ToDictionary(g => g.Key, g => g.Count()),
        });
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = detail }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (await assessment.ReadCalendarAsync(plan.NextYear, "school", cancellationToken) is null)
        {
            await assessment.WriteCalendarAsync(plan.NextYear, "school", SyntheticCalendar.For(plan.NextYear, "school"),
                new AuditEntry(audit.ActorId, audit.Roles, audit.ClientAddress, "calendar.generate", "calendar", $"{plan.NextYear}/school", null, "committed"),
                cancellationToken);
        }
        return RollWrite.Done;
    }
}
