using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Registry;

/// <summary>One pupil of a school's upload as checked: the class, the person (new or returning) and what their enrolment was.</summary>
public sealed record PupilImportEnrolment(string ClassId, PupilEnrolmentRequest Request, PupilIdentity? Existing, long? LatestSeq, string NewStudentId);

/// <summary>
/// A school's bulk enrolment (issue 18, item 4): the single enrolment's reads and writes for many pupils, so an upload
/// is checked on the same facts and written by the same statements — all rows in one transaction.
/// </summary>
public sealed partial class PupilStore
{
    /// <summary>For each (class, IIN) in order, what <see cref="ReadEnrolmentAsync"/> reads for one: the class's place and the person holding the IIN.</summary>
    public async Task<IReadOnlyList<EnrolmentPlace>> ReadEnrolmentsAsync(IReadOnlyList<(string? ClassId, string? Iin)> rows, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT r.n, c.organization_id, c.academic_year, s.id, l.seq, l.class_id, l.academic_year, l.from_date, l.to_date, o.closed_on IS NOT NULL
            FROM unnest(@classes::text[], @iins::char(12)[]) WITH ORDINALITY AS r (class_id, iin, n)
            LEFT JOIN classes c ON c.id = r.class_id
            LEFT JOIN organizations o ON o.id = c.organization_id
            LEFT JOIN students s ON s.iin = r.iin
            LEFT JOIN LATERAL ({Latest.Replace("@s", "s.id", StringComparison.Ordinal)}) AS l ON true
            ORDER BY r.n
            """);
        command.Parameters.Add(new NpgsqlParameter<string?[]>("classes", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = rows.Select(r => r.ClassId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("iins", NpgsqlDbType.Array | NpgsqlDbType.Char)
        {
            TypedValue = rows.Select(r => r.Iin is { Length: 12 } iin && Iin.IsValid(iin) ? iin : null).ToArray(),
        });
        var places = new List<EnrolmentPlace>(rows.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var latest = reader.IsDBNull(4) ? null : new EnrolmentFacts(reader.GetString(5), reader.GetFieldValue<DateOnly>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8), reader.GetString(6));
            places.Add(new EnrolmentPlace(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : new PupilIdentity(reader.GetString(3), latest), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                !reader.IsDBNull(9) && reader.GetBoolean(9)));
        }
        return places;
    }

    /// <summary>
    /// Enrols every pupil as <see cref="EnrolAsync"/> enrols one (the person created or locked, the enrolment, the class's
    /// watermark, a "pupil.enrol" audit row each), then the upload's own audit row, all in one transaction: each pupil's
    /// id and sequence number in order, or null — nothing written — when any person is no longer what was checked (the
    /// unique IIN caught another enrolment of the same person in between).
    /// </summary>
    public async Task<IReadOnlyList<(string StudentId, long Sequence)>?> EnrolAllAsync(IReadOnlyList<PupilImportEnrolment> pupils, AuditEntry pupilAudit,
        AuditEntry importAudit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var done = new List<(string, long)>(pupils.Count);
        foreach (var pupil in pupils)
        {
            var studentId = pupil.Existing?.StudentId ?? pupil.NewStudentId;
            var current = pupil.Existing is null
                ? await InsertStudentAsync(connection, transaction, studentId, pupil.Request, cancellationToken)
                : await LockLatestAsync(connection, transaction, studentId, cancellationToken) == pupil.LatestSeq;
            if (!current)
            {
                return null; // the transaction is disposed uncommitted: nothing of the upload stays
            }
            var seq = await StartAsync(connection, transaction, studentId, pupil.ClassId, pupil.Request.Date!.Value, cancellationToken);
            await RecordAsync(connection, transaction, pupilAudit with
            {
                TargetId = studentId,
                DetailJson = JsonSerializer.Serialize(new { classId = pupil.ClassId, date = Day(pupil.Request.Date.Value), sequence = seq, returning = pupil.Existing is not null, upload = true }),
            }, cancellationToken);
            done.Add((studentId, seq));
        }
        await RecordAsync(connection, transaction, importAudit with
        {
            DetailJson = JsonSerializer.Serialize(new { pupils = pupils.Count, classes = pupils.Select(p => p.ClassId).Distinct().Order(StringComparer.Ordinal).ToArray() }),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>A new person from the request's names: false when the IIN is someone's already (enrolled a moment ago elsewhere).</summary>
    private static async Task<bool> InsertStudentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string studentId, PupilEnrolmentRequest request,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO students (id, iin, last_name, first_name, middle_name, birth_date) VALUES (@id, @iin, @last, @first, @middle, @birth)
            ON CONFLICT (iin) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", studentId);
        insert.Parameters.AddWithValue("iin", request.Iin!);
        insert.Parameters.AddWithValue("last", request.LastName!);
        insert.Parameters.AddWithValue("first", request.FirstName!);
        insert.Parameters.Add(new NpgsqlParameter<string?>("middle", NpgsqlDbType.Text) { TypedValue = NullIfEmpty(request.MiddleName) });
        insert.Parameters.AddWithValue("birth", request.BirthDate!.Value);
        return await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
