using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.Assessment;

/// <summary>
/// For a random journal over two terms — marks of every kind, roll-calls, students transferred mid-term, a term closed
/// in some classes — every parent cell (term × subject) is the exact sum of its children's, every class's headcount
/// and term-mark counts follow the enrolments, and every student's term mark equals an independent recomputation
/// from the journal rows with the policy in force (integer arithmetic here, not the grains' rationals); and every cell
/// of those classes, their schools and every area equals <see cref="EduInfo.Storage.Journal.JournalRecount"/>.
/// </summary>
public sealed class TermMetricsPropertyTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly (int Term, DateOnly Starts, DateOnly Ends)[] Terms =
        SyntheticCalendar.For("2026-2027", "school").Terms!.Select(t => (t.Term!.Value, t.Starts!.Value, t.Ends!.Value)).ToArray();

    private static DateOnly Today => TestClock.Today;

    [Fact]
    public async Task Random_journals_with_transfers_and_closes_add_up_and_every_term_mark_is_recomputed()
    {
        var random = new Random(5);
        var data = api.Registry.Data;
        // The classes of twelve schools: two classes each (grades 5 and 9), with their teachers per subject.
        var schools = data.Classes.Where(c => c.Grade >= 2).GroupBy(c => c.OrganizationId).Where(g => g.Count() >= 2).Take(12).ToList();
        var classes = schools.SelectMany(g => g).Select(c => c.Id).ToHashSet();
        var teachings = api.Registry.Teachings().Where(t => classes.Contains(t.ClassId)).ToList();

        await PostRandomJournalAsync(teachings, random, DemoRegistry.SchoolDays(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 20)));
        // Three students per school move to the other class of their school on 21 October (term 1 still running).
        foreach (var school in schools)
        {
            var (a, b) = (school.First().Id, school.Skip(1).First().Id);
            foreach (var student in data.Enrolments.Where(e => e.ClassId == a).Select(e => e.StudentId).Take(3))
            {
                var head = $"user=head; roles=head@{school.Key}";
                var moved = await api.Http.PostJsonAsync($"/api/v1/students/{student}/transfers", new { toClassId = b, date = "2026-10-21", reason = "Family moved" }, head);
                Assert.True(moved.Status == 200, $"{moved.Status} {moved.Body}");
            }
        }
        var rosters = (await api.Db.ScalarAsync<string[]>("SELECT array_agg(class_id || ':' || student_id) FROM enrolments WHERE to_date IS NULL"))
            .Select(x => x.Split(':')).GroupBy(x => x[0]).ToDictionary(g => g.Key, g => g.Select(x => x[1]).Order(StringComparer.Ordinal).ToArray());
        teachings = teachings.Select(t => t with { Roster = rosters[t.ClassId] }).ToList();
        await PostRandomJournalAsync(teachings, random, DemoRegistry.SchoolDays(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 23)));
        // Half the classes close term 1.
        foreach (var classId in classes.Where((_, i) => i % 2 == 0))
        {
            var organization = data.Classes.Single(c => c.Id == classId).OrganizationId;
            var closed = await api.Http.PostJsonAsync($"/api/v1/classes/{classId}/terms/1/close", new { }, $"user=head; roles=head@{organization}");
            Assert.True(closed.Status == 200, $"{closed.Status} {closed.Body}");
        }

        await Convergence.RepublicCoversTheJournalAsync(api.Http, api.Db, TimeSpan.FromSeconds(60));

        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var compared = await AssertParentsSumTheirChildrenAsync("KZ");
        Assert.True(compared > 1000, $"only {compared} non-zero figures compared");
        await AssertTermMarksAreRecomputedAsync(grains, classes);

        // And the whole of it against the journal's independent recount: every cell of these classes, their schools and every area.
        var nodes = classes.Concat(schools.Select(s => s.Key)).Concat(data.Nodes.Select(n => n.Id)).Distinct().ToList();
        RecountComparison.AssertNone(await RecountComparison.MismatchesAsync(api.Http, api.Db.DataSource, nodes, Today), $"{nodes.Count} nodes");
    }

    private async Task PostRandomJournalAsync(IReadOnlyList<DemoRegistry.Teaching> teachings, Random random, IReadOnlyList<DateOnly> days)
    {
        var taken = new HashSet<(string, string, DateOnly, int)>();
        foreach (var t in teachings)
        {
            var actor = $"user={t.TeacherId}; roles=teacher";
            // Per teaching: a section summative for most students (some miss it), sometimes a term summative, formative marks.
            var sectionDay = days[random.Next(days.Count)];
            var termDay = days[random.Next(days.Count)];
            var writesTerm = random.Next(2) == 0;
            var entries = new List<object>();
            foreach (var student in t.Roster)
            {
                for (var n = random.Next(4); n > 0; n--)
                {
                    entries.Add(new { entryId = Guid.NewGuid(), studentId = student, subjectId = t.SubjectId, date = days[random.Next(days.Count)], kind = "formative", score = 1 + random.Next(10) });
                }
                if (random.Next(5) > 0)
                {
                    entries.Add(new { entryId = Guid.NewGuid(), studentId = student, subjectId = t.SubjectId, date = sectionDay, kind = "section", score = random.Next(21), maxScore = 20 });
                }
                if (writesTerm && random.Next(6) > 0)
                {
                    entries.Add(new { entryId = Guid.NewGuid(), studentId = student, subjectId = t.SubjectId, date = termDay, kind = "term", score = random.Next(31), maxScore = 30 });
                }
            }
            for (var i = 0; i < entries.Count; i += 50)
            {
                var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries = entries.Skip(i).Take(50) }, actor);
                Assert.True(response.Status == 200, $"{response.Status} {response.Body}");
            }
            var day = days[random.Next(days.Count)];
            var period = 1 + random.Next(6);
            if (taken.Add((t.ClassId, t.SubjectId, day, period)))
            {
                var absentees = t.Roster.Where(_ => random.Next(6) == 0).Select(s => new { studentId = s, code = random.Next(2) == 0 ? "sick" : "late" }).ToArray();
                var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons",
                    new { entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = day, period, absentees } } }, actor);
                Assert.True(lesson.Status == 200, $"{lesson.Status} {lesson.Body}");
            }
        }
    }

    /// <summary>
    /// Every cell of every aggregate equals the sum of that cell over its children (organizations count themselves), as
    /// the API answers them, added up from the JSON (<see cref="JsonFigures"/>), not with the production operator.
    /// Returns the number of non-zero figures compared.
    /// </summary>
    private async Task<int> AssertParentsSumTheirChildrenAsync(string nodeId)
    {
        var (children, nonZero) = await JsonFigures.AssertEveryCellIsSumAsync(api.Http, nodeId, "organizations");
        foreach (var child in children.Where(c => c.GetProperty("kind").GetString() != "class"))
        {
            nonZero += await AssertParentsSumTheirChildrenAsync(child.GetProperty("nodeId").GetString()!);
        }
        return nonZero;
    }

    private sealed record Work(long FoScore, long FoMax, long SecScore, long SecMax, long TermScore, long TermMax)
    {
        public bool Has(int component) => component switch { 0 => FoMax > 0, 1 => SecMax > 0, _ => TermMax > 0 };
    }

    /// <summary>
    /// Each student's term result recomputed from the journal rows: term % = Σ wᵢ·sᵢ/mᵢ ÷ Σ wᵢ over the components the
    /// student has, a summative recorded in the class that the student lacks is pending (н/а once closed), rounded half up in integers.
    /// </summary>
    private async Task AssertTermMarksAreRecomputedAsync(IGrainFactory grains, IReadOnlySet<string> classes)
    {
        var rows = new List<(string Student, string Subject, int Term, string Kind, long Score, long Max, string Class)>();
        await using (var command = api.Db.DataSource.CreateCommand("""
            SELECT j.student_id, j.subject_id, j.lesson_date, j.mark_kind, j.score, j.max_score, j.class_id FROM journal j
            WHERE j.entry_kind = 'mark' AND NOT EXISTS (SELECT 1 FROM journal x WHERE x.supersedes = j.seq)
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var date = reader.GetFieldValue<DateOnly>(2);
                var term = Terms.FirstOrDefault(t => t.Starts <= date && date <= t.Ends).Term;
                rows.Add((reader.GetString(0), reader.GetString(1), term, reader.GetString(3), reader.GetInt16(4), reader.GetInt16(5), reader.GetString(6)));
            }
        }
        // A summative is held for a class when one was recorded in it (not when a transferred student brings one along).
        var heldIn = rows.Select(r => (r.Class, r.Subject, r.Term, r.Kind)).ToHashSet();
        var work = rows.GroupBy(r => (r.Student, r.Subject, r.Term)).ToDictionary(g => g.Key, g => new Work(
            g.Where(r => r.Kind == "formative").Sum(r => r.Score), g.Where(r => r.Kind == "formative").Sum(r => r.Max),
            g.Where(r => r.Kind == "section").Sum(r => r.Score), g.Where(r => r.Kind == "section").Sum(r => r.Max),
            g.Where(r => r.Kind == "term").Sum(r => r.Score), g.Where(r => r.Kind == "term").Sum(r => r.Max)));
        var enrolments = await api.Db.ScalarAsync<string[]>("SELECT array_agg(class_id || ':' || student_id || ':' || from_date || ':' || coalesce(to_date::text, '')) FROM enrolments");
        var spans = enrolments.Select(e => e.Split(':')).Select(e => (Class: e[0], Student: e[1], From: DateOnly.Parse(e[2]), To: e[3] == "" ? (DateOnly?)null : DateOnly.Parse(e[3]))).ToList();
        var closedTerm1 = (await api.Db.ScalarAsync<string[]>("SELECT coalesce(array_agg(class_id), '{}') FROM term_events WHERE term = 1 AND action = 'close'")).ToHashSet();
        int[] weights = [25, 25, 50];
        var checkedResults = 0;

        foreach (var classId in classes)
        {
            var everEnrolled = spans.Where(s => s.Class == classId).Select(s => s.Student).Distinct().ToList();
            // A subject the class does not teach concerns only the students who bring work in it (a transfer).
            var taught = api.Registry.Data.Assignments.Where(a => a.GroupId == classId).Select(a => a.SubjectId).ToHashSet();
            var cls = grains.GetGrain<IClassGrain>(classId);
            var summary = await cls.GetSummary();
            foreach (var (term, _, ends) in Terms.Where(t => t.Starts <= Today))
            {
                var countDay = ends < Today ? ends : Today;
                var roster = spans.Where(s => s.Class == classId && s.From <= countDay && (s.To is null || s.To >= countDay)).Select(s => s.Student).Distinct().ToList();
                Assert.Equal(roster.Count, summary.Cell(new SummaryKey(term, "")).Students);
                var closed = term == 1 && closedTerm1.Contains(classId);
                foreach (var subject in work.Keys.Where(k => k.Term == term && everEnrolled.Contains(k.Student)).Select(k => k.Subject).Distinct())
                {
                    var held = new[] { "formative", "section", "term" }.Select(kind => heldIn.Contains((classId, subject, term, kind))).ToArray();
                    long results = 0, markSum = 0, notAttested = 0, pending = 0;
                    foreach (var student in roster.Where(s => taught.Contains(subject) || work.ContainsKey((s, subject, term))))
                    {
                        var (outcome, percent, mark) = Expected(work.GetValueOrDefault((student, subject, term)), held, weights, closed);
                        var standing = (await grains.GetGrain<IClassGrain>(classId).GetStandings(student)).Standings
                            .SingleOrDefault(s => s.Term == term && s.SubjectId == subject);
                        Assert.True(standing is not null && standing.Outcome == outcome && standing.Percent == percent && standing.Mark == mark,
                            $"{classId} {student} {subject} term {term}: expected {outcome} {percent}% {mark}, grain says {standing?.Outcome} {standing?.Percent}% {standing?.Mark}");
                        checkedResults++;
                        results += outcome == "marked" ? 1 : 0;
                        markSum += mark ?? 0;
                        notAttested += outcome == "notAttested" ? 1 : 0;
                        pending += outcome == "pending" ? 1 : 0;
                    }
                    var cell = summary.Cell(new SummaryKey(term, subject));
                    Assert.Equal((results, markSum, notAttested, pending), (cell.TermResults, cell.TermMarkSum, cell.NotAttested, cell.PendingResults));
                }
            }
        }
        Assert.True(checkedResults > 500, $"only {checkedResults} results checked");
    }

    private static (string Outcome, int? Percent, int? Mark) Expected(Work? work, bool[] held, int[] weights, bool closed)
    {
        if (work is null || !Enumerable.Range(0, 3).Any(work.Has))
        {
            return (closed ? "notAttested" : "notYetAssessed", null, null);
        }
        if (Enumerable.Range(1, 2).Any(c => held[c] && !work.Has(c)))
        {
            return (closed ? "notAttested" : "pending", null, null);
        }
        long[] score = [work.FoScore, work.SecScore, work.TermScore];
        long[] max = [work.FoMax, work.SecMax, work.TermMax];
        var counted = Enumerable.Range(0, 3).Where(work.Has).ToList();
        // term % = N / D exactly, with D = Σw · Π max and N = Σ wᵢ · 100 · sᵢ · Π_{j≠i} max_j.
        var product = counted.Aggregate(1L, (p, c) => p * max[c]);
        var d = counted.Sum(c => (long)weights[c]) * product;
        var n = counted.Sum(c => weights[c] * 100 * score[c] * (product / max[c]));
        var percent = (int)((2 * n + d) / (2 * d));
        var mark = percent >= 85 ? 5 : percent >= 65 ? 4 : percent >= 40 ? 3 : 2;
        return ("marked", percent, mark);
    }
}
