using EduInfo.Api.Contracts;
using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Assessment;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// The register of education documents (issue 20): the head issues the document a pupil earned at the final attestation,
/// lists and revokes the class's documents; anyone checks a document by its printed code (rate-limited per address).
/// </summary>
public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/classes/{classId}").WithTags("Year end");
        documents.MapPost("/documents", Issue).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("IssueDocument")
            .WithSummary("Issue the education document a pupil earned: the blank's series and number and the date (the head; audited)")
            .WithDescription("The kind (a certificate after grade 9, an attestat after grade 11), the distinction and the marks come from the year end; "
                + "the council's decision must be recorded. A series and number already used, or a pupil holding a valid one, is a 409.");
        documents.MapGet("/documents", List).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("ListClassDocuments")
            .WithSummary("The documents the class issued, revoked ones included (the head)");
        documents.MapGet("/documents/{documentId}", GetOne).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("GetDocument")
            .WithSummary("One document of the class, with its marks and verification code (the head)");
        documents.MapPost("/documents/{documentId}/revoke", Revoke).RequireClass(AccessPolicy.CanCloseTerm)
            .WithName("RevokeDocument")
            .WithSummary("Revoke a document with a reason: it stays in the register and checks as revoked (the head; audited)");
        return api;
    }

    public static RouteGroupBuilder MapDocumentVerification(this RouteGroupBuilder api)
    {
        api.MapGet("/public/documents/{code}", Verify).AllowAnonymous().RequireRateLimiting(RateLimits.VerificationPolicy)
            .WithTags("Public reports")
            .WithName("VerifyDocument")
            .WithSummary("Check an education document by its printed code: kind, organization, date, the holder's initials, valid or revoked")
            .WithDescription("Case, spaces and hyphens in the code do not matter. Rate-limited per client address.");
        return api;
    }

    private static async Task<Results<Created<DocumentResponse>, ProblemHttpResult>> Issue(string classId, DocumentRequest document,
        [AsParameters] EndpointCall call, DocumentRegisterRead register)
    {
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).IssueDocument(call.Actor, document);
        return outcome.DocumentId is { } id && await register.OneAsync(classId, id, RequestLanguage.Of(call.Http), call.Aborted) is { } issued
            ? TypedResults.Created($"/api/v1/classes/{classId}/documents/{id}", issued)
            : LocalizedProblems.Rejected(call.Http, outcome.Outcome);
    }

    private static async Task<Ok<IReadOnlyList<DocumentResponse>>> List(string classId, [AsParameters] EndpointCall call, DocumentRegisterRead register) =>
        TypedResults.Ok(await register.ClassAsync(classId, RequestLanguage.Of(call.Http), call.Aborted));

    private static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> GetOne(string classId, string documentId, [AsParameters] EndpointCall call,
        DocumentRegisterRead register) =>
        Guid.TryParse(documentId, out var id) && await register.OneAsync(classId, id, RequestLanguage.Of(call.Http), call.Aborted) is { } document
            ? TypedResults.Ok(document)
            : LocalizedProblems.NotFound(call.Http, "problem.notFound.document");

    private static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> Revoke(string classId, string documentId, DocumentRevocationRequest revocation,
        [AsParameters] EndpointCall call, DocumentRegisterRead register)
    {
        if (!Guid.TryParse(documentId, out var id))
        {
            return LocalizedProblems.NotFound(call.Http, "problem.notFound.document");
        }
        var outcome = await call.Grains.GetGrain<IClassGrain>(classId).RevokeDocument(call.Actor, id, revocation);
        return outcome.Outcome.Accepted && await register.OneAsync(classId, id, RequestLanguage.Of(call.Http), call.Aborted) is { } revoked
            ? TypedResults.Ok(revoked)
            : LocalizedProblems.Rejected(call.Http, outcome.Outcome);
    }

    private static async Task<Results<Ok<PublicDocumentResponse>, ProblemHttpResult>> Verify(string code, HttpContext http, AssessmentStore store,
        NodeDirectory directory, CancellationToken aborted) =>
        await PublicCodeCheck.RunAsync(code, http, "problem.notFound.document", async canonical =>
        {
            if (await store.VerifyDocumentAsync(canonical, aborted) is not { } document)
            {
                return null;
            }
            var language = RequestLanguage.Of(http);
            var organization = await directory.FindAsync(document.OrganizationId, aborted);
            return PublicDocumentResponse.Of(document, NodeSummaryResponse.NameOf(organization, document.OrganizationId, language), language);
        });
}
