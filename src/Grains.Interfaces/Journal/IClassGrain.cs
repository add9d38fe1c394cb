using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// A class (home group): the entry point of the journal write path. Validates a batch against the roster,
/// the teacher's assignment and the ranges (all or nothing), commits it in one round trip, applies only the
/// rows actually inserted to its students and its own summary, then acknowledges.
/// </summary>
public interface IClassGrain : ISummaryNode
{
    /// <summary>Records a batch of marks written by <paramref name="actor"/>.</summary>
    Task<BatchOutcome> RecordMarks(Actor actor, MarkBatch batch);

    /// <summary>Records a batch of roll-calls written by <paramref name="actor"/>.</summary>
    Task<BatchOutcome> RecordLessons(Actor actor, LessonBatch batch);
}
