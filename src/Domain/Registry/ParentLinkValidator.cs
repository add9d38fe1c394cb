namespace EduInfo.Domain.Registry;

/// <summary>A parent's link to the child as it stands: from a day (null: since the registry was loaded) to a last day (null: open).</summary>
public sealed record ParentLinkFacts(string ParentId, DateOnly? From, DateOnly? To);

/// <summary>
/// Whether a parent may be linked to a child from a date, or unlinked: the request first (every problem named), then
/// the link against what the registry holds. A parent new to the registry needs their names; a known one keeps theirs.
/// </summary>
public static class ParentLinkValidator
{
    /// <param name="childIin">The child's IIN: a parent is someone else.</param>
    /// <param name="parentKnown">Whether a parent with this IIN is already in the registry.</param>
    /// <param name="link">The link between this parent and the child, or null when there has never been one.</param>
    public static IReadOnlyList<PupilProblem> ValidateLink(ParentLinkRequest request, string childIin, bool parentKnown, ParentLinkFacts? link, DateOnly today)
    {
        var problems = ValidateParent(request.Iin, request.LastName, request.FirstName, request.MiddleName, childIin, parentKnown);
        if (RelationProblem(request.Relation) is { } relation)
        {
            problems.Add(new("relation", relation));
        }
        if (request.From is not { } from)
        {
            problems.Add(new("from", PupilError.Required));
        }
        else if (from > today)
        {
            problems.Add(new("from", PupilError.DateInFuture));
        }
        if (string.IsNullOrEmpty(request.DocumentKind))
        {
            problems.Add(new("documentKind", PupilError.Required));
        }
        else if (PupilRules.Parse<ParentDocumentKind>(request.DocumentKind) is null)
        {
            problems.Add(new("documentKind", PupilError.DocumentKindInvalid));
        }
        if (string.IsNullOrEmpty(request.DocumentNumber))
        {
            problems.Add(new("documentNumber", PupilError.Required));
        }
        else if (!PupilRules.IsValidDocumentNumber(request.DocumentNumber))
        {
            problems.Add(new("documentNumber", PupilError.DocumentNumberInvalid));
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        // One link per parent and child: an open one is not opened twice; an ended one reopens only after its last day.
        return link switch
        {
            { To: null } => [new("iin", PupilError.AlreadyLinked)],
            { To: { } to } when to >= request.From!.Value => [new("from", PupilError.DateBeforeLink, [to.ToString("yyyy-MM-dd")])],
            _ => [],
        };
    }

    /// <summary>
    /// A parent's own fields as a link and the operator's import check them: the IIN (not the child's own), and names —
    /// required for a parent new to the registry (<paramref name="parentKnown"/> false), else only checked when given.
    /// </summary>
    /// <param name="childIin">The child's IIN, or null when no child is at hand (a row of parents.csv).</param>
    public static List<PupilProblem> ValidateParent(string? iin, string? lastName, string? firstName, string? middleName, string? childIin, bool parentKnown)
    {
        var problems = new List<PupilProblem>();
        if (string.IsNullOrEmpty(iin))
        {
            problems.Add(new("iin", PupilError.Required));
        }
        else if (!Iin.IsValid(iin) || PupilRules.BirthDateOf(iin) is null)
        {
            problems.Add(new("iin", PupilError.IinInvalid));
        }
        else if (iin == childIin)
        {
            problems.Add(new("iin", PupilError.ParentIsChild));
        }
        PupilValidator.AddName(problems, "lastName", lastName, required: !parentKnown);
        PupilValidator.AddName(problems, "firstName", firstName, required: !parentKnown);
        PupilValidator.AddName(problems, "middleName", middleName, required: false);
        return problems;
    }

    /// <summary>The relation's problem (mother, father or guardian, any case), or null when it is one.</summary>
    public static PupilError? RelationProblem(string? relation) =>
        string.IsNullOrEmpty(relation) ? PupilError.Required : PupilRules.Parse<ParentRelation>(relation) is null ? PupilError.RelationInvalid : null;

    /// <summary>Ending an open link on a day (its last), not before it began, with a reason.</summary>
    public static IReadOnlyList<PupilProblem> ValidateUnlink(PupilEndRequest request, ParentLinkFacts? link, DateOnly today)
    {
        var problems = new List<PupilProblem>();
        if (request.Date is not { } date)
        {
            problems.Add(new("date", PupilError.Required));
        }
        else if (date > today)
        {
            problems.Add(new("date", PupilError.DateInFuture));
        }
        PupilValidator.AddReason(problems, request.Reason);
        if (problems.Count > 0)
        {
            return problems;
        }
        if (link is not { To: null })
        {
            return [new("parentId", PupilError.NotLinked)];
        }
        return link.From is { } from && request.Date!.Value < from ? [new("date", PupilError.DateBeforeLink, [from.ToString("yyyy-MM-dd")])] : [];
    }
}
