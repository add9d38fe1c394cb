using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Journal;

/// <summary>
/// A cross-class profile group (grades 10–11): its marks and roll-calls are split by each student's home class on the
/// date and written through those classes' write paths, so every row counts in the home class. Every class's part is
/// checked before any is written, so bad input writes nothing; if the database fails between two classes' commits,
/// a retry with the same entry ids completes the batch (the committed parts are duplicates).
/// </summary>
public interface ITeachingGroupGrain : IGrainWithStringKey
{
    Task<BatchOutcome> RecordMarks(Actor actor, MarkBatch batch);

    Task<BatchOutcome> RecordLessons(Actor actor, LessonBatch batch);
}
