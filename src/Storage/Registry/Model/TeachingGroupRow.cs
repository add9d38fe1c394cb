namespace EduInfo.Storage.Registry.Model;

/// <summary>
/// A teaching group other than a whole class (which every class gets implicitly, with the class's id):
/// a subgroup of one class (<c>subgroup</c>) or a cross-class profile group (<c>profile</c>, no class), for one subject.
/// </summary>
public sealed record TeachingGroupRow(string Id, string? ClassId, string Kind, string SubjectId, string Name);
