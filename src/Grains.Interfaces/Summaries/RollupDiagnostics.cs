namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>Operator view of an aggregate grain's roll-up state: where its children came from and how fresh it is.</summary>
[GenerateSerializer, Immutable]
public sealed record RollupDiagnostics(
    [property: Id(0)] string NodeId,
    [property: Id(1)] bool LoadedFromCache,
    [property: Id(2)] long CachedVersion,
    [property: Id(3)] long Version,
    [property: Id(4)] int Children,
    [property: Id(5)] long Publishes,
    [property: Id(6)] long ChildUpdatesAccepted,
    [property: Id(7)] long ChildUpdatesIgnored);
