using System.Text.Json;
using EduInfo.Api.Contracts;
using EduInfo.Api.Exports;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>The classic report forms of a node as files (<see cref="ReportRead"/>, <see cref="ReportForms"/>): the dashboard export's rule, filters and audit.</summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/nodes/{nodeId}/reports").WithTags("Summaries");
        reports.MapGet("/progress", Progress).RequireNode(AccessPolicy.CanReadSummary).WithName("ReportProgress")
            .WithSummary("The progress report (успеваемость) of a node as a CSV or XLSX file")
            .WithDescription("Headcount at the term's start, arrived, left, at its end; students assessed, with all 5, with 4 and 5, with one 3, "
                + "with a 2, н/а; success and quality % per student. Per class and grade (an organization) or per organization with area subtotals. "
                + "term = 1..6 or year, subjectId, format = csv|xlsx, lang. The summary's rule; audited as node.report.");
        reports.MapGet("/attendance", Attendance).RequireNode(AccessPolicy.CanReadSummary).WithName("ReportAttendance")
            .WithSummary("The attendance report of a node as a CSV or XLSX file")
            .WithDescription("Lessons held, lesson-seats, missed by н, п and б, days missed, late (counted apart: late is attended), attendance %. "
                + "Rows, filters and rule as the progress report's; audited as node.report.");
        return api;
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Progress(string nodeId, string? format, string? term, string? subjectId,
        string? year, string? lang, [AsParameters] EndpointCall call, [AsParameters] ReportSources sources) =>
        Report(ReportForm.Progress, format, term, subjectId, year, call, sources);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Attendance(string nodeId, string? format, string? term, string? subjectId,
        string? year, string? lang, [AsParameters] EndpointCall call, [AsParameters] ReportSources sources) =>
        Report(ReportForm.Attendance, format, term, subjectId, year, call, sources);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Report(ReportForm form, string? format, string? term, string? subjectId,
        string? year, EndpointCall call, ReportSources sources)
    {
        var problems = new List<(string Field, string Code)>();
        // ?term=year is the whole year, as no term at all.
        var (parsed, filter) = (ExportFormats.Parse(format, problems), SummaryFilter.Parse(term == "year" ? null : term, subjectId, year, problems));
        if (parsed is not { } kind || filter is null)
        {
            return LocalizedProblems.Invalid(call.Http, problems, "summary.error");
        }
        var language = RequestLanguage.Of(call.Http);
        var view = await sources.Reports.ReadAsync(call.Caller.Node, filter.Key, language, call.Aborted);
        if (filter.YearProblem(view.AcademicYear) is { } wrongYear)
        {
            return LocalizedProblems.Invalid(call.Http, [wrongYear], "summary.error");
        }
        var subject = filter.Key.SubjectId == SummaryKey.AllSubjects ? null : await sources.Subjects.NameAsync(filter.Key.SubjectId, language, call.Aborted);
        await sources.Audit.RecordAsync(call.ReportAudit(form, kind, filter.Key), call.Aborted); // before the figures leave
        call.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(view.Table(form, subject, language).ToFile(kind), kind.ContentType(), FileName(view.Node.Id, form, filter.Key, kind, sources.Clock.Today));
    }

    /// <summary>The audit row of a report: who took which node's form, in which format, for which term and subject.</summary>
    private static AuditEntry ReportAudit(this EndpointCall call, ReportForm form, ExportFormat format, SummaryKey key)
    {
        var (actor, node) = (call.Actor, call.Caller.Node);
        var organization = node.Kind switch { NodeKind.Organization => node.Id, NodeKind.Class => node.ParentId, _ => null };
        var detail = JsonSerializer.Serialize(new
        {
            form = form.Slug(),
            format = format.Extension(),
            term = key.Term == SummaryKey.Year ? (int?)null : key.Term,
            subjectId = key.SubjectId == SummaryKey.AllSubjects ? null : key.SubjectId,
        });
        return new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "node.report", "node", node.Id, organization, "ok", detail);
    }

    /// <summary>eduinfo-{node}-{progress|attendance}-{term1..6|year}-{subject|all}-{date}.{csv|xlsx}: ids and a date only, as the export's.</summary>
    public static string FileName(string nodeId, ReportForm form, SummaryKey key, ExportFormat format, DateOnly today)
    {
        var term = key.Term == SummaryKey.Year ? "year" : FormattableString.Invariant($"term{key.Term}");
        var subject = key.SubjectId == SummaryKey.AllSubjects ? "all" : key.SubjectId;
        return FormattableString.Invariant($"eduinfo-{nodeId}-{form.Slug()}-{term}-{subject}-{today:yyyy-MM-dd}.{format.Extension()}");
    }
}

/// <summary>What a report reads besides the grains: its rows, the subject's name, the audit log, today (the file's name).</summary>
public sealed record ReportSources(ReportRead Reports, SubjectNames Subjects, AuditLog Audit, IKazakhstanClock Clock);
