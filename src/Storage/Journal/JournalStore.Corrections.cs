using EduInfo.Domain.Journal;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Journal;

// One-row appends that supersede, excuse or exempt: corrections, excusals and exemptions.
public sealed partial class JournalStore
{
    /// <summary>
    /// Appends a correction in one statement: the new row copies the original's place (class, group, subject, date,
    /// student or roster) and supersedes it; the class watermark and the audit row go with it. A row already
    /// superseded is refused (each row is superseded at most once); a retry with the same entry id is a duplicate.
    /// </summary>
    public async Task<(CorrectionOutcome Outcome, long Sequence)> AppendCorrectionAsync(JournalWriteContext context, NewCorrection correction,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH original AS (
                SELECT * FROM journal WHERE academic_year = @year AND seq = @supersedes AND class_id = @class_id AND entry_kind <> 'void'
            ),
            existing AS (
                SELECT seq, payload_hash FROM journal WHERE academic_year = @year AND entry_id = @entry_id
            ),
            inserted AS (
                INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date, period,
                                     student_id, mark_kind, score, max_score, roster, absent_ids, absent_codes, supersedes, reason,
                                     author_id, client_address, payload_hash)
                SELECT @year, @entry_id, CASE WHEN @void THEN 'void' ELSE o.entry_kind END, o.class_id, o.group_id, o.organization_id,
                       o.subject_id, o.lesson_date, o.period, o.student_id,
                       CASE WHEN @void THEN NULL ELSE o.mark_kind END,
                       CASE WHEN @void OR o.entry_kind <> 'mark' THEN NULL ELSE @score END,
                       CASE WHEN @void OR o.entry_kind <> 'mark' THEN NULL ELSE @max_score END,
                       CASE WHEN @void THEN NULL ELSE o.roster END,
                       CASE WHEN @void OR o.entry_kind <> 'lesson' THEN NULL ELSE @absent_ids END,
                       CASE WHEN @void OR o.entry_kind <> 'lesson' THEN NULL ELSE @absent_codes END,
                       o.seq, @reason, @author_id, @client_address, @hash
                FROM original o
                WHERE NOT EXISTS (SELECT 1 FROM existing)
                ON CONFLICT DO NOTHING
                RETURNING seq
            ),
            watermark AS (
                INSERT INTO class_watermarks (class_id, seq) SELECT @class_id, seq FROM inserted
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            ),
            audit AS (
                INSERT INTO audit_log (actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail)
                SELECT @author_id, @author_roles, @client_address, 'journal.correct', 'class', @class_id, @organization_id,
                       CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN 'committed' ELSE 'refused' END,
                       jsonb_build_object('supersedes', @supersedes, 'void', @void, 'sequence', (SELECT seq FROM inserted))
                WHERE NOT EXISTS (SELECT 1 FROM existing)
            )
            SELECT (SELECT seq FROM inserted), (SELECT seq FROM existing), (SELECT payload_hash = @hash FROM existing)
            """);
        AddContext(command, context);
        command.Parameters.AddWithValue("supersedes", correction.Supersedes);
        command.Parameters.AddWithValue("entry_id", correction.EntryId);
        command.Parameters.AddWithValue("void", correction.Void);
        command.Parameters.AddWithValue("reason", correction.Reason);
        command.Parameters.Add(new NpgsqlParameter<short?>("score", NpgsqlDbType.Smallint) { TypedValue = (short?)correction.Score });
        command.Parameters.Add(new NpgsqlParameter<short?>("max_score", NpgsqlDbType.Smallint) { TypedValue = (short?)correction.MaxScore });
        command.Parameters.Add(new NpgsqlParameter("absent_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)correction.AbsentIds?.ToArray() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("absent_codes", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = correction.AbsentCodes is { } codes ? JournalColumns.Names(codes) : DBNull.Value,
        });
        command.Parameters.AddWithValue("hash", correction.PayloadHash);
        return await ReadSingleOutcomeAsync(command, cancellationToken);
    }

    /// <summary>
    /// The answer of a one-row append: (inserted seq, existing seq, existing payload equal). Neither inserted nor existing
    /// means the row it supersedes was already superseded.
    /// </summary>
    private static async Task<(CorrectionOutcome Outcome, long Sequence)> ReadSingleOutcomeAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.IsDBNull(0))
        {
            return (CorrectionOutcome.Inserted, reader.GetInt64(0));
        }
        if (!reader.IsDBNull(1))
        {
            return (reader.GetBoolean(2) ? CorrectionOutcome.Duplicate : CorrectionOutcome.Conflict, reader.GetInt64(1));
        }
        return (CorrectionOutcome.AlreadyCorrected, 0);
    }

    /// <summary>
    /// Appends a head's excusal of a student's missed summative, in one statement with the class watermark and the audit
    /// row. Its date places it in its term. A retry with the same entry id is a duplicate.
    /// </summary>
    public Task<(CorrectionOutcome Outcome, long Sequence)> AppendExcusalAsync(JournalWriteContext context, NewExcusal excusal,
        CancellationToken cancellationToken = default) =>
        AppendHeadDecisionAsync(context, new HeadDecision(EntryKind.Excusal, excusal.EntryId, excusal.StudentId, excusal.SubjectId, excusal.Date,
            JournalNames.Of(excusal.Kind), null, null, excusal.Reason, excusal.PayloadHash, "journal.excuse"), cancellationToken);

    /// <summary>
    /// Appends a head's exemption of a pupil from a subject (a term, or the year with <c>exempt_year</c>), like an excusal:
    /// one statement with the class watermark and the audit row; a retry with the same entry id is a duplicate.
    /// </summary>
    public Task<(CorrectionOutcome Outcome, long Sequence)> AppendExemptionAsync(JournalWriteContext context, NewExemption exemption,
        CancellationToken cancellationToken = default) =>
        AppendHeadDecisionAsync(context, new HeadDecision(EntryKind.Exemption, exemption.EntryId, exemption.StudentId, exemption.SubjectId,
            exemption.Date, null, JournalNames.Of(exemption.Ground), exemption.WholeYear, exemption.Reason, exemption.PayloadHash, "journal.exempt"),
            cancellationToken);

    /// <summary>A head's one-row decision about one pupil in a subject: an excusal (with its mark kind) or an exemption (ground, scope).</summary>
    private sealed record HeadDecision(EntryKind Kind, Guid EntryId, string StudentId, string SubjectId, DateOnly Date, string? MarkKind,
        string? Ground, bool? WholeYear, string Reason, byte[] PayloadHash, string AuditAction);

    private async Task<(CorrectionOutcome Outcome, long Sequence)> AppendHeadDecisionAsync(JournalWriteContext context, HeadDecision decision,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH existing AS (
                SELECT seq, payload_hash FROM journal WHERE academic_year = @year AND entry_id = @entry_id
            ),
            inserted AS (
                INSERT INTO journal (academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date,
                                     student_id, mark_kind, exemption_ground, exempt_year, reason, author_id, client_address, payload_hash)
                SELECT @year, @entry_id, @entry_kind, @class_id, @group_id, @organization_id, @subject_id, @date,
                       @student_id, @kind, @ground, @whole_year, @reason, @author_id, @client_address, @hash
                WHERE NOT EXISTS (SELECT 1 FROM existing)
                ON CONFLICT DO NOTHING
                RETURNING seq
            ),
            watermark AS (
                INSERT INTO class_watermarks (class_id, seq) SELECT @class_id, seq FROM inserted
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
            ),
            audit AS (
                INSERT INTO audit_log (actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail)
                SELECT @author_id, @author_roles, @client_address, @audit_action, 'class', @class_id, @organization_id, 'committed',
                       jsonb_strip_nulls(jsonb_build_object('subjectId', @subject_id, 'kind', @kind, 'ground', @ground, 'wholeYear', @whole_year,
                                                            'sequence', (SELECT seq FROM inserted)))
                FROM inserted
            )
            SELECT (SELECT seq FROM inserted), (SELECT seq FROM existing), (SELECT payload_hash = @hash FROM existing)
            """);
        AddContext(command, context);
        command.Parameters.AddWithValue("entry_id", decision.EntryId);
        command.Parameters.AddWithValue("entry_kind", JournalNames.Of(decision.Kind));
        command.Parameters.AddWithValue("student_id", decision.StudentId);
        command.Parameters.AddWithValue("subject_id", decision.SubjectId);
        command.Parameters.AddWithValue("date", decision.Date);
        command.Parameters.Add(new NpgsqlParameter<string?>("kind", decision.MarkKind));
        command.Parameters.Add(new NpgsqlParameter<string?>("ground", decision.Ground));
        command.Parameters.Add(new NpgsqlParameter<bool?>("whole_year", decision.WholeYear));
        command.Parameters.AddWithValue("reason", decision.Reason);
        command.Parameters.AddWithValue("hash", decision.PayloadHash);
        command.Parameters.AddWithValue("audit_action", decision.AuditAction);
        return await ReadSingleOutcomeAsync(command, cancellationToken);
    }
}
