namespace EduInfo.Api.Contracts;

/// <summary>A programme target to set, in percent (0–100).</summary>
public sealed record TargetRequest(decimal? TargetPercent);
