using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.YearEnd;
using EduInfo.Api.Problems;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Assessment;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// The rules as data: assessment policy versions and academic calendars per kind of organization. Everyone signed in
/// may read them (the diary explains marks with them); operators change them, audited.
/// </summary>
public static class RulesEndpoints
{
    public static RouteGroupBuilder MapRulesEndpoints(this RouteGroupBuilder api)
    {
        // Anyone signed in reads the rules; only operators change them (refused before the kind or year is even looked at).
        var rules = api.MapGroup("").WithTags("Rules");
        rules.MapGet("/policies/{organizationKind}", GetPolicies).RequireCaller()
            .WithName("GetAssessmentPolicies")
            .WithSummary("Assessment policy versions of a kind of organization (school, college, preschool, additional), oldest first");
        rules.MapPut("/policies/{organizationKind}", SetPolicy).RequireCaller(AccessPolicy.CanManageRules)
            .WithName("SetAssessmentPolicy")
            .WithSummary("Add or replace a policy version taking effect after today (operators; audited)")
            .WithDescription("A term is assessed under the version in force on its first day, so a new version changes later terms only; versions in force are never rewritten.");
        rules.MapGet("/policies/final-attestation", GetAttestationPolicies).RequireCaller()
            .WithName("GetFinalAttestationPolicies")
            .WithSummary("Final attestation policy versions (attested grades and their documents, weights, pass mark, re-examinations), oldest first");
        rules.MapPut("/policies/final-attestation", SetAttestationPolicy).RequireCaller(AccessPolicy.CanManageRules)
            .WithName("SetFinalAttestationPolicy")
            .WithSummary("Add or replace a final attestation policy version taking effect after today (operators; audited)")
            .WithDescription("A year ends under the version in force on its first day, so a new version changes later years only.");
        rules.MapGet("/calendars/{academicYear}/{organizationKind}", GetCalendar).RequireCaller()
            .WithName("GetAcademicCalendar")
            .WithSummary("Terms, holidays, moved working days and cancelled days of a year for a kind of organization");
        rules.MapPut("/calendars/{academicYear}/{organizationKind}", SetCalendar).RequireCaller(AccessPolicy.CanManageRules)
            .WithName("SetAcademicCalendar")
            .WithSummary("Replace a calendar (operators; audited)")
            .WithDescription("Terms already started keep their dates and days before today cannot change, so no recorded entry moves or becomes invalid.");
        return api;
    }

    private static bool KnownKind(string kind) => AssessmentStore.OrganizationKinds.Contains(kind);

    private static bool KnownYear(string year) => System.Text.RegularExpressions.Regex.IsMatch(year, "^[0-9]{4}-[0-9]{4}$")
        && int.Parse(year.AsSpan(5, 4), System.Globalization.CultureInfo.InvariantCulture) == int.Parse(year.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) + 1;

    private static async Task<Results<Ok<IReadOnlyList<AssessmentPolicyDocument>>, ProblemHttpResult>> GetPolicies(
        string organizationKind, [AsParameters] EndpointCall call)
    {
        if (!KnownKind(organizationKind))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.organizationKind");
        }
        return TypedResults.Ok(await call.Grains.GetGrain<IAssessmentPolicyGrain>(organizationKind).GetVersions());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetPolicy(
        string organizationKind, AssessmentPolicyDocument policy, [AsParameters] EndpointCall call)
    {
        if (!KnownKind(organizationKind))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.organizationKind");
        }
        var problems = await call.Grains.GetGrain<IAssessmentPolicyGrain>(organizationKind).SetVersion(call.Actor, policy);
        return problems.Count == 0 ? TypedResults.NoContent() : LocalizedProblems.Rejected(call.Http, BatchOutcome.Rejected(problems));
    }

    private static async Task<Ok<IReadOnlyList<FinalAttestationPolicyDocument>>> GetAttestationPolicies([AsParameters] EndpointCall call) =>
        TypedResults.Ok(await call.Grains.GetGrain<IFinalAttestationPolicyGrain>(IFinalAttestationPolicyGrain.Key).GetVersions());

    private static async Task<Results<NoContent, ProblemHttpResult>> SetAttestationPolicy(
        FinalAttestationPolicyDocument policy, [AsParameters] EndpointCall call)
    {
        var problems = await call.Grains.GetGrain<IFinalAttestationPolicyGrain>(IFinalAttestationPolicyGrain.Key).SetVersion(call.Actor, policy);
        return problems.Count == 0 ? TypedResults.NoContent() : LocalizedProblems.Rejected(call.Http, BatchOutcome.Rejected(problems));
    }

    private static async Task<Results<Ok<AcademicCalendarDocument>, ProblemHttpResult>> GetCalendar(
        string academicYear, string organizationKind, [AsParameters] EndpointCall call)
    {
        if (!KnownKind(organizationKind) || !KnownYear(academicYear))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.calendar");
        }
        var calendar = await call.Grains.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(academicYear, organizationKind)).Get();
        return calendar is null ? LocalizedProblems.NotFound(call.Http, "problem.notFound.calendar") : TypedResults.Ok(calendar);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetCalendar(
        string academicYear, string organizationKind, AcademicCalendarDocument calendar, [AsParameters] EndpointCall call)
    {
        if (!KnownKind(organizationKind) || !KnownYear(academicYear))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.calendar");
        }
        var problems = await call.Grains.GetGrain<ICalendarGrain>(ICalendarGrain.KeyOf(academicYear, organizationKind)).Set(call.Actor, calendar);
        return problems.Count == 0 ? TypedResults.NoContent() : LocalizedProblems.Rejected(call.Http, BatchOutcome.Rejected(problems));
    }
}
