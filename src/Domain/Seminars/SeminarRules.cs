using EduInfo.Domain.Forums;

namespace EduInfo.Domain.Seminars;

/// <summary>Who a seminar is for (order point 7: seminars for teachers and for heads).</summary>
public enum SeminarAudience
{
    Teachers = 1,
    Heads = 2,
}

/// <summary>Where a registration stands: a seat, a place on the waiting list, or withdrawn.</summary>
public enum SeatState
{
    Seated = 1,
    Waiting = 2,
    Withdrawn = 3,
}

/// <summary>A seminar as its organizer describes it; every field is checked by <see cref="SeminarRules.Check"/>.</summary>
public sealed record SeminarDraft(
    string? Topic,
    string? Description,
    SeminarAudience? Audience,
    string? Language,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Place,
    string? OnlineLink,
    int? Capacity);

/// <summary>A draft that passed: its texts normalized.</summary>
public sealed record SeminarFacts(
    string Topic,
    string? Description,
    SeminarAudience Audience,
    string Language,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Place,
    string? OnlineLink,
    int Capacity);

/// <summary>One refusal: the field and its code (the message is <c>seminar.error.{code}</c>, or the forum's for a text rule).</summary>
public sealed record SeminarProblem(string Field, string Code);

/// <summary>
/// The seminars' rules (issue 24), pure: what a seminar may be, who holds a seat and who waits. Texts follow the forums'
/// text-safety rules (<see cref="ForumText"/>); an online link is https only.
/// </summary>
public static class SeminarRules
{
    public const int MaxTopicLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxPlaceLength = 300;
    public const int MaxLinkLength = 500;
    public const int MaxCapacity = 2_000;

    /// <summary>A seminar lasts at most a working day's length (a course of several days is several seminars).</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(10);

    /// <summary>It is announced at most a year ahead.</summary>
    public static readonly TimeSpan MaxLead = TimeSpan.FromDays(366);

    public static readonly IReadOnlyList<string> Languages = ["kk", "ru"];

    /// <summary>Every problem of a draft, in field order; none means <paramref name="facts"/> holds the normalized seminar.</summary>
    public static IReadOnlyList<SeminarProblem> Check(SeminarDraft draft, DateTimeOffset now, out SeminarFacts? facts)
    {
        facts = null;
        var problems = new List<SeminarProblem>();
        var topic = Text("topic", draft.Topic, MaxTopicLength, multiline: false, required: true, problems);
        var description = Text("description", draft.Description, MaxDescriptionLength, multiline: true, required: false, problems);
        if (draft.Audience is not { } audience || !Enum.IsDefined(audience))
        {
            problems.Add(new("audience", "audienceRequired"));
        }
        if (draft.Language is not { } language || !Languages.Contains(language))
        {
            problems.Add(new("language", "languageRequired"));
        }
        if (draft.StartsAt is not { } starts)
        {
            problems.Add(new("startsAt", "startsAtRequired"));
        }
        else if (starts <= now)
        {
            problems.Add(new("startsAt", "startsInThePast"));
        }
        else if (starts - now > MaxLead)
        {
            problems.Add(new("startsAt", "startsTooFarAhead"));
        }
        if (draft.EndsAt is not { } ends)
        {
            problems.Add(new("endsAt", "endsAtRequired"));
        }
        else if (draft.StartsAt is { } s && (ends <= s || ends - s > MaxLength))
        {
            problems.Add(new("endsAt", "endsBeforeStartOrTooLong"));
        }
        var place = Text("place", draft.Place, MaxPlaceLength, multiline: false, required: false, problems);
        var link = Link(draft.OnlineLink, problems);
        if (place is null && link is null && !problems.Any(p => p.Field is "place" or "onlineLink"))
        {
            problems.Add(new("place", "placeOrLinkRequired"));
        }
        if (draft.Capacity is not { } capacity || capacity is < 1 or > MaxCapacity)
        {
            problems.Add(new("capacity", "capacityOutOfRange"));
        }
        if (problems.Count == 0)
        {
            // Instants are kept in UTC whatever offset they were written with (+05:00 from a form in Kazakhstan).
            facts = new SeminarFacts(topic!, description, draft.Audience!.Value, draft.Language!, draft.StartsAt!.Value.ToUniversalTime(),
                draft.EndsAt!.Value.ToUniversalTime(), place, link, draft.Capacity!.Value);
        }
        return problems;
    }

    /// <summary>
    /// Seats by arrival: of the registrations not withdrawn, in the order the seminar received them, the first
    /// <paramref name="capacity"/> hold seats and the rest wait in that order. A withdrawal moves the first waiting up.
    /// </summary>
    public static SeatState StateOf(int rankAmongActive, int capacity) => rankAmongActive < capacity ? SeatState.Seated : SeatState.Waiting;

    /// <summary>A waiting registration's place on the list, from 1; null for a seat.</summary>
    public static int? WaitingPosition(int rankAmongActive, int capacity) => rankAmongActive < capacity ? null : rankAmongActive - capacity + 1;

    /// <summary>Registration is open until the seminar starts.</summary>
    public static bool RegistrationOpen(DateTimeOffset startsAt, DateTimeOffset now) => now < startsAt;

    /// <summary>
    /// Attendance is taken once the seminar has started (registration and withdrawal are closed then, so a certificate
    /// cannot outlive its seat), until 30 days after its day in Kazakhstan.
    /// </summary>
    public static bool AttendanceOpen(DateTimeOffset startsAt, DateOnly seminarDay, DateTimeOffset now, DateOnly today) =>
        now >= startsAt && today <= seminarDay.AddDays(30);

    private static string? Text(string field, string? text, int max, bool multiline, bool required, List<SeminarProblem> problems)
    {
        if (!required && string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var (checkedText, found) = ForumText.Check(field, text, max, multiline);
        problems.AddRange(found.Select(p => new SeminarProblem(p.Field, ForumText.Code(p.Error))));
        return checkedText;
    }

    private static string? Link(string? link, List<SeminarProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }
        // An absolute https address only: no javascript:, data: or http: links on a page teachers trust.
        if (link.Length > MaxLinkLength || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.UserInfo) || link.Trim().Any(char.IsControl) || link.Trim().Any(char.IsWhiteSpace))
        {
            problems.Add(new("onlineLink", "linkInvalid"));
            return null;
        }
        // What is stored is the normalized address, which can be longer than what was typed (escapes, a slash before "?").
        if (uri.AbsoluteUri.Length > MaxLinkLength)
        {
            problems.Add(new("onlineLink", "linkInvalid"));
            return null;
        }
        return uri.AbsoluteUri;
    }
}
