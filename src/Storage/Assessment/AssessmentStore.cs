using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using System.Text.Json;
using EduInfo.Storage.Audit;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Assessment;

/// <summary>
/// The rules as data: academic calendars, assessment policy versions and term closes (and the final attestation's
/// examinations, AssessmentStore.Exams.cs). Every change is written
/// together with its audit row in one transaction.
/// </summary>
public sealed partial class AssessmentStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyList<string> OrganizationKinds = ["preschool", "school", "college", "additional"];

    public async Task<AcademicCalendarDocument?> ReadCalendarAsync(string academicYear, string organizationKind, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT term, starts_on, ends_on FROM academic_terms WHERE academic_year = @y AND org_kind = @k ORDER BY term"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT day, kind, node_id, grades, reason FROM calendar_days WHERE academic_year = @y AND org_kind = @k ORDER BY day, id"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM synthetic_calendars WHERE academic_year = @y AND org_kind = @k)"));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("y", academicYear);
            command.Parameters.AddWithValue("k", organizationKind);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var terms = new List<TermDates>();
        while (await reader.ReadAsync(cancellationToken))
        {
            terms.Add(new TermDates(reader.GetInt16(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateOnly>(2)));
        }
        var days = new List<CalendarDay>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new CalendarDay(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<short[]>(3).Select(g => (int)g).ToList(), reader.GetString(4)));
        }
        await reader.NextResultAsync(cancellationToken);
        var synthetic = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
        return terms.Count == 0 ? null : new AcademicCalendarDocument(terms, days, synthetic);
    }

    /// <summary>Replaces a year's calendar for a kind of organization (already validated), marked synthetic or not as the document says.</summary>
    public async Task WriteCalendarAsync(string academicYear, string organizationKind, AcademicCalendarDocument calendar, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM academic_terms WHERE academic_year = @y AND org_kind = @k"),
                new NpgsqlBatchCommand("DELETE FROM calendar_days WHERE academic_year = @y AND org_kind = @k"),
                new NpgsqlBatchCommand("DELETE FROM synthetic_calendars WHERE academic_year = @y AND org_kind = @k"),
                new NpgsqlBatchCommand("INSERT INTO synthetic_calendars (academic_year, org_kind) SELECT @y, @k WHERE @synthetic"),
                new NpgsqlBatchCommand("""
                    INSERT INTO academic_terms (academic_year, org_kind, term, starts_on, ends_on)
                    SELECT @y, @k, t.n, t.s, t.e FROM unnest(@terms, @starts, @ends) AS t(n, s, e)
                    """),
                new NpgsqlBatchCommand("""
                    INSERT INTO calendar_days (academic_year, org_kind, day, kind, node_id, grades, reason)
                    SELECT @y, @k, d.day, d.kind, d.node_id, d.grades, coalesce(d.reason, '')
                    FROM jsonb_to_recordset(@days) AS d(day date, kind text, node_id text, grades smallint[], reason text)
                    """),
            },
        };
        var terms = calendar.Terms ?? [];
        var days = JsonSerializer.Serialize((calendar.Days ?? []).Select(d => new Dictionary<string, object?>
        {
            ["day"] = d.Day?.ToString("yyyy-MM-dd"),
            ["kind"] = d.Kind,
            ["node_id"] = d.NodeId,
            ["grades"] = d.Grades is { Count: > 0 } g ? g : null,
            ["reason"] = d.Reason,
        }));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("y", academicYear);
            command.Parameters.AddWithValue("k", organizationKind);
            command.Parameters.Add(new NpgsqlParameter<short[]>("terms", terms.Select(t => (short)t.Term!.Value).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("starts", terms.Select(t => t.Starts!.Value).ToArray()));
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("ends", terms.Select(t => t.Ends!.Value).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Jsonb) { Value = days });
            command.Parameters.AddWithValue("synthetic", calendar.Synthetic);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AssessmentPolicyDocument>> ReadPoliciesAsync(string organizationKind, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT effective_from, policy FROM assessment_policies WHERE org_kind = @k ORDER BY effective_from");
        command.Parameters.AddWithValue("k", organizationKind);
        var versions = new List<AssessmentPolicyDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var document = JsonSerializer.Deserialize<AssessmentPolicyDocument>(reader.GetString(1), Json)!;
            versions.Add(document with { EffectiveFrom = reader.GetFieldValue<DateOnly>(0) });
        }
        return versions;
    }

    /// <summary>Adds or replaces a policy version (already validated: it takes effect after today).</summary>
    public async Task WritePolicyAsync(string organizationKind, AssessmentPolicyDocument policy, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO assessment_policies (org_kind, effective_from, policy, set_by) VALUES (@k, @from, @policy, @by)
            ON CONFLICT (org_kind, effective_from) DO UPDATE SET policy = excluded.policy, set_by = excluded.set_by, set_at = now()
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("k", organizationKind);
            upsert.Parameters.AddWithValue("from", policy.EffectiveFrom!.Value);
            upsert.Parameters.Add(new NpgsqlParameter("policy", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(policy with { EffectiveFrom = null }, Json) });
            upsert.Parameters.AddWithValue("by", audit.ActorId);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var record = AuditLog.InsertCommand(audit, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Closes or reopens a term for a class. The event takes its number from the journal sequence and moves the
    /// class watermark in the same transaction (term marks become final: the class's summary changes). Audited.
    /// </summary>
    public async Task<long> RecordTermEventAsync(string classId, string academicYear, int term, bool close, string? reason, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long seq;
        await using (var insert = new NpgsqlCommand("""
            WITH event AS (
                INSERT INTO term_events (class_id, academic_year, term, action, actor_id, reason)
                VALUES (@c, @y, @t, @a, @by, @reason) RETURNING seq
            ),
            watermark AS (
                INSERT INTO class_watermarks (class_id, seq) SELECT @c, seq FROM event
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            )
            SELECT seq FROM event
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("c", classId);
            insert.Parameters.AddWithValue("y", academicYear);
            insert.Parameters.AddWithValue("t", (short)term);
            insert.Parameters.AddWithValue("a", close ? "close" : "reopen");
            insert.Parameters.AddWithValue("by", audit.ActorId);
            insert.Parameters.Add(new NpgsqlParameter<string?>("reason", NpgsqlDbType.Text) { TypedValue = reason });
            seq = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = JsonSerializer.Serialize(new { term, sequence = seq, reason }) }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return seq;
    }
}
