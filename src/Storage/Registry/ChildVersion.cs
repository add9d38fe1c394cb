using EduInfo.Domain.Registry;

namespace EduInfo.Storage.Registry;

/// <summary>
/// A child of a node, the version its summary must reach (Σ of the class watermarks in its subtree) and the organizations
/// it must count: an organization without a class counts itself without moving any version, so the version alone cannot
/// tell that it is missing.
/// </summary>
public sealed record ChildVersion(string ChildId, NodeKind Kind, long ExpectedVersion, long ExpectedOrganizations);
