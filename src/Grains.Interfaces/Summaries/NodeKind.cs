namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>Levels of the management hierarchy, top to bottom (DESIGN.md §2).</summary>
[GenerateSerializer]
public enum NodeKind
{
    Republic,
    Region,
    District,
    Organization,
    Class,
}
