namespace EduInfo.Domain.Registry;

/// <summary>A member of staff as a change is checked against it: employed from <see cref="HiredOn"/> (null: before the registry) to <see cref="LeftOn"/> (the last day).</summary>
public sealed record StaffFacts(string StaffId, StaffPost Post, DateOnly? HiredOn, DateOnly? LeftOn, bool HasAccount)
{
    /// <summary>Employed on every day of [from, to] (to null: from on, with no end).</summary>
    public bool EmployedOver(DateOnly from, DateOnly? to) =>
        (HiredOn is null || HiredOn <= from) && (LeftOn is null || (to is { } last && last <= LeftOn));
}

/// <summary>Hiring, leaving and accounts of staff: every problem of a request named, nothing written on any.</summary>
public static class StaffValidator
{
    public const int MinLoginLength = 3;
    public const int MaxLoginLength = 64;

    /// <param name="iinTaken">Whether a member of staff with this IIN is already registered (anywhere: one person, one row).</param>
    /// <param name="organizationClosed">Whether the organization is closed: it hires nobody.</param>
    public static IReadOnlyList<StaffProblem> ValidateHire(string? iin, string? lastName, string? firstName, string? middleName, string? post,
        DateOnly? hiredOn, bool iinTaken, bool organizationClosed = false)
    {
        if (organizationClosed)
        {
            return [new("organizationId", StaffError.OrganizationClosed)];
        }
        var problems = ValidatePerson(iin, lastName, firstName, middleName);
        if (iinTaken && Iin.IsValid(iin))
        {
            problems.Insert(0, new("iin", StaffError.IinTaken));
        }
        if (post is not null && ParsePost(post) is null)
        {
            problems.Add(new("post", StaffError.PostUnknown));
        }
        if (hiredOn is null)
        {
            problems.Add(new("hiredOn", StaffError.Required));
        }
        return problems;
    }

    /// <summary>
    /// A member of staff's own fields as hiring and the operator's import check them: the IIN by its check digit, names
    /// (<see cref="StaffNames.Normalize">normalized</see> first) in the scripts people write them.
    /// </summary>
    public static List<StaffProblem> ValidatePerson(string? iin, string? lastName, string? firstName, string? middleName)
    {
        var problems = new List<StaffProblem>();
        if (string.IsNullOrEmpty(iin))
        {
            problems.Add(new("iin", StaffError.Required));
        }
        else if (!Iin.IsValid(iin))
        {
            problems.Add(new("iin", StaffError.IinInvalid));
        }
        foreach (var (field, name, required) in new[] { ("lastName", lastName, true), ("firstName", firstName, true), ("middleName", middleName, false) })
        {
            if (StaffNames.Problem(StaffNames.Normalize(name), required) is { } error)
            {
                problems.Add(new(field, error));
            }
        }
        return problems;
    }

    /// <summary>The post named on the wire (camelCase or any case), or null for no known post. Numbers are not posts.</summary>
    public static StaffPost? ParsePost(string? post) =>
        Enum.TryParse<StaffPost>(post, ignoreCase: true, out var p) && Enum.IsDefined(p) && !int.TryParse(post, out _) ? p : null;

    /// <summary>
    /// Leaving after <paramref name="lastDay"/>: recorded when it happens (not ahead: the accounts are disabled at once), on
    /// or after the hiring, once.
    /// </summary>
    public static IReadOnlyList<StaffProblem> ValidateLeave(StaffFacts? member, DateOnly? lastDay, DateOnly today)
    {
        if (member is null)
        {
            return [new("staffId", StaffError.StaffUnknown)];
        }
        if (lastDay is not { } day)
        {
            return [new("lastDay", StaffError.Required)];
        }
        if (member.LeftOn is not null)
        {
            return [new("staffId", StaffError.AlreadyLeft)];
        }
        if (day > today)
        {
            return [new("lastDay", StaffError.DateInFuture)];
        }
        return member.HiredOn > day ? [new("lastDay", StaffError.DateBeforeHiring)] : [];
    }

    /// <summary>An account for a member of staff still employed who has none, under a free login of 3–64 lower-case Latin letters, digits, '.', '-' or '_'.</summary>
    public static IReadOnlyList<StaffProblem> ValidateAccount(StaffFacts? member, string? login, bool loginTaken)
    {
        if (member is null)
        {
            return [new("staffId", StaffError.StaffUnknown)];
        }
        var problems = new List<StaffProblem>();
        if (member.LeftOn is not null)
        {
            problems.Add(new("staffId", StaffError.AlreadyLeft));
        }
        else if (member.HasAccount)
        {
            problems.Add(new("staffId", StaffError.HasAccount));
        }
        if (string.IsNullOrEmpty(login))
        {
            problems.Add(new("login", StaffError.Required));
        }
        else if (!IsLogin(login))
        {
            problems.Add(new("login", StaffError.LoginInvalid));
        }
        else if (loginTaken)
        {
            problems.Add(new("login", StaffError.LoginTaken));
        }
        return problems;
    }

    public static bool IsLogin(string login) =>
        login.Length is >= MinLoginLength and <= MaxLoginLength && char.IsAsciiLetterLower(login[0])
        && login.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_');
}
