using Orleans.Concurrency;

namespace EduInfo.Grains.Interfaces.Students;

/// <summary>
/// A watcher of a student's figures: an Api process's live diaries (<see cref="IStudentGrain.Watch"/>). Told the new
/// watermark only, never personal data; the diary itself is read by each viewer under its own authorization.
/// </summary>
public interface IStudentObserver : IGrainObserver
{
    /// <summary>The student's watermark moved (rows applied, or the figures counted again from the journal).</summary>
    [OneWay]
    Task WatermarkChanged(long watermark);
}
