using System.Text.Json;
using EduInfo.Domain.YearEnd;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.Assessment;

/// <summary>How writing to the register ended.</summary>
public enum DocumentWrite
{
    Done,
    NumberTaken,
    AlreadyIssued,
    NotFound,
    AlreadyRevoked,
}

/// <summary>A document of the register, as its organization sees it (the pupil by id; names come from the registry).</summary>
public sealed record RegisteredDocument(
    Guid Id,
    string VerificationCode,
    EducationDocumentKind Kind,
    bool WithDistinction,
    string Series,
    string Number,
    DateOnly IssuedOn,
    string AcademicYear,
    string StudentId,
    string ClassId,
    string OrganizationId,
    IReadOnlyList<DocumentMark> Marks,
    DateOnly? RevokedOn,
    string? RevokedReason);

/// <summary>A duplicate to issue: its id and code, the original it replaces (of this class), the new blank, the day, the application.</summary>
public sealed record DocumentDuplicate(Guid Id, string VerificationCode, Guid OriginalId, string ClassId, string Series, string Number, DateOnly On,
    Guid ApplicationId);

/// <summary>What the public checks page shows of a document: no marks, and the holder by initials only.</summary>
public sealed record VerifiedDocument(EducationDocumentKind Kind, bool WithDistinction, string Series, string Number, DateOnly IssuedOn,
    string OrganizationId, string Initials, DateOnly? RevokedOn);

// The register of education documents (migration 0038): issued and revoked with their audit rows in one transaction.
public sealed partial class AssessmentStore
{
    private const string DocumentColumns = """
        id, verification_code, kind, with_distinction, series, number, issued_on, academic_year, student_id, class_id, organization_id,
        marks, revoked_on, revoked_reason
        """;

    /// <summary>Registers a document; a series and number already used, or a pupil already holding a valid one of the kind, writes nothing.</summary>
    public async Task<DocumentWrite> IssueDocumentAsync(Guid id, string verificationCode, string classId, string organizationId, string academicYear,
        NewDocument document, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = new NpgsqlCommand($"""
            INSERT INTO education_documents ({DocumentColumns}, issued_by)
            VALUES (@id, @code, @kind, @distinction, @series, @number, @on, @y, @student, @c, @org, @marks::jsonb, NULL, NULL, @by)
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("id", id);
            write.Parameters.AddWithValue("code", verificationCode);
            write.Parameters.AddWithValue("kind", DocumentValidator.NameOf(document.Kind));
            write.Parameters.AddWithValue("distinction", document.WithDistinction);
            write.Parameters.AddWithValue("series", document.Series);
            write.Parameters.AddWithValue("number", document.Number);
            write.Parameters.AddWithValue("on", document.IssuedOn);
            write.Parameters.AddWithValue("y", academicYear);
            write.Parameters.AddWithValue("student", document.StudentId);
            write.Parameters.AddWithValue("c", classId);
            write.Parameters.AddWithValue("org", organizationId);
            write.Parameters.AddWithValue("marks", JsonSerializer.Serialize(document.Marks, Json));
            write.Parameters.AddWithValue("by", audit.ActorId);
            try
            {
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return e.ConstraintName == "education_documents_number_key" ? DocumentWrite.NumberTaken : DocumentWrite.AlreadyIssued;
            }
        }
        var detail = JsonSerializer.Serialize(new { documentId = id, kind = DocumentValidator.NameOf(document.Kind), withDistinction = document.WithDistinction });
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = detail }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return DocumentWrite.Done;
    }

    /// <summary>Revokes a valid document of the class with the reason, audited; a document revoked stays in the register, shown as revoked.</summary>
    public async Task<DocumentWrite> RevokeDocumentAsync(Guid id, string classId, DateOnly on, string reason, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = new NpgsqlCommand("""
            WITH target AS (SELECT id, revoked_on FROM education_documents WHERE id = @id AND class_id = @c FOR UPDATE),
                 revoked AS (UPDATE education_documents d SET revoked_on = @on, revoked_reason = @reason, revoked_by = @by
                             FROM target WHERE d.id = target.id AND target.revoked_on IS NULL RETURNING d.id)
            SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM revoked)
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("id", id);
            write.Parameters.AddWithValue("c", classId);
            write.Parameters.AddWithValue("on", on);
            write.Parameters.AddWithValue("reason", reason);
            write.Parameters.AddWithValue("by", audit.ActorId);
            await using var reader = await write.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetInt64(0) == 0)
            {
                return DocumentWrite.NotFound;
            }
            if (reader.GetInt64(1) == 0)
            {
                return DocumentWrite.AlreadyRevoked;
            }
        }
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = JsonSerializer.Serialize(new { documentId = id }) }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return DocumentWrite.Done;
    }

    /// <summary>
    /// Issues a duplicate of a valid document of the class for an e-service application (issue 22), in the caller's
    /// transaction (the application's completion step, so the issue and the step commit together or not at all): a new
    /// document on a new blank with the original's kind, distinction and marks, the original revoked as replaced, audited.
    /// Anything but Done leaves the transaction to be rolled back (a unique violation has aborted it).
    /// </summary>
    public static async Task<DocumentWrite> IssueDuplicateAsync(DocumentDuplicate duplicate, AuditEntry audit, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using (var original = new NpgsqlCommand(
            "SELECT revoked_on IS NULL FROM education_documents WHERE id = @id AND class_id = @c FOR UPDATE", connection, transaction))
        {
            original.Parameters.AddWithValue("id", duplicate.OriginalId);
            original.Parameters.AddWithValue("c", duplicate.ClassId);
            switch (await original.ExecuteScalarAsync(cancellationToken))
            {
                case null:
                    return DocumentWrite.NotFound;
                case false:
                    return DocumentWrite.AlreadyRevoked;
            }
        }
        await using (var write = new NpgsqlCommand($"""
            WITH replaced AS (
                UPDATE education_documents SET revoked_on = @on, revoked_reason = @reason, revoked_by = @by WHERE id = @original
                RETURNING kind, with_distinction, academic_year, student_id, class_id, organization_id, marks)
            INSERT INTO education_documents ({DocumentColumns}, issued_by, duplicate_of, application_id)
            SELECT @id, @code, kind, with_distinction, @series, @number, @on, academic_year, student_id, class_id, organization_id, marks,
                   NULL, NULL, @by, @original, @a
            FROM replaced
            """, connection, transaction))
        {
            write.Parameters.AddWithValue("id", duplicate.Id);
            write.Parameters.AddWithValue("code", duplicate.VerificationCode);
            write.Parameters.AddWithValue("series", duplicate.Series);
            write.Parameters.AddWithValue("number", duplicate.Number);
            write.Parameters.AddWithValue("on", duplicate.On);
            write.Parameters.AddWithValue("reason", DuplicateReason);
            write.Parameters.AddWithValue("by", audit.ActorId);
            write.Parameters.AddWithValue("original", duplicate.OriginalId);
            write.Parameters.AddWithValue("a", duplicate.ApplicationId);
            try
            {
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "education_documents_number_key")
            {
                return DocumentWrite.NumberTaken;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // The pupil holds another valid document of the kind, or the application's duplicate exists.
                return DocumentWrite.AlreadyIssued;
            }
        }
        var detail = JsonSerializer.Serialize(new { documentId = duplicate.Id, duplicateOf = duplicate.OriginalId, applicationId = duplicate.ApplicationId });
        await using (var record = AuditLog.InsertCommand(audit with { DetailJson = detail }, connection, transaction))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        return DocumentWrite.Done;
    }

    /// <summary>The reason an original replaced by its duplicate is revoked with (the register shows it as written).</summary>
    public const string DuplicateReason = "Телнұсқа берілді / Выдан дубликат";

    /// <summary>A pupil's documents in the register of an organization, valid first (the office picks the one a duplicate replaces).</summary>
    public async Task<IReadOnlyList<RegisteredDocument>> PupilDocumentsAsync(string studentId, string organizationId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {DocumentColumns} FROM education_documents WHERE student_id = @s AND organization_id = @o
            ORDER BY revoked_on IS NOT NULL, issued_on DESC, series, number
            """);
        command.Parameters.AddWithValue("s", studentId);
        command.Parameters.AddWithValue("o", organizationId);
        return await ReadDocumentsAsync(command, cancellationToken);
    }

    /// <summary>The documents a class issued (a class is one academic year's), by date, series and number.</summary>
    public async Task<IReadOnlyList<RegisteredDocument>> ReadDocumentsAsync(string classId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {DocumentColumns} FROM education_documents WHERE class_id = @c ORDER BY issued_on, series, number
            """);
        command.Parameters.AddWithValue("c", classId);
        return await ReadDocumentsAsync(command, cancellationToken);
    }

    public async Task<RegisteredDocument?> FindDocumentAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {DocumentColumns} FROM education_documents WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await ReadDocumentsAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The public facts of the document with this canonical code, or null.</summary>
    public async Task<VerifiedDocument?> VerifyDocumentAsync(string verificationCode, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.kind, d.with_distinction, d.series, d.number, d.issued_on, d.organization_id, s.last_name, s.first_name, s.middle_name, d.revoked_on
            FROM education_documents d JOIN students s ON s.id = d.student_id WHERE d.verification_code = @code
            """);
        command.Parameters.AddWithValue("code", verificationCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var initials = DocumentHolder.Initials(reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
        return new VerifiedDocument(DocumentValidator.KindNamed(reader.GetString(0))!.Value, reader.GetBoolean(1), reader.GetString(2), reader.GetString(3),
            reader.GetFieldValue<DateOnly>(4), reader.GetString(5), initials, reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9));
    }

    private static async Task<IReadOnlyList<RegisteredDocument>> ReadDocumentsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<RegisteredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new RegisteredDocument(reader.GetGuid(0), reader.GetString(1), DocumentValidator.KindNamed(reader.GetString(2))!.Value,
                reader.GetBoolean(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateOnly>(6), reader.GetString(7), reader.GetString(8),
                reader.GetString(9), reader.GetString(10), JsonSerializer.Deserialize<List<DocumentMark>>(reader.GetString(11), Json) ?? [],
                reader.IsDBNull(12) ? null : reader.GetFieldValue<DateOnly>(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }
        return documents;
    }
}
