using EduInfo.Domain.Registry;
using System.Globalization;
using System.Text;
using EduInfo.Storage.Registry.Model;

namespace EduInfo.IntegrationTests.Import;

/// <summary>
/// Writes a <see cref="RegistryData"/> as an import folder, spelling out the documented headers (docs/import.md) rather
/// than using the importer's own format table, so a round trip checks the importer against the document.
/// </summary>
internal static class CsvFolderWriter
{
    public static void Write(RegistryData data, string folder)
    {
        Directory.CreateDirectory(folder);
        var enrolment = data.Enrolments.ToDictionary(e => e.StudentId); // one per student in the demo; a second would throw here
        File("nodes.csv", "id,parent_id,kind,name_kk,name_ru,name_en", data.Nodes, n => [n.Id, n.ParentId, n.Kind, n.NameKk, n.NameRu, n.NameEn]);
        File("organizations.csv", "id,node_id,kind,name_kk,name_ru,name_en,languages,is_rural", data.Organizations,
            o => [o.Id, o.NodeId, o.Kind, o.NameKk, o.NameRu, o.NameEn, string.Join(';', o.Languages), o.IsRural ? "true" : "false"]);
        File("subjects.csv", "id,name_kk,name_ru,name_en", data.Subjects, s => [s.Id, s.NameKk, s.NameRu, s.NameEn]);
        File("classes.csv", "id,organization_id,academic_year,grade,letter,language", data.Classes,
            c => [c.Id, c.OrganizationId, c.AcademicYear, c.Grade.ToString(CultureInfo.InvariantCulture), c.Letter, c.Language]);
        File("teaching_groups.csv", "id,class_id,kind,subject_id,name", data.TeachingGroups, g => [g.Id, g.ClassId, g.Kind, g.SubjectId, g.Name]);
        File("students.csv", "id,iin,last_name,first_name,middle_name,birth_date,class_id,enrolled_from,enrolled_to", data.Students,
            s => [s.Id, s.Iin, s.LastName, s.FirstName, s.MiddleName, Date(s.BirthDate), enrolment[s.Id].ClassId, Date(enrolment[s.Id].From), Date(enrolment[s.Id].To)]);
        File("group_members.csv", "group_id,student_id,from,to", data.GroupMembers, m => [m.GroupId, m.StudentId, Date(m.From), Date(m.To)]);
        File("teachers.csv", "id,iin,last_name,first_name,middle_name,organization_id", data.Teachers,
            t => [t.Id, t.Iin, t.LastName, t.FirstName, t.MiddleName, t.OrganizationId]);
        File("assignments.csv", "teacher_id,group_id,subject_id,from,to", data.Assignments, a => [a.TeacherId, a.GroupId, a.SubjectId, Date(a.From), Date(a.To)]);
        File("parents.csv", "id,iin,last_name,first_name,middle_name", data.Parents, p => [p.Id, p.Iin, p.LastName, p.FirstName, p.MiddleName]);
        File("student_parents.csv", "student_id,parent_id,relation", data.StudentParents, l => [l.StudentId, l.ParentId, l.Relation]);

        void File<T>(string name, string header, IEnumerable<T> rows, Func<T, string?[]> values)
        {
            var text = new StringBuilder(header).Append("\r\n");
            foreach (var row in rows)
            {
                text.AppendJoin(',', values(row).Select(Quote)).Append("\r\n");
            }
            System.IO.File.WriteAllText(Path.Combine(folder, name), text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
