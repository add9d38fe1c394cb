using EduInfo.Domain.Registry;

namespace EduInfo.Storage.Registry;

/// <summary>Any addressable node of the hierarchy: an area, an organization or a class, with its parent and its path from KZ.</summary>
/// <param name="ClosedOn">A closed organization's last day (null for anything open, and for areas and classes).</param>
public sealed record NodeRecord(string Id, NodeKind Kind, string? ParentId, string NameKk, string NameRu, string NameEn, IReadOnlyList<string> Path,
    DateOnly? ClosedOn = null);
