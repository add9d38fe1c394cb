namespace EduInfo.Grains.Interfaces.Actors;

/// <summary>The roles of EduInfo and what each is scoped by (DESIGN.md §1, order point 10).</summary>
public static class Role
{
    /// <summary>Scoped by an organization; writes only what their assignments cover.</summary>
    public const string Teacher = "teacher";
    /// <summary>Scoped by their class.</summary>
    public const string ClassTeacher = "class_teacher";
    /// <summary>Head of an organization, scoped by it.</summary>
    public const string Head = "head";
    /// <summary>Scoped by a district (or city) node.</summary>
    public const string DistrictOfficer = "district_officer";
    /// <summary>Scoped by a region node.</summary>
    public const string RegionOfficer = "region_officer";
    /// <summary>Scoped by the republic, KZ.</summary>
    public const string MinistryAnalyst = "ministry_analyst";
    /// <summary>Scoped by the parent's person id; sees their own children.</summary>
    public const string Parent = "parent";
    /// <summary>Scoped by the student's own id.</summary>
    public const string Student = "student";
    /// <summary>Runs the system: health, audit, policies; no personal data.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All =
        [Teacher, ClassTeacher, Head, DistrictOfficer, RegionOfficer, MinistryAnalyst, Parent, Student, Operator];
}
