namespace EduInfo.Grains.Rollup;

/// <summary>Name of the grain storage that caches aggregates' child snapshots.</summary>
public static class RollupStorage
{
    public const string Name = "RollupCache";
}
