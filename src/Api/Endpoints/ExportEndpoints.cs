using System.Text.Json;
using EduInfo.Api.Contracts;
using EduInfo.Api.Exports;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The signed-in dashboard of a node as a file: exactly what the page shows for the same filter (<see cref="Dashboard"/>).</summary>
public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/nodes/{nodeId}").WithTags("Summaries")
            .MapGet("/export", Export).RequireNode(AccessPolicy.CanReadSummary)
            .WithName("ExportNodeDashboard")
            .WithSummary("A node's dashboard as a CSV or XLSX file")
            .WithDescription("The node's row and its children's with the figures of one cell (term 1..6 or the year, a subject or all), then an area's "
                + "targets; headers in the reader's language. format = csv (UTF-8 with BOM; the default) or xlsx. The summary's rule; audited as node.export.");
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string nodeId, string? format, string? term, string? subjectId,
        string? year, string? lang, [AsParameters] EndpointCall call, [AsParameters] ExportSources sources)
    {
        var problems = new List<(string Field, string Code)>();
        var (parsed, filter) = (ExportFormats.Parse(format, problems), SummaryFilter.Parse(term, subjectId, year, problems));
        if (parsed is not { } kind || filter is null)
        {
            return LocalizedProblems.Invalid(call.Http, problems, "summary.error");
        }
        var language = RequestLanguage.Of(call.Http);
        var view = await sources.Dashboard.ReadAsync(call.Caller.Node, filter, language, call.Aborted);
        if (filter.YearProblem(view.AcademicYear) is { } wrongYear)
        {
            return LocalizedProblems.Invalid(call.Http, [wrongYear], "summary.error");
        }
        await sources.Audit.RecordAsync(call.ExportAudit(kind, filter.Key), call.Aborted); // before the figures leave
        call.Http.Response.Headers.CacheControl = "no-store";
        var tables = view.Tables(language);
        return TypedResults.File(kind == ExportFormat.Xlsx ? tables.ToXlsx() : tables.ToCsv(), kind.ContentType(),
            FileName(view.Node.Id, filter.Key, kind, sources.Clock.Today));
    }

    /// <summary>The audit row of an export: who took which node's figures, in which format and for which cell.</summary>
    private static AuditEntry ExportAudit(this EndpointCall call, ExportFormat format, SummaryKey key)
    {
        var (actor, node) = (call.Actor, call.Caller.Node);
        var organization = node.Kind switch { NodeKind.Organization => node.Id, NodeKind.Class => node.ParentId, _ => null };
        var detail = JsonSerializer.Serialize(new
        {
            format = format.Extension(),
            term = key.Term == SummaryKey.Year ? (int?)null : key.Term,
            subjectId = key.SubjectId == SummaryKey.AllSubjects ? null : key.SubjectId,
        });
        return new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "node.export", "node", node.Id, organization, "ok", detail);
    }

    /// <summary>
    /// eduinfo-{node}-{term1..6|year}-{subject|all}-{date}.{csv|xlsx}: ids and a date only, all ASCII (registry ids are),
    /// so no name — and no personal data — travels in a header.
    /// </summary>
    public static string FileName(string nodeId, SummaryKey key, ExportFormat format, DateOnly today)
    {
        var term = key.Term == SummaryKey.Year ? "year" : FormattableString.Invariant($"term{key.Term}");
        var subject = key.SubjectId == SummaryKey.AllSubjects ? "all" : key.SubjectId;
        return FormattableString.Invariant($"eduinfo-{nodeId}-{term}-{subject}-{today:yyyy-MM-dd}.{format.Extension()}");
    }
}

/// <summary>What an export reads besides the grains: the dashboard, the audit log, today (the file's name).</summary>
public sealed record ExportSources(Dashboard Dashboard, AuditLog Audit, IKazakhstanClock Clock);
