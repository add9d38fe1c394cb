using EduInfo.Api.Cluster;
using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The diary page of a student (issue 17): the diary itself — the very answer of <c>GET /api/v1/students/{id}/diary</c> —
/// and what the page adds to it: names to read it by, "what do I need" for the pending summatives of the term shown,
/// and "who saw my child's data". The caller has opened the student's door (<see cref="StudentGate"/>), audited.
/// </summary>
public sealed class DiaryPageRead(IGrainFactory grains, ClusterCalls calls, RegistryStore registry, NodeDirectory directory, SubjectNames subjects,
    DiaryReaders readers, DocumentRegisterRead documents, IKazakhstanClock clock)
{
    public async Task<DiaryPageView?> ReadAsync(Actor actor, StudentAccess student, int? term, string language, CancellationToken cancellationToken)
    {
        var card = await registry.FindStudentCardAsync(student.StudentId, cancellationToken);
        if (card is null)
        {
            return null;
        }
        var raw = await calls.IdempotentAsync(() => grains.GetGrain<IStudentGrain>(student.StudentId).GetDiary(actor), cancellationToken);
        var diary = DiaryResponse.Of(raw, language);
        var shown = DiaryPageView.TermShown(diary.Terms, term, clock.Today);
        var ids = diary.Subjects.Select(s => s.SubjectId).Concat(diary.Standings.Select(s => s.SubjectId))
            .Concat(diary.Marks.Select(m => m.SubjectId)).Concat(diary.Attendance.Select(a => a.SubjectId)).Distinct(StringComparer.Ordinal).ToList();
        // The pupil's year end, from their class: examinations, final marks, the council's decision, the document issued.
        var classId = raw.Standings?.ClassId;
        var yearEnd = classId is null ? null
            : (await calls.IdempotentAsync(() => grains.GetGrain<IClassGrain>(classId).GetYearEnd(), cancellationToken))?.Pupils.FirstOrDefault(p => p.StudentId == student.StudentId);
        var document = classId is null ? null
            : (await documents.ClassAsync(classId, language, cancellationToken)).Where(d => d.StudentId == student.StudentId).OrderBy(d => d.Revoked).FirstOrDefault();
        ids = [.. ids.Union(yearEnd?.Subjects.Select(s => s.SubjectId) ?? [], StringComparer.Ordinal)];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            names[id] = await subjects.NameAsync(id, language, cancellationToken);
        }
        var needs = raw.Standings is { } standings ? await NeedsAsync(diary, standings.ClassId, shown, cancellationToken) : new Dictionary<string, IReadOnlyList<DiaryNeed>>();
        var school = NodeSummaryResponse.NameOf(await directory.FindAsync(student.OrganizationId, cancellationToken), student.OrganizationId, language);
        return new DiaryPageView(student.StudentId, $"{card.LastName} {card.FirstName}", $"{card.Grade}{card.Letter}", school, diary, shown, names, needs,
            await readers.ReadAsync(student.StudentId, language, DiaryReaders.DefaultLimit, cancellationToken), yearEnd, document);
    }

    /// <summary>
    /// "What do I need" for each subject of <paramref name="term"/> whose mark waits for a summative, while the term is
    /// open: the policy the term is assessed under, the class's grade, and the maxima of the summatives the class wrote.
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<DiaryNeed>>> NeedsAsync(DiaryResponse diary, string classId, int term, CancellationToken cancellationToken)
    {
        var needs = new Dictionary<string, IReadOnlyList<DiaryNeed>>(StringComparer.Ordinal);
        var pending = diary.Standings.Where(s => s.Term == term && !s.Final && s.PendingComponents.Count > 0).ToList();
        var starts = diary.Terms.FirstOrDefault(t => t.Term == term)?.Starts;
        // Colleges grade by letters of the percentage, not by the policy's marks: their targets would be another table.
        if (pending.Count == 0 || starts is null || await registry.FindClassAsync(classId, cancellationToken) is not { OrganizationKind: "school" } cls)
        {
            return needs;
        }
        var versions = await calls.IdempotentAsync(() => grains.GetGrain<IAssessmentPolicyGrain>(cls.OrganizationKind).GetVersions(), cancellationToken);
        // The version in force on the term's first day, among the valid ones: the class grain assesses by the same.
        var policy = versions.Where(p => PolicyDocuments.Validate(p, DateOnly.MinValue).Count == 0).Select(PolicyDocuments.ToPolicy)
            .Where(p => p.EffectiveFrom <= starts).MaxBy(p => p.EffectiveFrom);
        if (policy is null)
        {
            return needs;
        }
        foreach (var standing in pending)
        {
            var journal = await calls.IdempotentAsync(() => grains.GetGrain<IClassGrain>(classId).GetJournal(standing.SubjectId, term), cancellationToken);
            var components = DiaryNeeds.Components(diary.Marks, standing);
            needs[standing.SubjectId] = DiaryNeeds.Of(policy, cls.Grade, components, kind => DiaryNeeds.Held(journal, kind));
        }
        return needs;
    }
}

/// <summary>What the diary page shows: the student, the diary, the term shown, subject names, the needs of that term, and the readers.</summary>
public sealed record DiaryPageView(
    string StudentId,
    string Name,
    string ClassName,
    string SchoolName,
    DiaryResponse Diary,
    int Term,
    IReadOnlyDictionary<string, string> SubjectNames,
    IReadOnlyDictionary<string, IReadOnlyList<DiaryNeed>> Needs,
    IReadOnlyList<DiaryReaderResponse> Readers,
    PupilYearEndView? YearEnd = null,
    DocumentResponse? Document = null)
{
    /// <summary>The year end is shown once there is something of it: an examination, the council's decision or a document.</summary>
    public bool ShowsYearEnd => YearEnd is { } y && (y.Subjects.Any(s => s.Source is EduInfo.Domain.YearEnd.FinalMarkSource.Combined or EduInfo.Domain.YearEnd.FinalMarkSource.ExamPending)
        || y.Decided is not null || Document is not null);

    /// <summary>The term asked for when the diary has it; else the one running today, else the last begun, else the first.</summary>
    public static int TermShown(IReadOnlyList<DiaryTermResponse> terms, int? asked, DateOnly today) =>
        terms.Any(t => t.Term == asked) ? asked!.Value
        : terms.FirstOrDefault(t => t.Starts <= today && today <= t.Ends)?.Term
          ?? terms.Where(t => t.Starts <= today).Select(t => (int?)t.Term).LastOrDefault()
          ?? terms.FirstOrDefault()?.Term ?? 1;

    public string SubjectName(string subjectId) => SubjectNames.GetValueOrDefault(subjectId) ?? subjectId;

    /// <summary>The subjects of the term shown, by name: those with a standing, a mark or a missed lesson in it.</summary>
    public IReadOnlyList<string> SubjectsOfTerm(StringComparer byName) =>
        Diary.Standings.Where(s => s.Term == Term).Select(s => s.SubjectId)
            .Concat(Diary.Marks.Where(m => m.Term == Term).Select(m => m.SubjectId))
            .Concat(Diary.Attendance.Where(a => a.Term == Term).Select(a => a.SubjectId))
            .Distinct(StringComparer.Ordinal).OrderBy(SubjectName, byName).ToList();
}
