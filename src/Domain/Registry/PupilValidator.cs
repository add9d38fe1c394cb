using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;

namespace EduInfo.Domain.Registry;

/// <summary>A person already holding the IIN, as an enrolment is checked against them.</summary>
/// <param name="Latest">Their latest enrolment anywhere, or null when they have none.</param>
public sealed record PupilIdentity(string StudentId, EnrolmentFacts? Latest);

/// <summary>A journal row of the pupil's class dated after a day (a mark of theirs, or a roll-call with them on the roster).</summary>
public readonly record struct JournalRowRef(long Sequence, DateOnly Date);

/// <summary>
/// Whether a pupil may be enrolled, leave, or have their personal data corrected: the request first (every problem
/// named), then the change against what the registry and the journal hold (its one problem, naming what conflicts).
/// </summary>
public static class PupilValidator
{
    /// <summary>At most this many conflicting journal rows are named in a refusal.</summary>
    public const int NamedRows = 10;

    /// <param name="academicYear">The class's academic year.</param>
    /// <param name="existing">The person already holding the IIN, or null when it is new to the registry.</param>
    /// <param name="sexRequired">False for a row of an upload without a sex column (see <see cref="ValidatePerson"/>).</param>
    /// <param name="organizationClosed">Whether the class's organization is closed: it takes no pupils.</param>
    public static IReadOnlyList<PupilProblem> ValidateEnrolment(PupilEnrolmentRequest request, string academicYear, PupilIdentity? existing, DateOnly today,
        bool sexRequired = true, bool organizationClosed = false)
    {
        if (organizationClosed)
        {
            return [new("classId", PupilError.OrganizationClosed)];
        }
        var problems = ValidatePerson(request.Iin, request.LastName, request.FirstName, request.MiddleName, request.BirthDate, request.Sex, today, sexRequired);
        AddDate(problems, "date", request.Date, academicYear, today);
        if (problems.Count > 0)
        {
            return problems;
        }
        return PersonProblem(existing, request.Date!.Value) is { } problem ? [problem] : [];
    }

    /// <summary>
    /// The person's own fields as every enrolment checks them (the API's, a school's upload and the operator's import):
    /// the IIN (check digit and a possible birth date), names in the scripts people write them, the birth date and sex
    /// the IIN encodes. A file has no sex column unless it wants one: <paramref name="sexRequired"/> false leaves an absent
    /// sex unchecked (the IIN says it).
    /// </summary>
    public static List<PupilProblem> ValidatePerson(string? iin, string? lastName, string? firstName, string? middleName, DateOnly? birthDate, string? sex,
        DateOnly today, bool sexRequired = true)
    {
        var problems = new List<PupilProblem>();
        var iinValid = false;
        if (string.IsNullOrEmpty(iin))
        {
            problems.Add(new("iin", PupilError.Required));
        }
        else if (!Iin.IsValid(iin) || PupilRules.BirthDateOf(iin) is null)
        {
            problems.Add(new("iin", PupilError.IinInvalid));
        }
        else
        {
            iinValid = true;
        }
        AddName(problems, "lastName", lastName, required: true);
        AddName(problems, "firstName", firstName, required: true);
        AddName(problems, "middleName", middleName, required: false);
        if (birthDate is not { } birth)
        {
            problems.Add(new("birthDate", PupilError.Required));
        }
        else if (birth > today)
        {
            problems.Add(new("birthDate", PupilError.BirthDateInFuture));
        }
        else if (iinValid && PupilRules.BirthDateOf(iin!) != birth)
        {
            problems.Add(new("birthDate", PupilError.IinBirthDateMismatch));
        }
        if (string.IsNullOrEmpty(sex))
        {
            if (sexRequired)
            {
                problems.Add(new("sex", PupilError.Required));
            }
        }
        else if (PupilRules.Parse<PupilSex>(sex) is not { } parsed)
        {
            problems.Add(new("sex", PupilError.SexInvalid));
        }
        else if (iinValid && PupilRules.SexOf(iin!) != parsed)
        {
            problems.Add(new("sex", PupilError.IinSexMismatch));
        }
        return problems;
    }

    /// <summary>
    /// A backdated enrolment against the class's roll-calls: those of past days from the date were taken without the
    /// pupil, so counting them enrolled on those days would give them lessons they had no seat in. Refused, naming the
    /// roll-calls and the first day after the last of them. Today's roll-calls taken before the pupil came are not a
    /// conflict: a pupil who arrives during the day joins the roll-calls still to come.
    /// </summary>
    /// <param name="rollCalls">The class's standing roll-calls dated on or after <paramref name="date"/>.</param>
    public static PupilProblem? ValidateStart(DateOnly date, IReadOnlyList<JournalRowRef> rollCalls, DateOnly today)
    {
        var conflicts = rollCalls.Where(r => r.Date >= date && r.Date < today).OrderBy(r => r.Sequence).ToList();
        if (conflicts.Count == 0)
        {
            return null;
        }
        var earliest = conflicts.Max(r => r.Date).AddDays(1);
        return new("date", PupilError.RollCallsBeforeEnrolment, [
            string.Join(", ", conflicts.Take(NamedRows).Select(r => r.Sequence)),
            conflicts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>
    /// The IIN is unique across the country: a person enrolled anywhere on or after the date is moved by a transfer,
    /// never enrolled a second time; a person whose last enrolment ended before the date returns as themselves.
    /// </summary>
    private static PupilProblem? PersonProblem(PupilIdentity? existing, DateOnly date) => existing?.Latest switch
    {
        null => null,
        { To: null } => new("iin", PupilError.AlreadyEnrolled, [existing.StudentId]),
        { To: { } to } when to >= date => new("date", PupilError.DateBeforeLastEnrolment, [to.ToString("yyyy-MM-dd")]),
        _ => null,
    };

    /// <summary>
    /// Leaving a class: the latest enrolment ends on the date (its last day), which is not before it began; rows the
    /// journal holds for the pupil in the class after that day would become rows of a pupil not enrolled, so they are
    /// named (their sequence numbers) and the leaving refused until they are corrected.
    /// </summary>
    /// <param name="rowsAfter">The class's journal rows of the pupil dated after the requested day.</param>
    public static IReadOnlyList<PupilProblem> ValidateLeaving(PupilEndRequest request, EnrolmentFacts? current, IReadOnlyList<JournalRowRef> rowsAfter, DateOnly today)
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
        AddReason(problems, request.Reason);
        if (problems.Count > 0)
        {
            return problems;
        }
        if (current is null || current.To is not null)
        {
            return [new("date", PupilError.NotEnrolled)];
        }
        if (request.Date!.Value < current.From)
        {
            return [new("date", PupilError.DateBeforeEnrolment, [current.From.ToString("yyyy-MM-dd")])];
        }
        var conflicts = rowsAfter.Where(r => r.Date > request.Date.Value).OrderBy(r => r.Sequence).ToList();
        return conflicts.Count > 0
            ? [new("date", PupilError.JournalRowsAfterDate, [string.Join(", ", conflicts.Take(NamedRows).Select(r => r.Sequence)), conflicts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)])]
            : [];
    }

    /// <summary>A correction of names or the birth date (which must stay the one the IIN encodes), with a reason; something must change.</summary>
    public static IReadOnlyList<PupilProblem> ValidateCorrection(PupilCorrectionRequest request, PupilCard current, string iin, DateOnly today)
    {
        var problems = new List<PupilProblem>();
        AddName(problems, "lastName", request.LastName, required: false);
        AddName(problems, "firstName", request.FirstName, required: false);
        AddName(problems, "middleName", request.MiddleName, required: false);
        if (request.BirthDate is { } birthDate)
        {
            if (birthDate > today)
            {
                problems.Add(new("birthDate", PupilError.BirthDateInFuture));
            }
            else if (Iin.IsValid(iin) && PupilRules.BirthDateOf(iin) is { } encoded && encoded != birthDate)
            {
                problems.Add(new("birthDate", PupilError.IinBirthDateMismatch));
            }
        }
        AddReason(problems, request.Reason);
        if (problems.Count == 0 && current.Apply(request) == current)
        {
            problems.Add(new("reason", PupilError.NothingChanged));
        }
        return problems;
    }

    internal static void AddName(List<PupilProblem> problems, string field, string? name, bool required)
    {
        if (string.IsNullOrEmpty(name))
        {
            if (required)
            {
                problems.Add(new(field, PupilError.Required));
            }
        }
        else if (PupilRules.NameError(name) is { } error)
        {
            problems.Add(new(field, error));
        }
    }

    internal static void AddDate(List<PupilProblem> problems, string field, DateOnly? date, string academicYear, DateOnly today)
    {
        var (first, last) = AcademicCalendar.Bounds(academicYear);
        if (date is not { } d)
        {
            problems.Add(new(field, PupilError.Required));
        }
        else if (d > today)
        {
            problems.Add(new(field, PupilError.DateInFuture));
        }
        else if (d < first || d > last)
        {
            problems.Add(new(field, PupilError.DateOutsideAcademicYear));
        }
    }

    internal static void AddReason(List<PupilProblem> problems, string? reason)
    {
        if (!EntryRules.HasReason(reason))
        {
            problems.Add(new("reason", PupilError.ReasonRequired));
        }
        else if (!EntryRules.IsValidReason(reason!))
        {
            problems.Add(new("reason", PupilError.ReasonTooLong));
        }
    }
}

/// <summary>A pupil's personal data as a correction changes it (the IIN is not corrected here: it names the person).</summary>
public sealed record PupilCard(string LastName, string FirstName, string? MiddleName, DateOnly BirthDate)
{
    /// <summary>The card with the request's given fields in place of its own (an empty middle name is kept as none given).</summary>
    public PupilCard Apply(PupilCorrectionRequest request) => new(
        string.IsNullOrEmpty(request.LastName) ? LastName : request.LastName,
        string.IsNullOrEmpty(request.FirstName) ? FirstName : request.FirstName,
        string.IsNullOrEmpty(request.MiddleName) ? MiddleName : request.MiddleName,
        request.BirthDate ?? BirthDate);
}
