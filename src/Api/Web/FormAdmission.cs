using System.Diagnostics.CodeAnalysis;
using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Web;

/// <summary>What a form of an organization's pages is answered before it is read: refused, or the caller and the organization.</summary>
public sealed record FormAdmission(ProblemHttpResult? Refusal, Actor? Actor, NodeRecord? Organization)
{
    [MemberNotNullWhen(false, nameof(Refusal))]
    [MemberNotNullWhen(true, nameof(Actor), nameof(Organization))]
    public bool Admitted => Refusal is null;

    /// <summary>
    /// The one gate of the head's and officers' forms, in this order: a valid antiforgery token (400), a signed-in caller
    /// and an organization that exists (404, the same for both so a stranger learns nothing), then the page's access rule
    /// over the organization's path (403). Every form checks the same way; only the rule differs.
    /// </summary>
    /// <param name="may">The rule, e.g. <c>AccessPolicy.CanKeepPupils</c>, given the caller and the organization's path (itself included).</param>
    public static async Task<FormAdmission> CheckAsync(HttpContext http, ActorResolver actors, NodeDirectory directory, string organizationId,
        Func<Actor, IReadOnlyList<string>, bool> may, string notFoundKey = "problem.notFound.node")
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return new(LocalizedProblems.Antiforgery(http, StatusCodes.Status400BadRequest), null, null);
        }
        var actor = actors.Resolve(http);
        var node = RegistryIds.IsWellFormed(organizationId) ? await directory.FindAsync(organizationId, http.RequestAborted) : null;
        if (actor is null || node is not { Kind: NodeKind.Organization })
        {
            return new(LocalizedProblems.NotFound(http, notFoundKey), null, null);
        }
        return may(actor, node.Path) ? new(null, actor, node) : new(LocalizedProblems.Forbidden(http), null, null);
    }
}
