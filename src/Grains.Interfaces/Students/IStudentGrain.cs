using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>
/// A learner's live state: per-subject counts and sums, and the watermark (highest journal sequence counted). Loaded
/// from the journal at its first read; then it listens to its class and applies the rows the class sends.
/// </summary>
public interface IStudentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies the rows of one batch of class <paramref name="classId"/> that concern this student: the class's rows
    /// from <paramref name="previous"/> (exclusive; the watermark the class last sent this student) to
    /// <paramref name="watermark"/> (inclusive; the class's watermark after the batch). The class sends only to students
    /// that listen (<see cref="Journal.IClassGrain.Listen"/>), so a student that heard less than
    /// <paramref name="previous"/> from this class missed rows and reads them from the journal. False: the grain is not
    /// loaded (a listening left behind by a deactivation) and the class should stop sending.
    /// </summary>
    Task<bool> Apply(string classId, long previous, long watermark, IReadOnlyList<StudentJournalRow> rows);

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
