using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Registry;

namespace EduInfo.UnitTests.Security;

/// <summary>
/// Who may do what where, role by role, inside and outside the scope of the grant. The hierarchy used throughout:
/// republic KZ → region KZ-ALA (Almaty) → district KZ-ALA-BOS (Bostandyk) → organization O1 → class C1 (and C2 next
/// door in O1); elsewhere: region KZ-AST → district KZ-AST-ESL → O2 → C3, and district KZ-ALA-MED → O3 → C4.
/// </summary>
public sealed class AccessPolicyTests
{
    private const string C1 = "KZ/KZ-ALA/KZ-ALA-BOS/O1/C1";
    private const string C2 = "KZ/KZ-ALA/KZ-ALA-BOS/O1/C2";
    private const string O1 = "KZ/KZ-ALA/KZ-ALA-BOS/O1";
    private const string Bos = "KZ/KZ-ALA/KZ-ALA-BOS";
    private const string Ala = "KZ/KZ-ALA";
    private const string Republic = "KZ";
    private const string C3 = "KZ/KZ-AST/KZ-AST-ESL/O2/C3";
    private const string O2 = "KZ/KZ-AST/KZ-AST-ESL/O2";
    private const string Ast = "KZ/KZ-AST";
    private const string C4 = "KZ/KZ-ALA/KZ-ALA-MED/O3/C4";
    private const string Med = "KZ/KZ-ALA/KZ-ALA-MED";

    private static IReadOnlyList<string> Path(string path) => path.Split('/');

    /// <summary>An actor from "role@scope" grants separated by commas (empty: no grants).</summary>
    private static Actor Actor(string grants, string? person = null) => new(
        "U-test",
        grants.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(g => new ActorGrant(g[..g.IndexOf('@')], g[(g.IndexOf('@') + 1)..]))
            .ToList(),
        person,
        "127.0.0.1");

    // ---- summaries -------------------------------------------------------------------------------------------------

    public static TheoryData<string, string, bool> SummaryCases => new()
    {
        // the Ministry: the whole republic
        { "ministry_analyst@KZ", Republic, true },
        { "ministry_analyst@KZ", Ala, true },
        { "ministry_analyst@KZ", C1, true },
        { "ministry_analyst@KZ", C3, true },
        // the operator runs the system: aggregates everywhere
        { "operator@KZ", Republic, true },
        { "operator@KZ", C3, true },
        // a region officer: their region and below, not the republic nor another region
        { "region_officer@KZ-ALA", Ala, true },
        { "region_officer@KZ-ALA", Bos, true },
        { "region_officer@KZ-ALA", Med, true },
        { "region_officer@KZ-ALA", C1, true },
        { "region_officer@KZ-ALA", Republic, false },
        { "region_officer@KZ-ALA", Ast, false },
        { "region_officer@KZ-ALA", C3, false },
        // a district officer: their district and below
        { "district_officer@KZ-ALA-BOS", Bos, true },
        { "district_officer@KZ-ALA-BOS", O1, true },
        { "district_officer@KZ-ALA-BOS", C1, true },
        { "district_officer@KZ-ALA-BOS", Ala, false },
        { "district_officer@KZ-ALA-BOS", Med, false },
        { "district_officer@KZ-ALA-BOS", C4, false },
        { "district_officer@KZ-ALA-BOS", Republic, false },
        // a head: their organization and its classes
        { "head@O1", O1, true },
        { "head@O1", C1, true },
        { "head@O1", C2, true },
        { "head@O1", Bos, false },
        { "head@O1", O2, false },
        { "head@O1", C3, false },
        // a teacher: their organization and its classes
        { "teacher@O1", O1, true },
        { "teacher@O1", C2, true },
        { "teacher@O1", Bos, false },
        { "teacher@O1", C3, false },
        // a class teacher: their class only
        { "class_teacher@C1", C1, true },
        { "class_teacher@C1", C2, false },
        { "class_teacher@C1", O1, false },
        { "class_teacher@C1", C3, false },
        // parents and students see the diary, not the summaries, whatever the scope
        { "parent@P1", C1, false },
        { "parent@P1", Republic, false },
        { "student@S1", C1, false },
        { "student@KZ", Republic, false },
        { "parent@C1", C1, false },
        // several grants: any one of them suffices
        { "parent@P1, teacher@O1", C1, true },
        { "class_teacher@C1, head@O2", C3, true },
        { "class_teacher@C1, head@O2", C2, false },
        // no grants at all
        { "", Republic, false },
        { "", C1, false },
    };

    [Theory]
    [MemberData(nameof(SummaryCases))]
    public void Summary_reads_follow_the_role_and_the_scope_of_the_grant(string grants, string path, bool expected) =>
        Assert.Equal(expected, AccessPolicy.CanReadSummary(Actor(grants), Path(path)));

    // ---- journal writes --------------------------------------------------------------------------------------------

    public static TheoryData<string, string?, string, bool> JournalCases => new()
    {
        // a teacher of the organization, as a registry person
        { "teacher@O1", "T1", C1, true },
        { "teacher@O1", "T1", C2, true },
        { "teacher@O1", "T1", C3, false },
        { "teacher@O1", "T1", C4, false },
        // a teacher grant scoped by an area above the class covers it too
        { "teacher@KZ-ALA-BOS", "T1", C1, true },
        { "teacher@KZ-ALA-BOS", "T1", C4, false },
        // a teacher grant without a registry person cannot be checked against assignments: refused
        { "teacher@O1", null, C1, false },
        // a class teacher writes through their teacher grant, not the class-teacher one
        { "class_teacher@C1", "T1", C1, false },
        { "class_teacher@C1, teacher@O1", "T1", C1, true },
        // nobody else writes, even inside their scope
        { "head@O1", "T1", C1, false },
        { "district_officer@KZ-ALA-BOS", "T1", C1, false },
        { "region_officer@KZ-ALA", "T1", C1, false },
        { "ministry_analyst@KZ", "T1", C1, false },
        { "operator@KZ", "T1", C1, false },
        { "parent@P1", "P1", C1, false },
        { "student@S1", "S1", C1, false },
        { "", "T1", C1, false },
    };

    [Theory]
    [MemberData(nameof(JournalCases))]
    public void Journal_writes_need_a_teacher_grant_above_the_class_and_a_person(string grants, string? person, string classPath, bool expected) =>
        Assert.Equal(expected, AccessPolicy.CanWriteJournal(Actor(grants, person), Path(classPath)));

    // ---- the diary -------------------------------------------------------------------------------------------------

    /// <summary>S1 of class C1 (organization O1): parents P1 and P2, taught by T1 and T2.</summary>
    private static readonly StudentAccess S1 = new("S1", "C1", "O1", Path(C1), ["P1", "P2"], ["T1", "T2"]);

    public static TheoryData<string, string?, bool> DiaryCases => new()
    {
        // the student: themselves only
        { "student@S1", "S1", true },
        { "student@S2", "S2", false },
        // a parent: of this student, or not
        { "parent@P1", "P1", true },
        { "parent@P2", "P2", true },
        { "parent@P9", "P9", false },
        // the class teacher: of the student's class, or of another class
        { "class_teacher@C1", "T7", true },
        { "class_teacher@C2", "T7", false },
        // a teacher: assigned to the class and inside the grant's scope, or not
        { "teacher@O1", "T1", true },
        { "teacher@O1", "T2", true },
        { "teacher@O1", "T9", false },
        { "teacher@O2", "T1", false },
        { "teacher@O1", null, false },
        // the head: of the student's organization, or of another
        { "head@O1", null, true },
        { "head@O2", null, false },
        // aggregates only: officers, the Ministry, operators
        { "district_officer@KZ-ALA-BOS", null, false },
        { "region_officer@KZ-ALA", null, false },
        { "ministry_analyst@KZ", null, false },
        { "operator@KZ", null, false },
        // several grants: any one that allows
        { "ministry_analyst@KZ, parent@P2", "P2", true },
        { "", null, false },
    };

    [Theory]
    [MemberData(nameof(DiaryCases))]
    public void Diary_reads_are_for_the_student_their_parents_teachers_and_head(string grants, string? person, bool expected) =>
        Assert.Equal(expected, AccessPolicy.CanReadDiary(Actor(grants, person), S1));

    // ---- the audit log ---------------------------------------------------------------------------------------------

    public static TheoryData<string, bool, string?> AuditCases => new()
    {
        // operators: everything (no organization filter)
        { "operator@KZ", true, null },
        { "operator@KZ, head@O1", true, null },
        { "head@O1, operator@KZ", true, null },
        // heads: their organization
        { "head@O1", true, "O1" },
        { "head@O2", true, "O2" },
        { "teacher@O1, head@O1", true, "O1" },
        // nobody else
        { "teacher@O1", false, null },
        { "class_teacher@C1", false, null },
        { "district_officer@KZ-ALA-BOS", false, null },
        { "region_officer@KZ-ALA", false, null },
        { "ministry_analyst@KZ", false, null },
        { "parent@P1", false, null },
        { "student@S1", false, null },
        { "", false, null },
    };

    [Theory]
    [MemberData(nameof(AuditCases))]
    public void The_audit_log_is_for_operators_and_for_heads_within_their_organization(string grants, bool allowed, string? organization)
    {
        var scope = AccessPolicy.AuditScope(Actor(grants), out var isAllowed);
        Assert.Equal((allowed, organization), (isAllowed, scope));
    }
}
