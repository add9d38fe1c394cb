using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EduInfo.Api.OpenApi;

/// <summary>
/// Completes the OpenAPI document: the bearer security scheme, and a worked example for each request body a journal
/// client or a login sends, so the reference page shows a real batch rather than a bare schema.
/// </summary>
internal sealed class OpenApiExamples : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> RequestExamples = new()
    {
        ["RecordMarks"] = """
            { "entries": [
              { "entryId": "0b9f6c2e-4c1a-4a55-9a53-3f1e2d0c7a11", "studentId": "S00001", "subjectId": "MAT", "date": "2026-11-16", "kind": "formative", "score": 8 },
              { "entryId": "5c2a1d7e-0f3b-4e8a-b1c4-6d2e9f0a3b22", "studentId": "S00002", "subjectId": "MAT", "date": "2026-11-16", "kind": "section", "score": 15, "maxScore": 20 } ] }
            """,
        ["RecordLessons"] = """
            { "entries": [
              { "entryId": "9e1d3a5b-7c2f-4d6e-8a1b-0c3d5e7f9a33", "subjectId": "MAT", "date": "2026-11-16", "period": 3,
                "absentees": [ { "studentId": "S00003", "code": "sick" }, { "studentId": "S00004", "code": "late" } ] } ] }
            """,
        ["Login"] = """{ "login": "T00001", "password": "demo-teacher" }""",
        ["RefreshToken"] = """{ "refreshToken": "q3Z…single-use…" }""",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && RequestExamples.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonNode.Parse(example);
        }
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "EduInfo API";
        document.Info.Description = "Kazakhstan's education information system: journal (marks, roll-calls), live summaries along the management hierarchy, the diary, open reports. Errors are RFC 9457 problem details in kk, ru or en (?lang= or Accept-Language).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/auth/token.",
        };
        return Task.CompletedTask;
    }
}
