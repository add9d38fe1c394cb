using EduInfo.Domain.Registry;
using Npgsql;

namespace EduInfo.Tools.Import;

/// <summary>
/// Reads from the registry only what an import mentions (its ids and valid IINs), in one round trip, so an import
/// of one district is checked against a national registry without loading it.
/// </summary>
public sealed class ExistingRegistryReader(NpgsqlDataSource dataSource)
{
    /// <summary>The stored rows among those <paramref name="import"/> declares or refers to.</summary>
    public async Task<ExistingRegistry> ReadAsync(ParsedImport import, CancellationToken cancellationToken = default)
    {
        var ids = import.Declarations.Select(d => d.Id).Concat(import.References.Select(r => r.Id)).Distinct(StringComparer.Ordinal).ToArray();
        string[] IinsOf(ImportEntity owner) => import.Iins.Where(i => i.Owner == owner).Select(i => i.Iin).Distinct().ToArray();

        await using var batch = dataSource.CreateBatch();
        void Add(string sql, params (string Name, object Value)[] parameters)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            batch.BatchCommands.Add(command);
        }
        Add("SELECT id, kind FROM nodes WHERE id = ANY(@ids)", ("ids", ids));
        Add("SELECT id FROM organizations WHERE id = ANY(@ids)", ("ids", ids));
        Add("SELECT id FROM subjects WHERE id = ANY(@ids)", ("ids", ids));
        Add("SELECT id FROM classes WHERE id = ANY(@ids)", ("ids", ids));
        Add("SELECT id, kind FROM teaching_groups WHERE id = ANY(@ids)", ("ids", ids));
        Add("SELECT id FROM students WHERE id = ANY(@ids)", ("ids", ids));
        Add("SELECT id FROM teachers WHERE id = ANY(@ids)", ("ids", ids));
        Add("SELECT id FROM parents WHERE id = ANY(@ids)", ("ids", ids));
        // iin is char(12): compare as char(12) so the unique index serves the look-up.
        Add("SELECT iin FROM students WHERE iin = ANY(@iins::char(12)[])", ("iins", IinsOf(ImportEntity.Student)));
        Add("SELECT iin FROM teachers WHERE iin = ANY(@iins::char(12)[])", ("iins", IinsOf(ImportEntity.Teacher)));
        Add("SELECT iin FROM parents WHERE iin = ANY(@iins::char(12)[])", ("iins", IinsOf(ImportEntity.Parent)));
        Add("SELECT student_id, parent_id FROM student_parents WHERE student_id = ANY(@ids) AND parent_id = ANY(@ids)", ("ids", ids));
        Add("SELECT group_id, student_id, from_date FROM teaching_group_members WHERE group_id = ANY(@ids) AND student_id = ANY(@ids)", ("ids", ids));
        Add("SELECT teacher_id, group_id, subject_id, from_date FROM assignments WHERE teacher_id = ANY(@ids) AND group_id = ANY(@ids)", ("ids", ids));
        Add("SELECT class_id, group_id, weekday, period, valid_from FROM timetable_slots WHERE class_id = ANY(@ids)", ("ids", ids));
        Add("SELECT id FROM nodes WHERE kind = 'republic' ORDER BY id LIMIT 1");

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        async Task<List<T>> Rows<T>(Func<NpgsqlDataReader, T> read)
        {
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }
            await reader.NextResultAsync(cancellationToken);
            return rows;
        }
        async Task<HashSet<string>> Strings() => (await Rows(r => r.GetString(0))).ToHashSet(StringComparer.Ordinal);
        async Task<Dictionary<string, string>> Kinds() => (await Rows(r => (Id: r.GetString(0), Kind: r.GetString(1)))).ToDictionary(r => r.Id, r => r.Kind, StringComparer.Ordinal);

        var nodes = await Kinds();
        var organizations = await Strings();
        var subjects = await Strings();
        var classes = await Strings();
        var groups = await Kinds();
        var students = await Strings();
        var teachers = await Strings();
        var parents = await Strings();
        var studentIins = await Strings();
        var teacherIins = await Strings();
        var parentIins = await Strings();
        var studentParents = (await Rows(r => (r.GetString(0), r.GetString(1)))).ToHashSet();
        var groupMembers = (await Rows(r => (r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2)))).ToHashSet();
        var assignments = (await Rows(r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3)))).ToHashSet();
        var timetable = (await Rows(r => (r.GetString(0), r.GetString(1), (int)r.GetInt16(2), (int)r.GetInt16(3), r.GetFieldValue<DateOnly>(4)))).ToHashSet();
        var republic = (await Rows(r => r.GetString(0))).FirstOrDefault();
        return new ExistingRegistry
        {
            Nodes = nodes, Organizations = organizations, Subjects = subjects, Classes = classes, Groups = groups,
            Students = students, Teachers = teachers, Parents = parents,
            StudentIins = studentIins, TeacherIins = teacherIins, ParentIins = parentIins,
            StudentParents = studentParents, GroupMembers = groupMembers, Assignments = assignments, TimetableSlots = timetable, RepublicId = republic,
        };
    }
}
