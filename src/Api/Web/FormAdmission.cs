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

/// <summary>What a form of an organization's (or an area's) pages is answered before it is read: refused, or the caller and the node.</summary>
public sealed record FormAdmission(ProblemHttpResult? Refusal, Actor? Actor, NodeRecord? Node)
{
    [MemberNotNullWhen(false, nameof(Refusal))]
    [MemberNotNullWhen(true, nameof(Actor), nameof(Node), nameof(Organization))]
    public bool Admitted => Refusal is null;

    /// <summary>The organization admitted by <see cref="CheckAsync"/>.</summary>
    public NodeRecord? Organization => Node;

    /// <summary>
    /// The one gate of the head's and officers' forms, in this order: a valid antiforgery token (400), a signed-in caller
    /// and an organization that exists (404, the same for both so a stranger learns nothing), then the page's access rule
    /// over the organization's path (403). Every form checks the same way; only the rule differs.
    /// </summary>
    /// <param name="may">The rule, e.g. <c>AccessPolicy.CanKeepPupils</c>, given the caller and the organization's path (itself included).</param>
    public static Task<FormAdmission> CheckAsync(HttpContext http, ActorResolver actors, NodeDirectory directory, string organizationId,
        Func<Actor, IReadOnlyList<string>, bool> may, string notFoundKey = "problem.notFound.node") =>
        CheckNodeAsync(http, actors, directory, organizationId, kind => kind == NodeKind.Organization, may, notFoundKey);

    /// <summary>The same gate, in the same order, for the forms of an area's pages (the republic, a region, a district).</summary>
    public static Task<FormAdmission> CheckAreaAsync(HttpContext http, ActorResolver actors, NodeDirectory directory, string nodeId,
        Func<Actor, IReadOnlyList<string>, bool> may) =>
        CheckNodeAsync(http, actors, directory, nodeId, kind => kind is NodeKind.Republic or NodeKind.Region or NodeKind.District, may, "problem.notFound.node");

    private static async Task<FormAdmission> CheckNodeAsync(HttpContext http, ActorResolver actors, NodeDirectory directory, string nodeId,
        Func<NodeKind, bool> fits, Func<Actor, IReadOnlyList<string>, bool> may, string notFoundKey)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return new(LocalizedProblems.Antiforgery(http, StatusCodes.Status400BadRequest), null, null);
        }
        var actor = actors.Resolve(http);
        var node = RegistryIds.IsWellFormed(nodeId) ? await directory.FindAsync(nodeId, http.RequestAborted) : null;
        if (actor is null || node is null || !fits(node.Kind))
        {
            return new(LocalizedProblems.NotFound(http, notFoundKey), null, null);
        }
        return may(actor, node.Path) ? new(null, actor, node) : new(LocalizedProblems.Forbidden(http), null, null);
    }
}
