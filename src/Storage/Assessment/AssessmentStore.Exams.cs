using System.Text.Json;
using EduInfo.Domain.YearEnd;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Assessment;

// The year's end of a class: the final attestation's examinations (migration 0036) and the council's decisions (0037),
// each written with its audit row in one transaction.
public sealed partial class AssessmentStore
{
    /// <summary>Registers the subject as examined for the class and writes each pupil's mark (a null mark registers the pupil). Audited.</summary>
    public async Task WriteExamAsync(string classId, string academicYear, NewExam exam, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = new NpgsqlBatch(connection, transaction))
        {
            write.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO exam_subjects (academic_year, class_id, subject_id) VALUES (@y, @c, @s) ON CONFLICT DO NOTHING
                """));
            write.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO exam_marks (academic_year, class_id, subject_id, student_id, mark, recorded_by)
                SELECT @y, @c, @s, m.student_id, m.mark, @by FROM unnest(@students, @marks) AS m (student_id, mark)
                ON CONFLICT (academic_year, class_id, subject_id, student_id) DO UPDATE SET mark = excluded.mark, recorded_by = excluded.recorded_by
                """));
            foreach (NpgsqlBatchCommand command in write.BatchCommands)
            {
                command.Parameters.AddWithValue("y", academicYear);
                command.Parameters.AddWithValue("c", classId);
                command.Parameters.AddWithValue("s", exam.SubjectId);
                command.Parameters.AddWithValue("by", audit.ActorId);
                command.Parameters.Add(new NpgsqlParameter<string[]>("students", exam.Marks.Select(m => m.StudentId).ToArray()));
                command.Parameters.Add(new NpgsqlParameter<short?[]>("marks", exam.Marks.Select(m => (short?)m.Mark).ToArray()));
            }
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        var detail = JsonSerializer.Serialize(new { subjectId = exam.SubjectId, pupils = exam.Marks.Count, written = exam.Marks.Count(m => m.Mark is not null) });
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = detail }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The subjects examined for the class and the marks written: subject → pupil → mark (null: registered, not written).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int?>>> ReadExamsAsync(string classId, string academicYear,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.subject_id, m.student_id, m.mark
            FROM exam_subjects s LEFT JOIN exam_marks m ON (m.academic_year, m.class_id, m.subject_id) = (s.academic_year, s.class_id, s.subject_id)
            WHERE s.academic_year = @y AND s.class_id = @c
            """);
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("c", classId);
        var exams = new Dictionary<string, Dictionary<string, int?>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!exams.TryGetValue(reader.GetString(0), out var marks))
            {
                exams[reader.GetString(0)] = marks = new Dictionary<string, int?>(StringComparer.Ordinal);
            }
            if (!reader.IsDBNull(1))
            {
                marks[reader.GetString(1)] = reader.IsDBNull(2) ? null : reader.GetInt16(2);
            }
        }
        return exams.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, int?>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>Writes the council's decisions (one per pupil and year, replacing an earlier one), audited with the decisions it wrote.</summary>
    public async Task WriteCouncilAsync(string classId, string academicYear, NewCouncil council, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = new NpgsqlCommand("""
            INSERT INTO council_decisions (academic_year, student_id, class_id, decision, reason, decided_by)
            SELECT @y, d.student_id, @c, d.decision, d.reason, @by FROM unnest(@students, @decisions, @reasons) AS d (student_id, decision, reason)
            ON CONFLICT (academic_year, student_id) DO UPDATE
                SET class_id = excluded.class_id, decision = excluded.decision, reason = excluded.reason, decided_by = excluded.decided_by
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("y", academicYear);
            write.Parameters.AddWithValue("c", classId);
            write.Parameters.AddWithValue("by", audit.ActorId);
            write.Parameters.Add(new NpgsqlParameter<string[]>("students", council.Decisions.Select(d => d.StudentId).ToArray()));
            write.Parameters.Add(new NpgsqlParameter<string[]>("decisions", council.Decisions.Select(d => CouncilValidator.NameOf(d.Decision)).ToArray()));
            write.Parameters.Add(new NpgsqlParameter<string?[]>("reasons", council.Decisions.Select(d => d.Reason).ToArray()));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        var counts = council.Decisions.GroupBy(d => CouncilValidator.NameOf(d.Decision)).ToDictionary(g => g.Key, g => g.Count());
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = JsonSerializer.Serialize(new { decisions = counts }) }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The council's decisions recorded for the class's pupils this year, by pupil.</summary>
    public async Task<IReadOnlyDictionary<string, CouncilDecision>> ReadCouncilAsync(string classId, string academicYear, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT student_id, decision FROM council_decisions WHERE academic_year = @y AND class_id = @c");
        command.Parameters.AddWithValue("y", academicYear);
        command.Parameters.AddWithValue("c", classId);
        var decisions = new Dictionary<string, CouncilDecision>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions[reader.GetString(0)] = Enum.GetValues<CouncilDecision>().First(d => CouncilValidator.NameOf(d) == reader.GetString(1));
        }
        return decisions;
    }
}
