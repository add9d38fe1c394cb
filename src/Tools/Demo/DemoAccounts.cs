using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Registry.Model;
using EduInfo.Storage.Security;

namespace EduInfo.Tools.Demo;

/// <summary>
/// Demo accounts for the Development profile: one per role with documented credentials (docs/demo-country.md), all
/// centred on the first school of Almaty's Bostandyk district, and an account for every teacher (login = teacher id)
/// so simulated journal clients log in like real ones. Every teacher account shares one hash of the same demo
/// password — acceptable for demo data only, and it keeps seeding fast with a slow hash.
/// </summary>
public static class DemoAccounts
{
    public const string TeacherPassword = "demo-teacher";

    /// <summary>A documented demo login: login, password, role and what it is scoped to.</summary>
    public sealed record Credential(string Login, string Password, string Role, string ScopeId);

    public static (IReadOnlyList<NewAccount> Accounts, IReadOnlyList<Credential> Credentials) Create(RegistryData data)
    {
        var district = data.Nodes.FirstOrDefault(n => n.Id == "KZ-ALA-BOS") ?? data.Nodes.First(n => n.Kind == "district");
        var region = district.ParentId!;
        var school = data.Organizations.First(o => o.NodeId == district.Id && o.Kind == "school");
        var classes = data.Classes.Where(c => c.OrganizationId == school.Id && c.Grade >= 2).Select(c => c.Id).ToHashSet();
        var teaching = data.Assignments.First(a => classes.Contains(a.GroupId));
        var classId = teaching.GroupId;
        var classTeacher = data.Assignments.Where(a => a.GroupId == classId).Select(a => a.TeacherId).Distinct().Skip(1).FirstOrDefault() ?? teaching.TeacherId;
        var student = data.Enrolments.First(e => e.ClassId == classId).StudentId;
        var parent = data.StudentParents.First(p => p.StudentId == student).ParentId;

        var people = new (string Login, string Role, string Scope, string? Person)[]
        {
            ("analyst", Role.MinistryAnalyst, "KZ", null),
            ("operator", Role.Operator, "KZ", null),
            ("region.officer", Role.RegionOfficer, region, null),
            ("district.officer", Role.DistrictOfficer, district.Id, null),
            ("head", Role.Head, school.Id, null),
            ("class.teacher", Role.ClassTeacher, classId, classTeacher),
            ("teacher", Role.Teacher, school.Id, teaching.TeacherId),
            ("parent", Role.Parent, parent, parent),
            ("student", Role.Student, student, student),
        };
        var accounts = new List<NewAccount>();
        var credentials = new List<Credential>();
        foreach (var (login, role, scope, person) in people)
        {
            var password = "demo-" + login.Replace('.', '-');
            var grants = new List<Grant> { new(role, scope) };
            if (role == Role.ClassTeacher)
            {
                grants.Add(new Grant(Role.Teacher, school.Id)); // a class teacher also teaches
            }
            accounts.Add(new NewAccount("U-" + login, login, PasswordHashing.Hash(password), person, grants));
            credentials.Add(new Credential(login, password, role, scope));
        }

        var teacherHash = PasswordHashing.Hash(TeacherPassword);
        accounts.AddRange(data.Teachers.Select(t => new NewAccount("U-" + t.Id, t.Id, teacherHash, t.Id, [new Grant(Role.Teacher, t.OrganizationId)])));
        return (accounts, credentials);
    }
}
