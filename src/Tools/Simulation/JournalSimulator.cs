using System.Diagnostics;
using System.Net.Http.Json;
using EduInfo.Grains.Domain;
using Npgsql;

namespace EduInfo.Tools.Simulation;

/// <summary>
/// Teachers of the registry entering the journal through the HTTP API, like journal clients do: per lesson, a
/// roll-call of the class, then formative marks for a few students. Paced to a rate of requests per second.
/// Lessons fill the school days from the start of the year up to today, one slot (date, period) after another per class.
/// </summary>
public sealed class JournalSimulator(NpgsqlDataSource dataSource, HttpClient http, TimeProvider clock)
{
    private sealed record Teaching(string ClassId, string SubjectId, string TeacherId, string[] Roster);

    public async Task<(long Requests, long Failures)> RunAsync(double requestsPerSecond, TimeSpan duration, int seed, CancellationToken cancellationToken)
    {
        var teachings = await LoadAsync(cancellationToken);
        if (teachings.Count == 0)
        {
            throw new InvalidOperationException("No assignments in the registry: seed it first.");
        }
        var random = new Random(seed);
        var today = AcademicCalendar.Today(clock);
        var (yearStart, _) = AcademicCalendar.Bounds(AcademicCalendar.YearOf(today));
        var nextSlot = new Dictionary<string, int>();
        long requests = 0, failures = 0;
        var stopwatch = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / Math.Max(requestsPerSecond, 0.01));

        while (stopwatch.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var teaching = teachings[random.Next(teachings.Count)];
            var slot = nextSlot.GetValueOrDefault(teaching.ClassId);
            nextSlot[teaching.ClassId] = slot + 1;
            var (date, period) = SchoolSlot(yearStart, slot);
            if (date > today)
            {
                date = today;
                period = 1 + random.Next(8);
            }

            var absentees = teaching.Roster.Where(_ => random.NextDouble() < 0.06)
                .Select(id => new { studentId = id, code = Codes[random.Next(Codes.Length)] }).ToArray();
            var lesson = new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = teaching.SubjectId, date, period, absentees } } };
            failures += await PostAsync($"/api/v1/classes/{teaching.ClassId}/lessons", teaching.TeacherId, lesson, cancellationToken) ? 0 : 1;

            var marked = teaching.Roster.Where(_ => random.NextDouble() < 0.4).ToArray();
            if (marked.Length > 0)
            {
                var marks = new
                {
                    entries = marked.Select(id => new
                    {
                        entryId = Guid.NewGuid(), studentId = id, subjectId = teaching.SubjectId, date,
                        kind = "formative", score = 4 + random.Next(7),
                    }).ToArray(),
                };
                failures += await PostAsync($"/api/v1/classes/{teaching.ClassId}/marks", teaching.TeacherId, marks, cancellationToken) ? 0 : 1;
            }
            requests += marked.Length > 0 ? 2 : 1;

            var due = interval * requests - stopwatch.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        return (requests, failures);
    }

    private static readonly string[] Codes = ["unexcused", "excused", "sick", "late", "sick"];

    /// <summary>The n-th lesson slot of a class: eight periods a day, Monday to Friday, from the start of the year.</summary>
    private static (DateOnly Date, int Period) SchoolSlot(DateOnly yearStart, int slot)
    {
        var day = yearStart;
        var schoolDays = slot / 8;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        while (schoolDays > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                schoolDays--;
            }
        }
        return (day, slot % 8 + 1);
    }

    private async Task<bool> PostAsync(string path, string teacherId, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Dev-Actor", $"user={teacherId}; roles=teacher");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            // A lesson slot recorded by an earlier run is a 409: expected after a restart.
            return response.IsSuccessStatusCode || (int)response.StatusCode == 409;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<List<Teaching>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.group_id, a.subject_id, a.teacher_id,
                   array(SELECT e.student_id FROM enrolments e WHERE e.class_id = a.group_id AND e.to_date IS NULL ORDER BY e.student_id)
            FROM assignments a JOIN classes c ON c.id = a.group_id
            WHERE a.to_date IS NULL AND c.grade >= 2
            """);
        var teachings = new List<Teaching>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var roster = reader.GetFieldValue<string[]>(3);
            if (roster.Length > 0)
            {
                teachings.Add(new Teaching(reader.GetString(0), reader.GetString(1), reader.GetString(2), roster));
            }
        }
        return teachings;
    }
}
