using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>
/// A learner's live state: per-subject counts and sums, and the watermark (highest journal sequence applied).
/// Rebuilds from the journal on activation and never applies a row at or below its watermark.
/// </summary>
public interface IStudentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies committed journal rows sent by class <paramref name="classId"/>, in sequence order; rows at or below
    /// the grain's watermark for that class are skipped.
    /// </summary>
    Task Apply(string classId, IReadOnlyList<StudentJournalRow> rows);

    /// <summary>Drops the live figures and reads them again from the journal (after a correction superseded a row).</summary>
    Task Rebuild();

    /// <summary>The live per-subject figures and the watermark.</summary>
    Task<(long Watermark, IReadOnlyList<SubjectFigures> Subjects)> GetFigures();

    /// <summary>The diary: figures plus every mark and attendance row, read from the journal by index. Personal data: <paramref name="actor"/> is required.</summary>
    Task<StudentDiary> GetDiary(Actor actor);

    /// <summary>
    /// Tells <paramref name="observer"/> each new watermark for <paramref name="lease"/> (renewed by calling again) and
    /// answers the current one; loads the figures first. Watchers are not persisted (see <see cref="Summaries.ISummaryNode.Watch"/>).
    /// </summary>
    Task<long> Watch(IStudentObserver observer, TimeSpan lease);

    /// <summary>Stops telling <paramref name="observer"/>.</summary>
    Task Unwatch(IStudentObserver observer);
}
