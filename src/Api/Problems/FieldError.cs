namespace EduInfo.Api.Problems;

/// <summary>One invalid field of a request: its JSON path, a stable code and a message in the request's language.</summary>
public sealed record FieldError(string Field, string Code, string Message);
