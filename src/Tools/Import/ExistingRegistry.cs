namespace EduInfo.Tools.Import;

/// <summary>
/// The part of the registry an import touches: of the ids and IINs the import mentions, those already stored, and
/// the republic if there is one. Read by <see cref="ExistingRegistryReader"/>; built by hand in tests.
/// </summary>
public sealed record ExistingRegistry
{
    public static ExistingRegistry Empty { get; } = new();

    /// <summary>Node id → kind (republic, region, district).</summary>
    public IReadOnlyDictionary<string, string> Nodes { get; init; } = new Dictionary<string, string>();
    public IReadOnlySet<string> Organizations { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Subjects { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Classes { get; init; } = new HashSet<string>();

    /// <summary>Teaching group id → kind (class, subgroup, profile); every class has a group of kind class.</summary>
    public IReadOnlyDictionary<string, string> Groups { get; init; } = new Dictionary<string, string>();
    public IReadOnlySet<string> Students { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Teachers { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> Parents { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> StudentIins { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> TeacherIins { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> ParentIins { get; init; } = new HashSet<string>();
    public IReadOnlySet<(string StudentId, string ParentId)> StudentParents { get; init; } = new HashSet<(string, string)>();
    public IReadOnlySet<(string GroupId, string StudentId, DateOnly From)> GroupMembers { get; init; } = new HashSet<(string, string, DateOnly)>();

    /// <summary>Stored assignments by teacher, group, subject and first day (the same again would double a teaching).</summary>
    public IReadOnlySet<(string TeacherId, string GroupId, string SubjectId, DateOnly From)> Assignments { get; init; } = new HashSet<(string, string, string, DateOnly)>();
    public IReadOnlySet<(string ClassId, string GroupId, int Weekday, int Period, DateOnly From)> TimetableSlots { get; init; } = new HashSet<(string, string, int, int, DateOnly)>();

    /// <summary>The id of the republic node, if the registry has one.</summary>
    public string? RepublicId { get; init; }

    // A record prints its members; the IIN sets are personal data.
    public override string ToString() => $"{nameof(ExistingRegistry)} (republic {RepublicId ?? "none"})";
}
