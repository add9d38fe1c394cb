namespace EduInfo.Storage.Registry;

/// <summary>
/// A programme target of a region or district for one metric, in percent, and whether an area above the node set it
/// (only then does it enter the node's own rating).
/// </summary>
public sealed record RegionalTarget(string NodeId, string Metric, decimal TargetPercent, bool SetFromAbove = false);
