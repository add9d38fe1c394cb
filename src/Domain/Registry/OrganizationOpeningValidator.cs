namespace EduInfo.Domain.Registry;

/// <summary>A new organization as a client sent it: every field may be missing or malformed until <see cref="OrganizationOpeningValidator"/> says otherwise.</summary>
public sealed record OrganizationOpeningDraft(string? Id, string? NameKk, string? NameRu, string? NameEn, IReadOnlyList<string>? Languages, string? Kind,
    bool? IsRural, DateOnly? OpenedOn);

/// <summary>An organization to open under a node from a date.</summary>
public sealed record OrganizationOpening(string Id, OrganizationProfile Profile, DateOnly OpenedOn);

/// <summary>
/// Whether an organization may be opened under a node (issue 18, item 1): an id of the registry's shape that no node,
/// organization or class holds (the Api looks any of them up by id), a profile by the same rules as its later edits
/// (<see cref="OrganizationProfileValidator"/>), a date not ahead of today, and a node that manages that kind
/// (docs/import.md): schools, preschools and additional education under a district; colleges under a region; a
/// republican school under the republic, by an operator only.
/// </summary>
public static class OrganizationOpeningValidator
{
    /// <param name="parentKind">The kind of the node it opens under.</param>
    /// <param name="byOperator">Whether the caller is an operator (the only one who opens under the republic).</param>
    /// <param name="idTaken">Whether a node, organization or class already has the id.</param>
    public static IReadOnlyList<RegistryProblem> Validate(OrganizationOpeningDraft draft, NodeKind parentKind, bool byOperator, bool idTaken, DateOnly today,
        out OrganizationOpening? opening)
    {
        var problems = new List<RegistryProblem>();
        if (string.IsNullOrEmpty(draft.Id))
        {
            problems.Add(new("id", RegistryError.Required));
        }
        else if (!RegistryIdRules.IsWellFormed(draft.Id))
        {
            problems.Add(new("id", RegistryError.IdInvalid));
        }
        else if (idTaken)
        {
            problems.Add(new("id", RegistryError.IdTaken));
        }
        // The kind is new, not changed: the profile's kind rules (who changes it, classes following it) do not apply.
        var kind = OrganizationKinds.Parse(draft.Kind);
        problems.AddRange(OrganizationProfileValidator.Validate(new(draft.NameKk, draft.NameRu, draft.NameEn, draft.Languages, draft.Kind, draft.IsRural),
            kind ?? OrganizationKind.School, mayChangeKind: true, hasClasses: false, out var profile));
        if (kind is { } k && PlaceProblem(parentKind, k, byOperator) is { } place)
        {
            problems.Add(place);
        }
        if (draft.OpenedOn is not { } openedOn)
        {
            problems.Add(new("openedOn", RegistryError.Required));
        }
        else if (openedOn > today)
        {
            problems.Add(new("openedOn", RegistryError.DateInFuture));
        }
        opening = problems.Count == 0 ? new(draft.Id!, profile!, draft.OpenedOn!.Value) : null;
        return problems;
    }

    /// <summary>The kinds a node of <paramref name="parentKind"/> manages (nothing under an organization or a class).</summary>
    public static IReadOnlyList<OrganizationKind> KindsUnder(NodeKind parentKind) => parentKind switch
    {
        NodeKind.District => [OrganizationKind.Preschool, OrganizationKind.School, OrganizationKind.Additional],
        NodeKind.Region => [OrganizationKind.College],
        NodeKind.Republic => [OrganizationKind.School],
        _ => [],
    };

    private static RegistryProblem? PlaceProblem(NodeKind parentKind, OrganizationKind kind, bool byOperator) =>
        parentKind is not (NodeKind.Republic or NodeKind.Region or NodeKind.District) ? new("nodeId", RegistryError.NotArea)
        : !KindsUnder(parentKind).Contains(kind) ? new("kind", RegistryError.KindNotUnderNode)
        : parentKind == NodeKind.Republic && !byOperator ? new("nodeId", RegistryError.RepublicOperatorOnly)
        : null;
}

/// <summary>
/// The shape of registry ids (nodes, organizations, classes, people, subjects): 1–64 Latin letters, digits, '-', '_' or
/// '.' — they appear in URLs. Anything else cannot be an id.
/// </summary>
public static class RegistryIdRules
{
    public const int MaxLength = 64;

    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
