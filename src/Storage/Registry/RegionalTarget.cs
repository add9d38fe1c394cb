namespace EduInfo.Storage.Registry;

/// <summary>A programme target of a region or district for one metric, in percent.</summary>
public sealed record RegionalTarget(string NodeId, string Metric, decimal TargetPercent);
