using System.Globalization;
using EduInfo.Api.Actors;
using EduInfo.Api.Endpoints;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>What the area's organizations page reports after its opening form.</summary>
public enum OpeningNotice
{
    Opened,
    Refused,
}

/// <summary>What the closing form on an organization's profile page reports: closed, refused by the request's rules, or refused for the pupils and staff in the way.</summary>
public enum ClosingNotice
{
    Closed,
    Refused,
    Conflict,
}

/// <summary>
/// The opening and closing forms (issue 18, antiforgery-validated): an area's officers open an organization from the
/// area's organizations page and close one from its profile page, through the same lifecycle grain, rules and audit as
/// the API's endpoints; answered 303 back to the page with the outcome in the address (codes, counts and opaque ids —
/// never a name).
/// </summary>
public static class OrganizationLifecycleForms
{
    /// <summary>How many pupils and staff in a closing's way the page names (the rest are counted): the answer travels in the address.</summary>
    public const int NamedConflicts = 10;

    /// <summary>The fields an opening names in a refusal (a language's index aside), for the page's labels.</summary>
    public static readonly IReadOnlyList<string> OpeningFields = ["id", "nameKk", "nameRu", "nameEn", "languages", "kind", "isRural", "openedOn", "nodeId"];

    /// <summary>The fields a closing names in a refusal; a class's own problem is shown as <c>class:{classId}</c>.</summary>
    public static readonly IReadOnlyList<string> ClosingFields = ["date", "reason", "pupils", "organizationId"];

    /// <summary>The codes an opening or a closing refuses with: only these are shown from an address.</summary>
    public static readonly IReadOnlyList<RegistryError> Errors =
    [
        RegistryError.NotFound, RegistryError.Required, RegistryError.IdInvalid, RegistryError.IdTaken, RegistryError.NotArea, RegistryError.KindNotUnderNode,
        RegistryError.RepublicOperatorOnly, RegistryError.NameInvalid, RegistryError.NameTooLong, RegistryError.LanguageUnknown,
        RegistryError.LanguageDuplicate, RegistryError.LanguagesTooMany, RegistryError.KindUnknown, RegistryError.DateInFuture, RegistryError.AlreadyClosed,
        RegistryError.DateBeforeOpening, RegistryError.ReasonRequired, RegistryError.ReasonTooLong, RegistryError.PupilsUnknown, RegistryError.TransferNotYet,
        RegistryError.TransferMissing, RegistryError.TransferDuplicate, RegistryError.SameOrganization, RegistryError.OrganizationClosed,
        RegistryError.ClassUnknown, RegistryError.OtherAcademicYear, RegistryError.EnrolmentChanged,
    ];

    public static WebApplication MapOrganizationLifecycleForms(this WebApplication app)
    {
        app.MapPost("/nodes/{nodeId}/organizations", Open).WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        app.MapPost("/organizations/{organizationId}/closing", Close).WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        return app;
    }

    /// <summary>Whether the reader keeps this area's organizations (the rule of the API's opening): the page and the dashboard's link to it.</summary>
    public static bool MayKeep(Actor? actor, NodeRecord node) =>
        actor is not null && IsArea(node.Kind) && AccessPolicy.CanOpenOrCloseOrganizations(actor, node.Path);

    public static bool IsArea(NodeKind kind) => kind is NodeKind.Republic or NodeKind.Region or NodeKind.District;

    public sealed record OpeningForm(
        [FromForm(Name = "id")] string? Id, [FromForm(Name = "nameKk")] string? NameKk, [FromForm(Name = "nameRu")] string? NameRu,
        [FromForm(Name = "nameEn")] string? NameEn, [FromForm(Name = "languages")] string? Languages, [FromForm(Name = "kind")] string? Kind,
        [FromForm(Name = "locality")] string? Locality, [FromForm(Name = "openedOn")] string? OpenedOn);

    public sealed record ClosingForm([FromForm(Name = "date")] string? Date, [FromForm(Name = "reason")] string? Reason, [FromForm(Name = "pupils")] string? Pupils);

    public sealed record LifecycleFormCall(HttpContext Http, ActorResolver Actors, NodeDirectory Directory, IGrainFactory Grains);

    private static async Task<Results<SeeOther, ProblemHttpResult>> Open(string nodeId, [AsParameters] OpeningForm form, [AsParameters] LifecycleFormCall call)
    {
        var admission = await FormAdmission.CheckAreaAsync(call.Http, call.Actors, call.Directory, nodeId, AccessPolicy.CanOpenOrCloseOrganizations);
        if (!admission.Admitted)
        {
            return admission.Refusal;
        }
        if (!TryDay(form.OpenedOn, out var openedOn))
        {
            return LocalizedProblems.Invalid(call.Http, [("openedOn", "dateInvalid")], "web.lifecycle.error");
        }
        // The profile's own parsing of languages ("kk, ru") and locality, so the two forms read alike.
        var profile = new OrganizationProfileForm.ProfileForm(form.NameKk, form.NameRu, form.NameEn, form.Languages, Blank(form.Kind), form.Locality);
        var id = Blank(form.Id)?.Trim();
        var change = new OrganizationOpeningChange(id, profile.NameKk, profile.NameRu, profile.NameEn, profile.LanguageCodes, profile.Kind, profile.IsRural, openedOn);
        var outcome = await call.Grains.GetGrain<IOrganizationLifecycleGrain>(OrganizationLifecycleEndpoints.GrainKey(id))
            .Open(admission.Actor, nodeId, change, AccessPolicy.IsOperator(admission.Actor));
        return new SeeOther($"/nodes/{Uri.EscapeDataString(nodeId)}/organizations{OpeningQuery(outcome, id)}");
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> Close(string organizationId, [AsParameters] ClosingForm form, [AsParameters] LifecycleFormCall call)
    {
        var admission = await FormAdmission.CheckAsync(call.Http, call.Actors, call.Directory, organizationId, AccessPolicy.CanOpenOrCloseOrganizations,
            "problem.notFound.organization");
        if (!admission.Admitted)
        {
            return admission.Refusal;
        }
        if (!TryDay(form.Date, out var date))
        {
            return LocalizedProblems.Invalid(call.Http, [("date", "dateInvalid")], "web.lifecycle.error");
        }
        var transfers = form.Pupils == "transfer" ? Transfers(call.Http) : [];
        if (!await MayMoveAllAsync(admission, transfers, call))
        {
            return LocalizedProblems.Forbidden(call.Http);
        }
        var outcome = await call.Grains.GetGrain<IOrganizationLifecycleGrain>(organizationId).Close(admission.Actor,
            new OrganizationClosingChange(date, Blank(form.Reason), Blank(form.Pupils), transfers));
        call.Directory.Forget(organizationId); // the page shows it closed at once
        return new SeeOther($"/organizations/{Uri.EscapeDataString(organizationId)}/profile{ClosingQuery(outcome, transfers)}#closing");
    }

    /// <summary>Each class's target as the form's selects send it ("fromClassId>toClassId"; an empty one chooses nothing).</summary>
    private static List<ClassTransferChange> Transfers(HttpContext http) =>
        [.. (http.Request.HasFormContentType ? http.Request.Form["transfer"].OfType<string>() : [])
            .Select(v => v.Split('>')).Where(p => p.Length == 2 && p[1].Length > 0).Select(p => new ClassTransferChange(p[0], p[1]))];

    /// <summary>As the API: moving pupils is a transfer, so every target must be one the caller may move pupils to.</summary>
    private static async Task<bool> MayMoveAllAsync(FormAdmission admission, IReadOnlyList<ClassTransferChange> transfers, LifecycleFormCall call)
    {
        foreach (var to in transfers.Select(t => t.ToClassId).Where(RegistryIds.IsWellFormed).Distinct(StringComparer.Ordinal))
        {
            if (await call.Directory.FindAsync(to!, call.Http.RequestAborted) is { Kind: NodeKind.Class } target
                && !OrganizationLifecycleEndpoints.MayMoveTo(admission.Actor!, admission.Node!.Path, target.Path))
            {
                return false;
            }
        }
        return true;
    }

    private static QueryString OpeningQuery(LifecycleOutcome outcome, string? id) => QueryString.Create([
        Pair("notice", (outcome.Accepted ? OpeningNotice.Opened : OpeningNotice.Refused).ToString().ToLowerInvariant()),
        .. outcome.Accepted ? new[] { Pair("id", id) } : outcome.Problems.Select(p => Pair("error", $"{p.Field}:{p.Error}")),
    ]);

    /// <summary>The outcome, the counts of what was done (also when it stopped part-way), and the first conflicts by kind, opaque id, code and values.</summary>
    private static QueryString ClosingQuery(LifecycleOutcome outcome, IReadOnlyList<ClassTransferChange> transfers)
    {
        var notice = outcome.Accepted ? ClosingNotice.Closed : outcome.Conflicts.Count > 0 ? ClosingNotice.Conflict : ClosingNotice.Refused;
        return QueryString.Create([
            Pair("closing", notice.ToString().ToLowerInvariant()),
            Pair("ended", Number(outcome.PupilsEnded)), Pair("moved", Number(outcome.PupilsTransferred)), Pair("left", Number(outcome.StaffEnded)),
            .. outcome.Problems.Select(p => Pair("problem", $"{ClosingField(p.Field, transfers)}:{p.Error}")),
            .. outcome.Conflicts.Count == 0 ? [] : new[] { Pair("conflicts", Number(outcome.Conflicts.Count)) },
            .. outcome.Conflicts.Take(NamedConflicts).Select(c => Pair("c", string.Join('|', [c.Source.ToString(), c.Id, c.Code, .. c.Arguments.Take(3)]))),
        ]);
    }

    /// <summary>A problem of one class's move names the class: "transfers[1].toClassId" is the class of the second pair sent, "classes[X]" is X.</summary>
    private static string ClosingField(string field, IReadOnlyList<ClassTransferChange> transfers)
    {
        if (field.StartsWith("classes[", StringComparison.Ordinal) && field.EndsWith(']'))
        {
            return "class:" + field[8..^1];
        }
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return field.StartsWith("transfers[", StringComparison.Ordinal) && close > 10
            && int.TryParse(field[10..close], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < transfers.Count
            ? "class:" + transfers[i].FromClassId
            : field;
    }

    /// <summary>
    /// A conflict as the address carries it ("Leaving|S-1|JournalRowsAfterDate|12, 13|2"), or null for anything that is not
    /// one: a known source, an id of the registry's shape, a code of that source's rule, at most three values cut short.
    /// </summary>
    public static ClosingConflictView? ReadConflict(string? text)
    {
        var parts = (text ?? "").Split('|');
        if (parts.Length < 3 || !Enum.TryParse<ClosingConflictSource>(parts[0], out var source) || !Enum.IsDefined(source) || int.TryParse(parts[0], out _)
            || !RegistryIds.IsWellFormed(parts[1]))
        {
            return null;
        }
        var known = source switch
        {
            ClosingConflictSource.Leaving => Enum.GetNames<PupilError>(),
            ClosingConflictSource.Transfer => Enum.GetNames<RegistryError>(),
            _ => Enum.GetNames<StaffError>(),
        };
        return known.Contains(parts[2], StringComparer.Ordinal)
            ? new ClosingConflictView(source, parts[1], parts[2], [.. parts.Skip(3).Take(3).Select(a => a.Length > 80 ? a[..80] : a)])
            : null;
    }

    private static KeyValuePair<string, string?> Pair(string name, string? value) => new(name, value);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An empty date is the rules' "required"; one that is no date at all was not sent by the page's date input.</summary>
    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var parsed = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        day = parsed ? d : null;
        return parsed;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
