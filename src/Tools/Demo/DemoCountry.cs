using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Storage.Registry.Model;

namespace EduInfo.Tools.Demo;

/// <summary>
/// Generates a deterministic demo country: the republic KZ, the 20 regions by their real names, two districts or
/// cities each; schools and kindergartens in each district, a college per region (managed by the region), an
/// additional-education centre per region, and a republican school (managed by the republic). Classes carry each
/// grade's subjects; large classes of grades 5+ learn languages and informatics in two subgroups with their own
/// teachers and rosters; every subject has a teacher; every student a valid IIN and a parent.
/// </summary>
public static class DemoCountry
{
    public const string RepublicId = "KZ";

    public static RegistryData Generate(DemoCountryOptions options)
    {
        var random = new Random(options.Seed);
        var people = new DemoPeople(random);
        var data = new RegistryData();
        var (yearStart, _) = AcademicCalendar.Bounds(options.AcademicYear);
        var startYear = yearStart.Year;
        var counters = new Dictionary<string, int>();
        string Next(string prefix) => $"{prefix}{counters[prefix] = counters.GetValueOrDefault(prefix) + 1:D5}";

        data.Subjects.AddRange(DemoSubjects.All);
        data.Nodes.Add(new NodeRow(RepublicId, null, "republic", "Қазақстан Республикасы", "Республика Казахстан", "Republic of Kazakhstan"));

        void AddOrganization(string nodeId, string kind, int number, IReadOnlyList<string> languages, bool rural)
        {
            var id = Next("O");
            var (kk, ru, en) = kind switch
            {
                "school" => ($"№{number} жалпы білім беретін мектеп", $"Общеобразовательная школа №{number}", $"Secondary school No. {number}"),
                "preschool" => ($"№{number} «Балапан» бөбекжай-бақшасы", $"Ясли-сад «Балапан» №{number}", $"Balapan nursery school No. {number}"),
                "college" => ($"№{number} политехникалық колледж", $"Политехнический колледж №{number}", $"Polytechnic college No. {number}"),
                "additional" => ($"№{number} балалар шығармашылығы үйі", $"Дом детского творчества №{number}", $"Children's creativity centre No. {number}"),
                _ => ("Назарбаев Зияткерлік мектебі", "Назарбаев Интеллектуальная школа", "Nazarbayev Intellectual School"),
            };
            data.Organizations.Add(new OrganizationRow(id, nodeId, kind == "republican" ? "school" : kind, kk, ru, en, languages, rural));

            IReadOnlyList<(int Grade, IReadOnlyList<string> Subjects)> grades = kind switch
            {
                "school" or "republican" => options.Grades.Select(g => (g, DemoSubjects.ForGrade(g))).ToList(),
                "college" => [(1, DemoSubjects.College), (2, DemoSubjects.College)],
                "preschool" => [(0, DemoSubjects.Preschool)],
                _ => [],
            };
            var teachers = new Dictionary<string, string>();
            string TeacherFor(string subject)
            {
                if (!teachers.TryGetValue(subject, out var teacherId))
                {
                    var (last, first, middle, male) = people.Name();
                    teacherId = Next("T");
                    var birth = people.BirthDate(1970 + random.Next(30));
                    data.Teachers.Add(new TeacherRow(teacherId, people.Iin(birth, male), last, first, middle, id));
                    teachers[subject] = teacherId;
                }
                return teacherId;
            }

            foreach (var (grade, subjects) in grades)
            {
                for (var c = 0; c < options.ClassesPerGrade; c++)
                {
                    var classId = Next("C");
                    var language = languages[c % languages.Count];
                    var letter = ((char)('А' + c)).ToString();
                    data.Classes.Add(new ClassRow(classId, id, options.AcademicYear, grade, letter, language));
                    // Classes of SplitFrom or more students in grades 5+ learn languages and informatics in two subgroups.
                    var split = grade >= 5 && kind != "college" && options.StudentsPerClass >= options.SplitFrom
                        ? subjects.Intersect(DemoSubjects.SplitInSubgroups).ToList()
                        : [];
                    foreach (var subject in subjects.Except(split))
                    {
                        data.Assignments.Add(new AssignmentRow(TeacherFor(subject), classId, subject, yearStart, null));
                    }
                    var classStudents = new List<string>(options.StudentsPerClass);
                    var age = kind == "college" ? 15 + grade : kind == "preschool" ? 5 : 6 + grade;
                    for (var s = 0; s < options.StudentsPerClass; s++)
                    {
                        var (last, first, middle, male) = people.Name();
                        var birth = people.BirthDate(startYear - age);
                        var studentId = Next("S");
                        data.Students.Add(new PersonRow(studentId, people.Iin(birth, male), last, first, middle, birth));
                        data.Enrolments.Add(new EnrolmentRow(studentId, classId, yearStart, null));
                        classStudents.Add(studentId);

                        var (parentLast, parentFirst, parentMiddle, parentMale) = people.Name();
                        var parentBirth = people.BirthDate(startYear - age - 22 - random.Next(15));
                        var parentId = Next("P");
                        data.Parents.Add(new PersonRow(parentId, people.Iin(parentBirth, parentMale), parentLast, parentFirst, parentMiddle, parentBirth));
                        data.StudentParents.Add(new StudentParentRow(studentId, parentId, parentMale ? "father" : "mother"));
                    }
                    foreach (var subject in split)
                    {
                        for (var half = 1; half <= 2; half++)
                        {
                            var groupId = $"{classId}-{subject}-{half}";
                            data.TeachingGroups.Add(new TeachingGroupRow(groupId, classId, "subgroup", subject, $"{grade}{letter} {subject} {half}"));
                            data.Assignments.Add(new AssignmentRow(TeacherFor(half == 1 ? subject : subject + "/2"), groupId, subject, yearStart, null));
                            var members = half == 1 ? classStudents.Take(classStudents.Count / 2) : classStudents.Skip(classStudents.Count / 2);
                            data.GroupMembers.AddRange(members.Select(id => new GroupMemberRow(groupId, id, yearStart, null)));
                        }
                    }
                }
            }
        }

        var school = 0;
        foreach (var region in DemoRegions.All)
        {
            var regionId = $"KZ-{region.Name.Code}";
            data.Nodes.Add(new NodeRow(regionId, RepublicId, "region", region.Name.Kk, region.Name.Ru, region.Name.En));
            foreach (var district in region.Districts)
            {
                var districtId = $"{regionId}-{district.Code}";
                data.Nodes.Add(new NodeRow(districtId, regionId, "district", district.Kk, district.Ru, district.En));
                var rural = district.En.EndsWith("District", StringComparison.Ordinal) && !region.IsCity;
                for (var i = 0; i < options.SchoolsPerDistrict; i++)
                {
                    IReadOnlyList<string> languages = (i % 3) switch { 0 => ["kk"], 1 => ["ru"], _ => ["kk", "ru"] };
                    AddOrganization(districtId, "school", ++school, languages, rural);
                }
                for (var i = 0; i < options.KindergartensPerDistrict; i++)
                {
                    AddOrganization(districtId, "preschool", ++school, i % 2 == 0 ? ["kk"] : ["ru"], rural);
                }
            }
            AddOrganization(regionId, "college", ++school, ["kk", "ru"], false);
            AddOrganization(regionId, "additional", ++school, ["kk", "ru"], false);
        }
        AddOrganization(RepublicId, "republican", ++school, ["kk", "ru", "en"], false);
        return data;
    }
}
