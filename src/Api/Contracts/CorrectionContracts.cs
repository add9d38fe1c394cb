namespace EduInfo.Api.Contracts;

/// <summary>Why a term is closed or reopened (required to reopen).</summary>
public sealed record TermActionRequest(string? Reason);
