namespace EduInfo.Domain.Registry;

/// <summary>Levels of the management hierarchy, top to bottom (DESIGN.md §2).</summary>
public enum NodeKind
{
    Republic,
    Region,
    District,
    Organization,
    Class,
}
