using EduInfo.Domain.Calendar;
using EduInfo.Domain.Registry;
using System.Security.Cryptography;
using System.Text;
using static EduInfo.Domain.Journal.EntryRules;

namespace EduInfo.Domain.Journal;

/// <summary>
/// Validates a journal batch for one class against its roster, the writer's assignments, the ranges and the calendar.
/// Pure: the class, the writer, "today" and the class's rules (calendar, closed terms, policies) are inputs; without
/// rules every day is open and formative marks are on the configured scale. Every problem names the field it concerns.
/// </summary>
public static class JournalBatchValidator
{
    public static ValidatedBatch<NewMark> ValidateMarks(ClassRecord cls, string? teacherId, MarkBatch batch, DateOnly today, JournalLimits limits,
        ClassRules? rules = null)
    {
        var problems = new List<EntryProblem>();
        if (!CheckBatchSize(batch.Entries?.Count ?? 0, limits, problems))
        {
            return new ValidatedBatch<NewMark>([], problems);
        }

        var rows = new List<NewMark>(batch.Entries!.Count);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < batch.Entries.Count; i++)
        {
            var entry = batch.Entries[i];
            var at = $"entries[{i}]";
            if (entry is null)
            {
                problems.Add(Problem(at, JournalError.Required));
                continue;
            }
            var before = problems.Count;
            CheckEntryId(entry.EntryId, at, seen, problems);
            var date = CheckDate(entry.Date, at, cls, today, rules, problems);
            var group = ResolveGroup(entry.GroupId, at, cls, problems);
            if (group is not null)
            {
                CheckStudent(entry.StudentId, $"{at}.studentId", date, group, problems);
                CheckSubject(entry.SubjectId, at, date, cls, group, teacherId, problems);
            }

            MarkKind kind = default;
            var maxScore = 0;
            if (entry.Kind is null)
            {
                problems.Add(Problem($"{at}.kind", JournalError.Required));
            }
            else if (!JournalNames.TryParseMarkKind(entry.Kind, out kind))
            {
                problems.Add(Problem($"{at}.kind", JournalError.MarkKindUnknown, entry.Kind));
            }
            else if (!IsKindAllowed(kind, cls.OrganizationKind))
            {
                problems.Add(Problem($"{at}.kind", JournalError.MarkKindNotAllowed, entry.Kind));
            }
            // Development levels and formative marks are on a scale the kind fixes (a formative mark's is the policy's
            // of the term the mark falls in); a summative is out of its own maximum.
            else if (FixedMaxScore(kind, date is { } d && rules is not null ? rules.FormativeScaleOn(d) : limits.FormativeScale) is { } scale)
            {
                maxScore = scale;
                if (entry.MaxScore is { } given && given != scale)
                {
                    problems.Add(Problem($"{at}.maxScore", JournalError.MaxScoreNotAllowed, scale));
                }
                AddIf(ScoreProblem(entry.Score, MinScore(kind), scale, $"{at}.score"), problems);
            }
            else if (entry.MaxScore is null)
            {
                problems.Add(Problem($"{at}.maxScore", JournalError.Required));
            }
            else if (!IsValidSummativeMax(entry.MaxScore.Value, limits.MaxSummativeScore))
            {
                problems.Add(Problem($"{at}.maxScore", JournalError.MaxScoreOutOfRange, 1, limits.MaxSummativeScore));
            }
            else
            {
                maxScore = entry.MaxScore.Value;
                AddIf(ScoreProblem(entry.Score, MinScore(kind), maxScore, $"{at}.score"), problems);
            }

            if (problems.Count == before)
            {
                rows.Add(new NewMark(entry.EntryId!.Value, entry.StudentId!, entry.SubjectId!, date!.Value, kind,
                    entry.Score!.Value, maxScore, Hash(cls.ClassId, JournalNames.Of(EntryKind.Mark), entry.StudentId!, entry.SubjectId!,
                        date.Value.ToString("yyyy-MM-dd"), JournalNames.Of(kind), entry.Score.Value.ToString(), maxScore.ToString(), group!.HashPart),
                    group.GroupId));
            }
        }
        return problems.Count > 0 ? new ValidatedBatch<NewMark>([], problems) : new ValidatedBatch<NewMark>(rows, []);
    }

    public static ValidatedBatch<NewLesson> ValidateLessons(ClassRecord cls, string? teacherId, LessonBatch batch, DateOnly today, JournalLimits limits,
        ClassRules? rules = null)
    {
        var problems = new List<EntryProblem>();
        if (!CheckBatchSize(batch.Entries?.Count ?? 0, limits, problems))
        {
            return new ValidatedBatch<NewLesson>([], problems);
        }

        var rows = new List<NewLesson>(batch.Entries!.Count);
        var seen = new HashSet<Guid>();
        var lessons = new HashSet<(string, string, DateOnly, int)>();
        for (var i = 0; i < batch.Entries.Count; i++)
        {
            var entry = batch.Entries[i];
            var at = $"entries[{i}]";
            if (entry is null)
            {
                problems.Add(Problem(at, JournalError.Required));
                continue;
            }
            var before = problems.Count;
            CheckEntryId(entry.EntryId, at, seen, problems);
            var date = CheckDate(entry.Date, at, cls, today, rules, problems);
            var group = ResolveGroup(entry.GroupId, at, cls, problems);
            if (group is not null)
            {
                CheckSubject(entry.SubjectId, at, date, cls, group, teacherId, problems);
            }
            if (entry.Period is null)
            {
                problems.Add(Problem($"{at}.period", JournalError.Required));
            }
            else if (!IsValidPeriod(entry.Period.Value, limits.MaxPeriod))
            {
                problems.Add(Problem($"{at}.period", JournalError.PeriodOutOfRange, 1, limits.MaxPeriod));
            }
            else if (date is not null && entry.SubjectId is not null && group is not null && !lessons.Add((group.GroupId, entry.SubjectId, date.Value, entry.Period.Value)))
            {
                problems.Add(Problem($"{at}.period", JournalError.LessonDuplicateInBatch));
            }

            var absentIds = new List<string>();
            var absentCodes = new List<string>();
            var absentees = entry.Absentees ?? [];
            for (var a = 0; a < absentees.Count; a++)
            {
                var absentee = absentees[a];
                var field = $"{at}.absentees[{a}]";
                if (absentee is null)
                {
                    problems.Add(Problem(field, JournalError.Required));
                    continue;
                }
                if (group is not null)
                {
                    CheckStudent(absentee.StudentId, $"{field}.studentId", date, group, problems);
                }
                if (absentee.StudentId is not null && absentIds.Contains(absentee.StudentId))
                {
                    problems.Add(Problem($"{field}.studentId", JournalError.AbsenteeDuplicate));
                }
                if (absentee.Code is null)
                {
                    problems.Add(Problem($"{field}.code", JournalError.Required));
                }
                else if (!JournalNames.TryParseAbsence(absentee.Code, out _))
                {
                    problems.Add(Problem($"{field}.code", JournalError.AbsenceCodeUnknown, absentee.Code));
                }
                if (absentee.StudentId is not null)
                {
                    absentIds.Add(absentee.StudentId);
                    absentCodes.Add(absentee.Code ?? "");
                }
            }

            if (problems.Count == before)
            {
                var roster = group!.Roster.Where(e => e.CoversDate(date!.Value)).Select(e => e.StudentId).Distinct().Order(StringComparer.Ordinal).ToList();
                var canonicalAbsences = absentIds.Zip(absentCodes, (id, code) => $"{id}:{code}").Order(StringComparer.Ordinal);
                rows.Add(new NewLesson(entry.EntryId!.Value, entry.SubjectId!, date!.Value, entry.Period!.Value, roster, absentIds, absentCodes,
                    Hash(cls.ClassId, JournalNames.Of(EntryKind.Lesson), entry.SubjectId!, date.Value.ToString("yyyy-MM-dd"), entry.Period.Value.ToString(),
                        string.Join(',', canonicalAbsences), group.HashPart), group.GroupId));
            }
        }
        return problems.Count > 0 ? new ValidatedBatch<NewLesson>([], problems) : new ValidatedBatch<NewLesson>(rows, []);
    }

    private static bool CheckBatchSize(int count, JournalLimits limits, List<EntryProblem> problems)
    {
        if (count == 0)
        {
            problems.Add(Problem("entries", JournalError.BatchEmpty));
            return false;
        }
        if (count > limits.MaxBatchSize)
        {
            problems.Add(Problem("entries", JournalError.BatchTooLarge, limits.MaxBatchSize));
            return false;
        }
        return true;
    }

    private static void CheckEntryId(Guid? entryId, string at, HashSet<Guid> seen, List<EntryProblem> problems)
    {
        if (entryId is null || entryId == Guid.Empty)
        {
            problems.Add(Problem($"{at}.entryId", JournalError.Required));
        }
        else if (!seen.Add(entryId.Value))
        {
            problems.Add(Problem($"{at}.entryId", JournalError.EntryIdDuplicateInBatch));
        }
    }

    private static DateOnly? CheckDate(DateOnly? date, string at, ClassRecord cls, DateOnly today, ClassRules? rules, List<EntryProblem> problems)
    {
        if (date is null)
        {
            problems.Add(Problem($"{at}.date", JournalError.Required));
            return null;
        }
        var (first, last) = AcademicCalendar.Bounds(cls.AcademicYear);
        if (date < first || date > last)
        {
            problems.Add(Problem($"{at}.date", JournalError.DateOutsideAcademicYear, cls.AcademicYear));
            return null;
        }
        if (date > today)
        {
            problems.Add(Problem($"{at}.date", JournalError.DateInFuture));
            return null;
        }
        // The calendar: inside a term, a school day for the class (not a day off, holiday or cancelled day), term not closed.
        if (rules?.DayError(date.Value) is { } error)
        {
            problems.Add(Problem($"{at}.date", error, date.Value.ToString("yyyy-MM-dd")));
            return null;
        }
        return date;
    }

    /// <summary>
    /// The teaching group an entry is for: the whole class (no group id, or the class's own id) or one of the class's
    /// subgroups, with its dated roster. Rows count in the home class either way.
    /// </summary>
    private sealed record Group(string GroupId, IReadOnlyList<Enrolment> Roster, bool IsClass)
    {
        /// <summary>The group's part of the payload digest (empty for the whole class, so older digests still match).</summary>
        public string HashPart => IsClass ? "" : GroupId;
    }

    private static Group? ResolveGroup(string? groupId, string at, ClassRecord cls, List<EntryProblem> problems)
    {
        if (groupId is null || groupId == cls.ClassId)
        {
            return new Group(cls.ClassId, cls.Enrolments, true);
        }
        if (cls.Groups?.FirstOrDefault(g => g.GroupId == groupId) is { } group)
        {
            // A subgroup member counts only while also enrolled in the class (a transferred student leaves both).
            var members = group.Members
                .SelectMany(m => cls.Enrolments.Where(e => e.StudentId == m.StudentId).Select(e => Overlap(m, e)))
                .Where(m => m is not null)
                .Select(m => m!)
                .ToList();
            return new Group(group.GroupId, members, false);
        }
        problems.Add(Problem($"{at}.groupId", JournalError.GroupUnknown));
        return null;
    }

    /// <summary>The days two dated memberships of one student share, if any.</summary>
    private static Enrolment? Overlap(Enrolment a, Enrolment b)
    {
        var from = a.From > b.From ? a.From : b.From;
        DateOnly? to = a.To is null ? b.To : b.To is null ? a.To : (a.To < b.To ? a.To : b.To);
        return to is null || to >= from ? new Enrolment(a.StudentId, from, to) : null;
    }

    private static void CheckStudent(string? studentId, string field, DateOnly? date, Group group, List<EntryProblem> problems)
    {
        if (string.IsNullOrEmpty(studentId))
        {
            problems.Add(Problem(field, JournalError.Required));
        }
        else if (date is not null && !group.Roster.Any(e => e.StudentId == studentId && e.CoversDate(date.Value)))
        {
            problems.Add(Problem(field, group.IsClass ? JournalError.StudentNotInClass : JournalError.StudentNotInGroup));
        }
    }

    private static void CheckSubject(string? subjectId, string at, DateOnly? date, ClassRecord cls, Group group, string? teacherId, List<EntryProblem> problems)
    {
        if (string.IsNullOrEmpty(subjectId))
        {
            problems.Add(Problem($"{at}.subjectId", JournalError.Required));
            return;
        }
        // Teacher × group × subject, dated: a substitution is an assignment with its own dates.
        var taught = cls.Assignments.Where(a => a.SubjectId == subjectId && a.GroupId == group.GroupId).ToList();
        if (taught.Count == 0)
        {
            problems.Add(Problem($"{at}.subjectId", JournalError.SubjectUnknown));
        }
        else if (date is not null && !taught.Any(a => a.TeacherId == teacherId && a.CoversDate(date.Value)))
        {
            problems.Add(Problem($"{at}.subjectId", JournalError.NotAssigned));
        }
    }

    private static void AddIf(EntryProblem? problem, List<EntryProblem> problems)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }

    /// <summary>A digest of the payload as the client meant it: the same entry id with a different digest is a conflict.</summary>
    public static byte[] Hash(params string[] parts) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)))[..16];
}
