using EduInfo.Domain.Assessment;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Api.Contracts;

/// <summary>The teacher's journal grid: lessons across, students down, with marks, absences and the standing.</summary>
public sealed record ClassJournalResponse(
    string ClassId,
    string SubjectId,
    int Term,
    DateOnly? Starts,
    DateOnly? Ends,
    bool Closed,
    long Version,
    IReadOnlyList<JournalGridLesson> Lessons,
    IReadOnlyList<ClassJournalStudent> Students)
{
    public static ClassJournalResponse Of(ClassJournalView view, IReadOnlyDictionary<string, string> names, string language) => new(
        view.ClassId, view.SubjectId, view.Term, view.Starts, view.Ends, view.Closed, view.Watermark, view.Lessons,
        view.Students.Select(s => new ClassJournalStudent(
            s.StudentId,
            names.GetValueOrDefault(s.StudentId) ?? s.StudentId,
            s.Marks.Select(m => new ClassJournalMark(m.Sequence, m.Date, m.Kind.ToString().ToLowerInvariant(), Messages.Get($"markKind.{m.Kind}", language), m.Score, m.MaxScore)).ToList(),
            s.Absences.Select(a => new ClassJournalAbsence(a.Sequence, a.Date, a.Period, a.Code.ToString().ToLowerInvariant(), Messages.Get($"absence.{a.Code}", language))).ToList(),
            s.Standing is null ? null : StandingResponse.Of(s.Standing, language))).ToList());
}

public sealed record ClassJournalStudent(string StudentId, string DisplayName, IReadOnlyList<ClassJournalMark> Marks, IReadOnlyList<ClassJournalAbsence> Absences, StandingResponse? Standing);

public sealed record ClassJournalMark(long Sequence, DateOnly Date, string Kind, string KindName, int Score, int MaxScore);

public sealed record ClassJournalAbsence(long Sequence, DateOnly Date, int Period, string Code, string CodeName);

/// <summary>A standing as shown to people: the outcome in their language, and how the mark was computed.</summary>
public sealed record StandingResponse(
    string SubjectId,
    int Term,
    string Outcome,
    string OutcomeName,
    bool Final,
    decimal? FormativePercent,
    decimal? SectionPercent,
    decimal? TermSummativePercent,
    decimal? ExactPercent,
    int? Percent,
    int? Mark,
    string? Letter,
    decimal? Gpa,
    IReadOnlyDictionary<string, decimal> WeightsUsed,
    IReadOnlyList<string> PendingComponents,
    IReadOnlyList<string> ExcusedComponents,
    string Explanation)
{
    public static StandingResponse Of(TermStanding s, string language) => new(
        s.SubjectId, s.Term, s.Outcome, Messages.Get($"outcome.{s.Outcome}", language), s.Final,
        s.FormativePercent, s.SectionPercent, s.TermSummativePercent, s.ExactPercent, s.Percent, s.Mark, s.Letter, s.Gpa,
        s.WeightsUsed, s.PendingComponents, s.ExcusedComponents ?? [],
        Explain(s, language));

    /// <summary>How the mark was computed, or what it waits for: never a formula with nothing in it.</summary>
    private static string Explain(TermStanding s, string language) => s switch
    {
        { Outcome: "exempt" } => Messages.Get("standing.explain.exempt", language),
        { Term: 0 } => Messages.Get("standing.explain.annual", language),
        { PendingComponents.Count: > 0 } => Messages.Get("standing.explain.pending", language,
            string.Join(", ", s.PendingComponents.Select(c => Messages.Get($"component.{c}", language)))),
        { WeightsUsed.Count: 0 } => Messages.Get("standing.explain.nothing", language),
        _ => Messages.Get("standing.explain.term", language, string.Join(" + ",
            s.WeightsUsed.Select(w => $"{w.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}% {Messages.Get($"component.{w.Key}", language)}"))),
    };
}
