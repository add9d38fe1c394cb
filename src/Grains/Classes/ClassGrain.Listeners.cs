using EduInfo.Grains.Interfaces.Students;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Classes;

// The students a write reaches: only those loaded, which listen while they are. Most students are never read during a
// term-end rush, and waking each of them for every roll-call cost an activation per seat (docs/benchmarks.md).
public sealed partial class ClassGrain
{
    // Listening student → the class watermark last sent to it. In memory only: a reactivated class starts empty and its
    // students catch up from the journal when read (they compare their watermarks with the class's committed one).
    private readonly Dictionary<string, long> _listeners = new(StringComparer.Ordinal);

    public Task Listen(string studentId)
    {
        // A student already listening keeps its chain; a new one has heard nothing of the batches before this one.
        _listeners.TryAdd(studentId, _watermark);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends a committed batch's rows to the listening students it concerns, each with the watermark it was last sent
    /// (so a student sees a gap) and the class's watermark now; a student no longer loaded is dropped. A failed send
    /// asks the student to rebuild; whatever is lost on the way, a student's read catches up from the journal.
    /// </summary>
    private async Task SendToListenersAsync(IReadOnlyList<(string StudentId, IReadOnlyList<StudentJournalRow> Rows)> perStudent)
    {
        var sends = new List<(string StudentId, long Previous, IReadOnlyList<StudentJournalRow> Rows)>();
        foreach (var (studentId, rows) in perStudent)
        {
            if (_listeners.TryGetValue(studentId, out var previous))
            {
                sends.Add((studentId, previous, rows));
                _listeners[studentId] = _watermark;
            }
        }
        var watermark = _watermark;
        var missed = new List<string>();
        await Task.WhenAll(sends.Select(async s =>
        {
            try
            {
                if (!await GrainFactory.GetGrain<IStudentGrain>(s.StudentId).Apply(ClassId, s.Previous, watermark, s.Rows))
                {
                    _listeners.Remove(s.StudentId);
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning("Class {ClassId}: a student apply failed ({Error}); asking the student to rebuild from the journal", ClassId, ex.GetType().Name);
                missed.Add(s.StudentId);
            }
        }));
        await RebuildListenersAsync(missed);
    }

    /// <summary>Asks the listening students among <paramref name="studentIds"/> to count again from the journal.</summary>
    private Task RebuildListenersAsync(IEnumerable<string> studentIds) =>
        Task.WhenAll(studentIds.Where(_listeners.ContainsKey).ToList().Select(async studentId =>
        {
            try
            {
                await GrainFactory.GetGrain<IStudentGrain>(studentId).Rebuild();
            }
            catch (Exception ex)
            {
                // Its figures still catch up from the journal when it is read.
                logger.LogWarning("Class {ClassId}: a student rebuild failed ({Error})", ClassId, ex.GetType().Name);
            }
        }));
}
