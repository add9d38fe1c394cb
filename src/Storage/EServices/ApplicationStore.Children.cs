using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Storage.Audit;
using Npgsql;

namespace EduInfo.Storage.EServices;

/// <summary>How a child's claim was written.</summary>
public enum ChildClaimWrite
{
    Done = 1,
    /// <summary>The parent already claimed a child of this IIN.</summary>
    AlreadyClaimed = 2,
}

/// <summary>A certificate of study as the public check shows it: the organization, the day, the holder's initials.</summary>
public sealed record CertificateCheck(string OrganizationId, DateOnly IssuedOn, string Initials, bool Valid);

/// <summary>An operator's change of a service's term or window.</summary>
public sealed record ServiceSetting(ServiceKind Service, int? DecisionWorkingDays, ApplicationWindow? Window);

public sealed partial class ApplicationStore
{
    private const string LinkColumns = "id, parent_id, birth_date, last_name, first_name, middle_name, birth_certificate, claimed_at, confirmed_by IS NOT NULL";

    /// <summary>A parent's claim of a child, audited (the IIN is not in the audit detail).</summary>
    public async Task<ChildClaimWrite> ClaimChildAsync(Guid id, string parentId, ChildClaim claim, DateTimeOffset at, AuditEntry audit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO child_links (id, parent_id, child_iin, birth_date, last_name, first_name, middle_name, birth_certificate, claimed_at)
            VALUES (@id, @parent, @iin, @birth, @last, @first, @middle, @certificate, @at)
            ON CONFLICT ON CONSTRAINT child_links_parent_child_key DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("parent", parentId);
            insert.Parameters.AddWithValue("iin", claim.Iin!);
            insert.Parameters.AddWithValue("birth", claim.BirthDate!.Value);
            insert.Parameters.AddWithValue("last", claim.LastName!.Trim());
            insert.Parameters.AddWithValue("first", claim.FirstName!.Trim());
            insert.Parameters.AddWithValue("middle", claim.MiddleName?.Trim() is { Length: > 0 } m ? m : DBNull.Value);
            insert.Parameters.AddWithValue("certificate", claim.BirthCertificate!.Trim());
            insert.Parameters.AddWithValue("at", at);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return ChildClaimWrite.AlreadyClaimed;
            }
        }
        await AuditLog.WriteAsync(audit, new { childLinkId = id }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ChildClaimWrite.Done;
    }

    public async Task<IReadOnlyList<ChildLink>> ChildLinksOfAsync(string parentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {LinkColumns} FROM child_links WHERE parent_id = @p ORDER BY claimed_at, id");
        command.Parameters.AddWithValue("p", parentId);
        return await ReadLinksAsync(command, cancellationToken);
    }

    public async Task<ChildLink?> ChildLinkAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {LinkColumns} FROM child_links WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await ReadLinksAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<ChildLink>> ReadLinksAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<ChildLink>();
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new ChildLink(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8)));
        }
        return links;
    }

    /// <summary>Staff of an office confirm a link against the birth certificate, audited; false when it was confirmed already.</summary>
    public async Task<bool> ConfirmLinkAsync(Guid linkId, string officeId, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("""
            UPDATE child_links SET confirmed_by = @by, confirmed_at = @at, confirmed_office = @office WHERE id = @id AND confirmed_by IS NULL
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", linkId);
            update.Parameters.AddWithValue("by", audit.ActorId);
            update.Parameters.AddWithValue("at", at);
            update.Parameters.AddWithValue("office", officeId);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await AuditLog.WriteAsync(audit, new { childLinkId = linkId }, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The office a filing names (a school or other organization, or a district node) and, for a pupil, their current
    /// organization and birth date when the applicant is their parent today (else the pupil is not theirs: null).
    /// </summary>
    public async Task<FilingPlace> FilingPlaceAsync(string officeId, string? studentId, string applicantId, DateOnly today,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT CASE o.kind WHEN 'school' THEN 1 ELSE 2 END FROM organizations o WHERE o.id = @office),
                   (SELECT o.node_id FROM organizations o WHERE o.id = @office),
                   (SELECT o.path FROM organizations o WHERE o.id = @office),
                   (SELECT n.kind FROM nodes n WHERE n.id = @office),
                   (SELECT n.path FROM nodes n WHERE n.id = @office),
                   (SELECT c.organization_id FROM enrolments e JOIN classes c ON c.id = e.class_id
                    WHERE e.student_id = @student AND e.from_date <= @today AND (e.to_date IS NULL OR e.to_date >= @today)
                      AND EXISTS (SELECT 1 FROM student_parents sp WHERE sp.student_id = @student AND sp.parent_id = @applicant
                                  AND (sp.from_date IS NULL OR sp.from_date <= @today) AND (sp.to_date IS NULL OR sp.to_date >= @today))
                    ORDER BY e.from_date DESC, e.seq DESC LIMIT 1),
                   (SELECT s.birth_date FROM students s WHERE s.id = @student)
            """);
        command.Parameters.AddWithValue("office", officeId);
        command.Parameters.AddWithValue("student", (object?)studentId ?? DBNull.Value);
        command.Parameters.AddWithValue("applicant", applicantId);
        command.Parameters.AddWithValue("today", today);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var pupilOrganization = reader.IsDBNull(5) ? null : reader.GetString(5);
        DateOnly? pupilBirth = pupilOrganization is null || reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6);
        if (!reader.IsDBNull(0))
        {
            return new FilingPlace(reader.GetInt32(0) == 1 ? OfficeKind.School : OfficeKind.OtherOrganization, reader.GetString(1),
                reader.GetFieldValue<string[]>(2), pupilOrganization, pupilBirth);
        }
        return !reader.IsDBNull(3) && reader.GetString(3) == "district"
            ? new FilingPlace(OfficeKind.DistrictDepartment, officeId, reader.GetFieldValue<string[]>(4), pupilOrganization, pupilBirth)
            : new FilingPlace(OfficeKind.Unknown, null, [], pupilOrganization, pupilBirth);
    }

    /// <summary>The days the government declared over the weekends and public holidays.</summary>
    public async Task<IReadOnlyList<LabourDay>> LabourDaysAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT day, kind, reason FROM labour_days ORDER BY day");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<LabourDay>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new LabourDay(reader.GetFieldValue<DateOnly>(0), Parse<LabourDayKind>(reader.GetString(1)), reader.GetString(2)));
        }
        return days;
    }

    /// <summary>What operators changed of the catalogue.</summary>
    public async Task<IReadOnlyList<ServiceSetting>> SettingsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT service, decision_working_days, window_from, window_to FROM service_settings");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var settings = new List<ServiceSetting>();
        while (await reader.ReadAsync(cancellationToken))
        {
            settings.Add(new ServiceSetting(Parse<ServiceKind>(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : WindowOf(reader.GetString(2), reader.GetString(3))));
        }
        return settings;
    }

    public async Task SaveSettingAsync(ServiceSetting setting, DateTimeOffset at, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO service_settings (service, decision_working_days, window_from, window_to, changed_by, changed_at)
            VALUES (@service, @days, @from, @to, @by, @at)
            ON CONFLICT (service) DO UPDATE SET decision_working_days = excluded.decision_working_days, window_from = excluded.window_from,
                window_to = excluded.window_to, changed_by = excluded.changed_by, changed_at = excluded.changed_at
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("service", Text(setting.Service));
            upsert.Parameters.AddWithValue("days", (object?)setting.DecisionWorkingDays ?? DBNull.Value);
            upsert.Parameters.AddWithValue("from", setting.Window is { } w ? $"{w.FromMonth:00}-{w.FromDay:00}" : DBNull.Value);
            upsert.Parameters.AddWithValue("to", setting.Window is { } v ? $"{v.ToMonth:00}-{v.ToDay:00}" : DBNull.Value);
            upsert.Parameters.AddWithValue("by", audit.ActorId);
            upsert.Parameters.AddWithValue("at", at);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await AuditLog.WriteAsync(audit, new { service = Text(setting.Service), setting.DecisionWorkingDays, window = setting.Window?.ToString() }, connection, transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static ApplicationWindow WindowOf(string from, string to) =>
        new(int.Parse(from[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(from[3..], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(to[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(to[3..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A certificate of study by its code: the organization, the day, the pupil's initials; valid while the pupil is enrolled there.</summary>
    public async Task<CertificateCheck?> VerifyCertificateAsync(string code, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.office_id, a.decided_on, left(s.last_name, 1) || '. ' || left(s.first_name, 1) || '.',
                   EXISTS (SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id
                           WHERE e.student_id = a.student_id AND c.organization_id = a.office_id AND e.from_date <= @today
                             AND (e.to_date IS NULL OR e.to_date >= @today))
            FROM service_applications a JOIN students s ON s.id = a.student_id
            WHERE a.verification_code = @code AND a.service = 'studyCertificate' AND a.state = 'completed'
            """);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("today", today);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CertificateCheck(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetBoolean(3))
            : null;
    }
}

/// <summary>A child as the applicant and the office see them on an application.</summary>
public sealed record ApplicationChild(string LastName, string FirstName, DateOnly BirthDate);

public sealed partial class ApplicationStore
{
    /// <summary>The children of these applications (the links' and the pupils'), by link id or student id.</summary>
    public async Task<IReadOnlyDictionary<string, ApplicationChild>> ChildrenAsync(IEnumerable<ApplicationRecord> applications,
        CancellationToken cancellationToken = default)
    {
        var list = applications.ToList();
        await using var command = dataSource.CreateCommand("""
            SELECT id::text, last_name, first_name, birth_date FROM child_links WHERE id = ANY (@links)
            UNION ALL SELECT id, last_name, first_name, birth_date FROM students WHERE id = ANY (@students)
            """);
        command.Parameters.AddWithValue("links", list.Where(a => a.ChildLinkId is not null).Select(a => a.ChildLinkId!.Value).Distinct().ToArray());
        command.Parameters.AddWithValue("students", list.Where(a => a.StudentId is not null).Select(a => a.StudentId!).Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var children = new Dictionary<string, ApplicationChild>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            children[reader.GetString(0)] = new ApplicationChild(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3));
        }
        return children;
    }
}
