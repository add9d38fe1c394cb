using EduInfo.Api.Contracts;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Api.Reads;

/// <summary>
/// A pending summative of one subject and term as the diary shows it: held for the class on <see cref="HeldOn"/> out of
/// <see cref="MaxScore"/>, and the least score of each higher mark (<see cref="SummativeTargets"/>), or the other
/// summatives the term mark waits for as well.
/// </summary>
public sealed record DiaryNeed(ComponentKind Kind, DateOnly HeldOn, int MaxScore, IReadOnlyList<ScoreTarget> Targets, IReadOnlyList<ComponentKind> AlsoPending);

/// <summary>"What do I need", put together from what the diary and the class's journal already hold.</summary>
public static class DiaryNeeds
{
    /// <summary>
    /// The student's components in a subject and term as the standing sees them: the work of each kind summed from the
    /// diary's marks (a component's % is Σ score ÷ Σ max, so the sums are all it needs), the pending and excused
    /// components as the standing names them, the rest not held.
    /// </summary>
    public static IReadOnlyList<StudentComponent> Components(IEnumerable<DiaryMarkResponse> marks, StandingResponse standing)
    {
        var mine = marks.Where(m => m.SubjectId == standing.SubjectId && m.Term == standing.Term).ToList();
        StudentComponent Of(ComponentKind kind)
        {
            var name = kind.ToString().ToLowerInvariant(); // as the diary names kinds and components
            var works = mine.Where(m => m.Kind == name).ToList();
            return works.Count > 0 ? new StudentComponent(kind, [(works.Sum(w => w.Score), works.Sum(w => w.MaxScore))])
                : standing.ExcusedComponents.Contains(name) ? new StudentComponent(kind, [], Missed: true, Excused: true)
                : standing.PendingComponents.Contains(name) ? new StudentComponent(kind, [], Missed: true)
                : new StudentComponent(kind, [], HeldForGroup: false);
        }
        return [Of(ComponentKind.Formative), Of(ComponentKind.Section), Of(ComponentKind.Term)];
    }

    /// <summary>
    /// The summatives of <paramref name="kind"/> the class wrote in the subject and term (from its journal grid), one per
    /// maximum — the least score depends on nothing else — with the day it was first written.
    /// </summary>
    public static IReadOnlyList<(DateOnly HeldOn, int MaxScore)> Held(ClassJournalView? journal, ComponentKind kind) =>
        (journal?.Students ?? []).SelectMany(s => s.Marks).Where(m => m.Kind == KindOf(kind))
            .GroupBy(m => m.MaxScore).Select(g => (g.Min(m => m.Date), g.Key)).OrderBy(h => h.Item1).ThenBy(h => h.Key).ToList();

    /// <summary>What each pending summative of a standing needs, under <paramref name="policy"/> for a class of <paramref name="grade"/>.</summary>
    public static IReadOnlyList<DiaryNeed> Of(AssessmentPolicy policy, int grade, IReadOnlyList<StudentComponent> components,
        Func<ComponentKind, IReadOnlyList<(DateOnly HeldOn, int MaxScore)>> held) =>
        components.Where(c => c.State == ComponentState.Pending && policy.Weights[c.Kind] > 0)
            .SelectMany(c => held(c.Kind).Select(h => new DiaryNeed(c.Kind, h.HeldOn, h.MaxScore,
                SummativeTargets.Of(policy, grade, components, c.Kind, h.MaxScore), SummativeTargets.OtherPending(policy, components, c.Kind))))
            .ToList();

    private static MarkKind KindOf(ComponentKind kind) => kind switch
    {
        ComponentKind.Formative => MarkKind.Formative,
        ComponentKind.Section => MarkKind.Section,
        _ => MarkKind.Term,
    };
}
