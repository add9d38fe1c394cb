using EduInfo.Domain.Journal;
using System.Collections.Concurrent;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// What teachers write at a moment of the school day: during lessons mostly the roll-call of the lesson in progress,
/// after lessons the marks of the day. Produces request paths and bodies for the HTTP API; one instance per client
/// thread (it holds a random source); clients of one run share the lesson slots already taken.
/// </summary>
/// <remarks>
/// <paramref name="markedShare"/> is the share of the roster a batch marks (half a class by default; the term-end
/// benchmark marks nearly all of it); <paramref name="rollCallShare"/>, when set, replaces the time-of-day mix with a
/// fixed share of roll-calls for any period (teachers filling in the roll-calls of earlier days at term end).
/// </remarks>
public sealed class JournalTraffic(IReadOnlyList<Teaching> teachings, int seed, ConcurrentDictionary<(string ClassId, DateOnly Date, int Period), bool>? lessonsTaken = null,
    double markedShare = 0.5, double? rollCallShare = null)
{
    private static readonly string[] Codes = [.. new[] { AbsenceCode.Unexcused, AbsenceCode.Excused, AbsenceCode.Sick, AbsenceCode.Sick, AbsenceCode.Late }.Select(JournalNames.Of)];
    private readonly Random _random = new(seed);
    // Shared between the clients of one run, so two clients do not take the same lesson slot of a class.
    private readonly ConcurrentDictionary<(string ClassId, DateOnly Date, int Period), bool> _lessonsTaken = lessonsTaken ?? new();

    public sealed record Request(string Path, string TeacherId, object Body, int Marks);

    public Request Next(DateOnly date, TimeSpan timeOfDay)
    {
        var teaching = teachings[_random.Next(teachings.Count)];
        var period = SchoolDayClock.PeriodAt(timeOfDay);
        var rollCall = rollCallShare is { } share ? _random.NextDouble() < share
            : period is not null ? _random.NextDouble() < 0.7 : _random.NextDouble() < 0.1;
        if (rollCallShare is not null)
        {
            period = null; // any period of the day
        }
        if (rollCall)
        {
            var slot = period ?? 1 + _random.Next(SchoolDayClock.Periods);
            if (_lessonsTaken.TryAdd((teaching.ClassId, date, slot), true))
            {
                return RollCall(teaching, date, slot);
            }
        }
        return Marks(teaching, date);
    }

    private Request RollCall(Teaching teaching, DateOnly date, int period)
    {
        var absentees = teaching.Roster.Where(_ => _random.NextDouble() < 0.06)
            .Select(id => new { studentId = id, code = Codes[_random.Next(Codes.Length)] }).ToArray();
        return new Request($"/api/v1/classes/{teaching.ClassId}/lessons", teaching.TeacherId,
            new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = teaching.SubjectId, date, period, absentees, groupId = teaching.GroupId } } }, 0);
    }

    private Request Marks(Teaching teaching, DateOnly date)
    {
        // A teacher marks part of the class (or all of it) after a lesson; formative marks lean to 6–9.
        var marked = teaching.Roster.Where(_ => _random.NextDouble() < markedShare).ToArray();
        if (marked.Length == 0)
        {
            marked = [teaching.Roster[_random.Next(teaching.Roster.Length)]];
        }
        var entries = marked.Select(id => new
        {
            entryId = Guid.NewGuid(), studentId = id, subjectId = teaching.SubjectId, date,
            kind = JournalNames.Of(MarkKind.Formative), score = Math.Clamp(4 + _random.Next(4) + _random.Next(4), 1, 10), groupId = teaching.GroupId,
        }).ToArray();
        return new Request($"/api/v1/classes/{teaching.ClassId}/marks", teaching.TeacherId, new { entries }, entries.Length);
    }
}
