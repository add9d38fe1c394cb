using EduInfo.Domain.Registry;

namespace EduInfo.Storage.Registry;

/// <summary>A child of a node and the version its summary must reach: Σ of the class watermarks in its subtree.</summary>
public sealed record ChildVersion(string ChildId, NodeKind Kind, long ExpectedVersion);
