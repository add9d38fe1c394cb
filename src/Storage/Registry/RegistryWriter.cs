using System.Text.Json;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry.Model;
using Npgsql;
using NpgsqlTypes;

namespace EduInfo.Storage.Registry;

/// <summary>
/// Loads a registry, or a part of one, in one transaction with binary COPY: the hierarchy with materialized paths, a
/// whole-class teaching group per class (id = the class's id) besides the subgroups and profile groups given, enrolments numbered from the journal sequence, and each class's
/// watermark. A parent (node or organization) that is not in the data must already be in the registry: its path is
/// read inside the same transaction, so one district's schools can be loaded under existing nodes.
/// All or nothing: a constraint violation (e.g. an invalid IIN) loads nothing. This is the bulk path of a first,
/// country-scale load by an operator (<c>eduinfo import</c>, the demo seed): it bypasses the grains, so it is for a
/// registry no class grain serves yet; a school's pupils into a live system go through <see cref="PupilStore.EnrolAllAsync"/>.
/// </summary>
public sealed class RegistryWriter(NpgsqlDataSource dataSource)
{
    /// <summary>Writes every row of <paramref name="data"/>, or nothing.</summary>
    /// <param name="audit">The load's audit row, written in the same transaction with the count of each table's rows (null: none, the demo seed's load).</param>
    /// <exception cref="InvalidOperationException">A parent is neither in the data nor in the registry, or the nodes form a cycle.</exception>
    public async Task WriteAsync(RegistryData data, CancellationToken cancellationToken = default, AuditEntry? audit = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var nodePaths = await NodePathsAsync(connection, transaction, data, cancellationToken);
        var organizationPaths = data.Organizations.ToDictionary(o => o.Id, o => nodePaths[o.NodeId].Append(o.Id).ToArray());
        var existingOrganizations = await PathsAsync(connection, transaction, "organizations",
            data.Classes.Select(c => c.OrganizationId).Where(id => !organizationPaths.ContainsKey(id)), cancellationToken);
        string[] OrganizationPath(string id) => organizationPaths.TryGetValue(id, out var path) ? path
            : existingOrganizations.TryGetValue(id, out path) ? path
            : throw new InvalidOperationException($"Organization '{id}' is neither in the data nor in the registry.");

        await CopyAsync(connection, "nodes (id, parent_id, kind, name_kk, name_ru, name_en, path)", data.Nodes, (w, n) =>
        {
            w.Write(n.Id); WriteNullable(w, n.ParentId); w.Write(n.Kind); w.Write(n.NameKk); w.Write(n.NameRu); w.Write(n.NameEn);
            w.Write(nodePaths[n.Id], NpgsqlDbType.Array | NpgsqlDbType.Text);
        }, cancellationToken);
        await CopyAsync(connection, "organizations (id, node_id, kind, name_kk, name_ru, name_en, languages, is_rural, path)", data.Organizations, (w, o) =>
        {
            w.Write(o.Id); w.Write(o.NodeId); w.Write(o.Kind); w.Write(o.NameKk); w.Write(o.NameRu); w.Write(o.NameEn);
            w.Write(o.Languages.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text); w.Write(o.IsRural);
            w.Write(organizationPaths[o.Id], NpgsqlDbType.Array | NpgsqlDbType.Text);
        }, cancellationToken);
        await CopyAsync(connection, "subjects (id, name_kk, name_ru, name_en)", data.Subjects, (w, s) =>
        {
            w.Write(s.Id); w.Write(s.NameKk); w.Write(s.NameRu); w.Write(s.NameEn);
        }, cancellationToken);
        await CopyAsync(connection, "classes (id, organization_id, academic_year, grade, letter, language, path)", data.Classes, (w, c) =>
        {
            w.Write(c.Id); w.Write(c.OrganizationId); w.Write(c.AcademicYear); w.Write((short)c.Grade, NpgsqlDbType.Smallint); w.Write(c.Letter); w.Write(c.Language);
            w.Write(OrganizationPath(c.OrganizationId).Append(c.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        }, cancellationToken);
        await CopyAsync(connection, "teaching_groups (id, class_id, kind)", data.Classes, (w, c) =>
        {
            w.Write(c.Id); w.Write(c.Id); w.Write("class");
        }, cancellationToken);
        await CopyAsync(connection, "teaching_groups (id, class_id, kind, subject_id, name)", data.TeachingGroups, (w, g) =>
        {
            w.Write(g.Id); WriteNullable(w, g.ClassId); w.Write(g.Kind); w.Write(g.SubjectId); w.Write(g.Name);
        }, cancellationToken);
        await CopyAsync(connection, "students (id, iin, last_name, first_name, middle_name, birth_date)", data.Students, WritePerson, cancellationToken);
        await CopyAsync(connection, "teaching_group_members (group_id, student_id, from_date, to_date)", data.GroupMembers, (w, m) =>
        {
            w.Write(m.GroupId); w.Write(m.StudentId); w.Write(m.From, NpgsqlDbType.Date); WriteNullable(w, m.To);
        }, cancellationToken);
        await CopyAsync(connection, "enrolments (student_id, class_id, from_date, to_date)", data.Enrolments, (w, e) =>
        {
            w.Write(e.StudentId); w.Write(e.ClassId); w.Write(e.From, NpgsqlDbType.Date); WriteNullable(w, e.To);
        }, cancellationToken);
        await CopyAsync(connection, "teachers (id, iin, last_name, first_name, middle_name, organization_id)", data.Teachers, (w, t) =>
        {
            w.Write(t.Id); w.Write(t.Iin); w.Write(t.LastName); w.Write(t.FirstName); WriteNullable(w, t.MiddleName); w.Write(t.OrganizationId);
        }, cancellationToken);
        await CopyAsync(connection, "assignments (teacher_id, group_id, subject_id, from_date, to_date)", data.Assignments, (w, a) =>
        {
            w.Write(a.TeacherId); w.Write(a.GroupId); w.Write(a.SubjectId); w.Write(a.From, NpgsqlDbType.Date); WriteNullable(w, a.To);
        }, cancellationToken);
        await CopyAsync(connection, "timetable_slots (class_id, group_id, subject_id, weekday, period, valid_from)", data.Timetable, (w, t) =>
        {
            w.Write(t.ClassId); w.Write(t.GroupId); w.Write(t.SubjectId); w.Write((short)t.Weekday, NpgsqlDbType.Smallint);
            w.Write((short)t.Period, NpgsqlDbType.Smallint); w.Write(t.From, NpgsqlDbType.Date);
        }, cancellationToken);
        await CopyAsync(connection, "parents (id, iin, last_name, first_name, middle_name)", data.Parents, (w, p) =>
        {
            w.Write(p.Id); w.Write(p.Iin); w.Write(p.LastName); w.Write(p.FirstName); WriteNullable(w, p.MiddleName);
        }, cancellationToken);
        await CopyAsync(connection, "student_parents (student_id, parent_id, relation)", data.StudentParents, (w, sp) =>
        {
            w.Write(sp.StudentId); w.Write(sp.ParentId); w.Write(sp.Relation);
        }, cancellationToken);

        // Roster changes move a class's version like journal rows do; only the classes this load enrols into move.
        if (data.Enrolments.Count > 0)
        {
            await using var watermarks = new NpgsqlCommand("""
                INSERT INTO class_watermarks (class_id, seq)
                SELECT class_id, max(seq) FROM enrolments WHERE class_id = ANY(@classes) GROUP BY class_id
                ON CONFLICT (class_id) DO UPDATE SET seq = greatest(class_watermarks.seq, excluded.seq)
                """, connection, transaction);
            watermarks.Parameters.AddWithValue("classes", data.Enrolments.Select(e => e.ClassId).Distinct().ToArray());
            await watermarks.ExecuteNonQueryAsync(cancellationToken);
        }
        if (audit is not null)
        {
            await using var record = AuditLog.InsertCommand(audit with { DetailJson = JsonSerializer.Serialize(Counts(data)) }, connection, transaction);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>How many rows of each table a load holds (the audit's detail: counts, never a row).</summary>
    public static Dictionary<string, int> Counts(RegistryData data) => new()
    {
        ["nodes"] = data.Nodes.Count, ["organizations"] = data.Organizations.Count, ["subjects"] = data.Subjects.Count, ["classes"] = data.Classes.Count,
        ["teachingGroups"] = data.TeachingGroups.Count, ["students"] = data.Students.Count, ["groupMembers"] = data.GroupMembers.Count,
        ["teachers"] = data.Teachers.Count, ["assignments"] = data.Assignments.Count, ["parents"] = data.Parents.Count,
        ["studentParents"] = data.StudentParents.Count, ["timetableSlots"] = data.Timetable.Count,
    };

    private static void WritePerson(NpgsqlBinaryImporter w, PersonRow p)
    {
        w.Write(p.Id); w.Write(p.Iin); w.Write(p.LastName); w.Write(p.FirstName); WriteNullable(w, p.MiddleName); w.Write(p.BirthDate, NpgsqlDbType.Date);
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null) writer.WriteNull(); else writer.Write(value);
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, DateOnly? value)
    {
        if (value is null) writer.WriteNull(); else writer.Write(value.Value, NpgsqlDbType.Date);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IReadOnlyList<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            write(importer, row);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Each node's ancestors from the root down to itself, for the nodes of the data and the existing nodes they
    /// (or their organizations) hang under.
    /// </summary>
    private static async Task<Dictionary<string, string[]>> NodePathsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RegistryData data, CancellationToken cancellationToken)
    {
        var byId = data.Nodes.ToDictionary(n => n.Id);
        var outside = data.Nodes.Select(n => n.ParentId).OfType<string>().Concat(data.Organizations.Select(o => o.NodeId))
            .Where(id => !byId.ContainsKey(id));
        var paths = await PathsAsync(connection, transaction, "nodes", outside, cancellationToken);
        var visiting = new HashSet<string>();
        string[] PathOf(string id)
        {
            if (paths.TryGetValue(id, out var known))
            {
                return known;
            }
            if (!byId.TryGetValue(id, out var node))
            {
                throw new InvalidOperationException($"Node '{id}' is neither in the data nor in the registry.");
            }
            if (!visiting.Add(id))
            {
                throw new InvalidOperationException($"Node '{id}' is its own ancestor.");
            }
            var path = node.ParentId is null ? [id] : PathOf(node.ParentId).Append(id).ToArray();
            paths[id] = path;
            return path;
        }
        foreach (var node in data.Nodes)
        {
            PathOf(node.Id);
        }
        foreach (var organization in data.Organizations)
        {
            PathOf(organization.NodeId);
        }
        return paths;
    }

    /// <summary>The materialized paths of existing rows of <paramref name="table"/> (nodes or organizations), read in the load's transaction.</summary>
    private static async Task<Dictionary<string, string[]>> PathsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var paths = new Dictionary<string, string[]>();
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return paths;
        }
        await using var command = new NpgsqlCommand($"SELECT id, path FROM {table} WHERE id = ANY(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", wanted);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            paths[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        }
        return paths;
    }
}
