using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>
/// Random journal traffic for tests that compare the roll-up with the journal, with every rule that changes a figure
/// after the fact. Phases, each posted from concurrent clients, each phase only once the one before is acknowledged
/// (so every request is valid when it arrives):
/// <list type="number">
/// <item>marks (formative, section and term summatives; development levels in kindergartens) and roll-calls over the
/// school days of 1 September – 23 November, until <c>enough</c> holds;</item>
/// <item>corrections of acknowledged rows (replace and void, by the subject's teacher or the head) and excusals of
/// missed summatives and exemptions from a subject for a term or the year (the head);</item>
/// <item>corrections of those corrections (a chain of supersessions) and voids of excusals and exemptions;</item>
/// <item>transfers on 24 November: within a school (the head) and across districts (the region's officer);</item>
/// <item>marks and roll-calls on 25–27 November in the classes that changed, with their new rosters;</item>
/// <item>term closes (a finished term, and in some classes the running one);</item>
/// <item>reopenings of some of them, with a reason.</item>
/// </list>
/// The plan depends on the seed and the registry only (entry ids included); a correction names its target by entry id
/// and gets the target's sequence number from the acknowledgement when it is sent.
/// </summary>
public sealed class RandomJournal
{
    private static readonly string[] Codes = ["unexcused", "excused", "sick", "late"];
    private static readonly DateOnly TransferDay = new(2026, 11, 24);

    /// <summary>
    /// One request; <see cref="Body"/> gets the sequence numbers acknowledged so far (by entry id). <see cref="Rows"/> is
    /// the number of journal rows it writes; <see cref="EntryIds"/> the entries it must acknowledge as inserted.
    /// </summary>
    public sealed record Request(string Path, string Actor, Func<IReadOnlyDictionary<Guid, long>, object> Body, int Rows, IReadOnlyList<Guid> EntryIds);

    /// <summary>What the plan does, counted while planning: what the tests compare the journal and the summaries with.</summary>
    public sealed record Counts
    {
        public int Requests { get; init; }
        /// <summary>Journal rows written: one per acknowledged entry (marks, roll-calls, corrections, excusals).</summary>
        public int Rows { get; init; }
        /// <summary>Marks of phase 1 (what <c>enough</c> counts).</summary>
        public int Marks { get; init; }
        /// <summary>Marks in force at the end: neither superseded nor voided.</summary>
        public int MarksInForce { get; init; }
        public int TermSummatives { get; init; }
        public int DevelopmentMarks { get; init; }
        public int Replacements { get; init; }
        public int Voids { get; init; }
        public int Excusals { get; init; }
        public int Exemptions { get; init; }
        public int Transfers { get; init; }
        public int Closes { get; init; }
        public int Reopens { get; init; }
    }

    private RandomJournal(IReadOnlyList<IReadOnlyList<Request>> phases, Counts counts) => (Phases, Planned) = (phases, counts);

    public IReadOnlyList<IReadOnlyList<Request>> Phases { get; }

    public Counts Planned { get; }

    // A planned journal row: what a later phase needs to correct it or to know whether it is in force.
    private sealed class Row
    {
        public required Guid EntryId { get; init; }
        public required string Kind { get; init; } // mark, lesson, excusal, exemption
        public required Teaching T { get; init; }
        public string? MarkKind { get; init; }
        public int MaxScore { get; init; }
        public string[] Roster { get; init; } = [];
        public bool InForce { get; set; } = true;
    }

    private sealed record Teaching(string ClassId, string SubjectId, string TeacherId, string OrganizationId, string OrganizationKind, string[] Roster)
    {
        public string Teacher => $"user={TeacherId}; roles=teacher";
        public string Head => $"user=head-{OrganizationId}; roles=head@{OrganizationId}";
    }

    /// <summary>Plans the traffic; phase 1 runs until <paramref name="enough"/> (given its requests and marks so far) holds.</summary>
    public static RandomJournal Plan(DemoRegistry registry, int seed, double absentShare, Func<int, int, bool> enough)
    {
        var data = registry.Data;
        var random = new Random(seed);
        Guid NewId()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4
            bytes[8] = (byte)(bytes[8] & 0x3F | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        }
        var organizations = data.Organizations.ToDictionary(o => o.Id);
        var classes = data.Classes.ToDictionary(c => c.Id);
        Teaching Of(string classId, string subjectId, string teacherId, string[] roster) =>
            new(classId, subjectId, teacherId, classes[classId].OrganizationId, organizations[classes[classId].OrganizationId].Kind, roster);
        var teachings = registry.Teachings().Select(t => Of(t.ClassId, t.SubjectId, t.TeacherId, t.Roster)).ToList();
        // Kindergarten groups (grade 0) record development levels per educational area.
        var preschool = data.Assignments.Where(a => classes.TryGetValue(a.GroupId, out var c) && organizations[c.OrganizationId].Kind == "preschool")
            .Select(a => Of(a.GroupId, a.SubjectId, a.TeacherId,
                data.Enrolments.Where(e => e.ClassId == a.GroupId).Select(e => e.StudentId).Order(StringComparer.Ordinal).ToArray()))
            .ToList();
        var calendars = new Dictionary<string, SchoolCalendar>();
        int TermOf(Teaching t, DateOnly date)
        {
            if (!calendars.TryGetValue(t.OrganizationKind, out var calendar))
            {
                calendars[t.OrganizationKind] = calendar = new SchoolCalendar(SyntheticCalendar.For(classes[t.ClassId].AcademicYear, t.OrganizationKind));
            }
            return calendar.TermOf(date);
        }

        var rows = new List<Row>();
        var taken = new HashSet<(string ClassId, string Subject, DateOnly Date, int Period)>();
        var phases = new List<List<Request>>();
        int marks = 0, termSummatives = 0, development = 0;

        // Phase 1: marks and roll-calls.
        var days = DemoRegistry.SchoolDays(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 23));
        var first = new List<Request>();
        // Summatives recorded per (class, subject, term, kind) and by whom: where an excusal makes sense.
        var summatives = new Dictionary<(string ClassId, string Subject, int Term, string Kind), HashSet<string>>();
        while (!enough(first.Count, marks))
        {
            var date = days[random.Next(days.Count)];
            if (preschool.Count > 0 && random.Next(6) == 0)
            {
                var p = preschool[random.Next(preschool.Count)];
                var levels = new List<(Guid, object)>();
                foreach (var child in p.Roster.Where(_ => random.NextDouble() < 0.5))
                {
                    var id = NewId();
                    levels.Add((id, new { entryId = id, studentId = child, subjectId = p.SubjectId, date, kind = "development", score = 1 + random.Next(3) }));
                    rows.Add(new Row { EntryId = id, Kind = "mark", T = p, MarkKind = "development", MaxScore = 3 });
                }
                if (levels.Count > 0)
                {
                    marks += levels.Count;
                    development += levels.Count;
                    first.Add(Marks(p, levels));
                }
                continue;
            }
            var t = teachings[random.Next(teachings.Count)];
            if (random.Next(3) == 0)
            {
                var period = 1 + random.Next(8);
                if (taken.Add((t.ClassId, t.SubjectId, date, period)))
                {
                    first.Add(RollCall(t, date, period, t.Roster, absentShare, random, NewId, rows));
                }
                continue;
            }
            var entries = new List<(Guid, object)>();
            foreach (var student in t.Roster.Where(_ => random.NextDouble() < 0.6))
            {
                var id = NewId();
                var (kind, score, max) = random.Next(8) switch
                {
                    0 or 1 => ("section", random.Next(21), 20),
                    2 => ("term", random.Next(26), 25),
                    _ => ("formative", 1 + random.Next(10), 10),
                };
                entries.Add((id, new { entryId = id, studentId = student, subjectId = t.SubjectId, date, kind, score, maxScore = kind == "formative" ? (int?)null : max }));
                rows.Add(new Row { EntryId = id, Kind = "mark", T = t, MarkKind = kind, MaxScore = max });
                if (kind != "formative")
                {
                    var key = (t.ClassId, t.SubjectId, TermOf(t, date), kind);
                    (summatives.TryGetValue(key, out var who) ? who : summatives[key] = []).Add(student);
                }
                termSummatives += kind == "term" ? 1 : 0;
            }
            if (entries.Count > 0)
            {
                marks += entries.Count;
                first.Add(Marks(t, entries));
            }
        }
        phases.Add(first);

        // Phase 2: corrections of acknowledged rows, and excusals of missed summatives.
        var second = new List<Request>();
        var replacements = new List<Row>();
        int replaced = 0, voids = 0;
        foreach (var row in rows.ToList())
        {
            if (random.NextDouble() < (row.Kind == "lesson" ? 0.10 : 0.06))
            {
                second.Add(Correct(row, random, NewId, rows, replacements, ref replaced, ref voids));
            }
        }
        var excusals = new List<Row>();
        foreach (var ((classId, subject, term, kind), wrote) in summatives.OrderBy(s => s.Key.ClassId, StringComparer.Ordinal)
                     .ThenBy(s => s.Key.Subject, StringComparer.Ordinal).ThenBy(s => s.Key.Term).ThenBy(s => s.Key.Kind, StringComparer.Ordinal))
        {
            var t = teachings.First(x => x.ClassId == classId && x.SubjectId == subject);
            foreach (var student in t.Roster.Where(s => !wrote.Contains(s) && random.Next(3) == 0))
            {
                var id = NewId();
                excusals.Add(new Row { EntryId = id, Kind = "excusal", T = t });
                second.Add(new($"/api/v1/classes/{classId}/excusals", t.Head,
                    _ => new { entryId = id, studentId = student, subjectId = subject, term, kind, reason = "Medical certificate" }, 1, [id]));
            }
        }
        // Exemptions from a subject, for the running term or the whole year, of one pupil in about one teaching in six.
        var exemptions = new List<Row>();
        foreach (var t in teachings.Where(t => t.Roster.Length > 0 && random.Next(6) == 0))
        {
            var id = NewId();
            var student = t.Roster[random.Next(t.Roster.Length)];
            int? term = random.Next(2) == 0 ? 2 : null;
            exemptions.Add(new Row { EntryId = id, Kind = "exemption", T = t });
            second.Add(new($"/api/v1/classes/{t.ClassId}/exemptions", t.Head,
                _ => new { entryId = id, studentId = student, subjectId = t.SubjectId, term, ground = "medical", reason = "Medical board conclusion" }, 1, [id]));
        }
        phases.Add(second);

        // Phase 3: a correction of a correction, and the head's voids of excusals and exemptions.
        var third = new List<Request>();
        foreach (var row in replacements.ToList().Where(_ => random.Next(4) == 0))
        {
            third.Add(Correct(row, random, NewId, rows, replacements, ref replaced, ref voids));
        }
        foreach (var excusal in excusals.Concat(exemptions).Where(_ => random.Next(4) == 0))
        {
            var id = NewId();
            voids++;
            third.Add(new($"/api/v1/classes/{excusal.T.ClassId}/corrections", excusal.T.Head,
                acks => new { entryId = id, supersedes = acks[excusal.EntryId], action = "void", reason = "The certificate was not valid" }, 1, [id]));
        }
        phases.Add(third);

        // Phase 4: transfers dated 24 November, after every mark of phase 1. Within a school by its head; across
        // districts of a region by the region's officer. Each student moves once.
        var fourth = new List<Request>();
        var rosters = teachings.Concat(preschool).GroupBy(t => t.ClassId).ToDictionary(g => g.Key, g => g.First().Roster.ToList());
        var schoolClasses = teachings.Where(t => t.OrganizationKind == "school").Select(t => t.ClassId).Distinct().Order(StringComparer.Ordinal)
            .GroupBy(c => classes[c].OrganizationId).Where(g => g.Count() >= 2).ToList();
        var moved = new HashSet<string>();
        var changed = new HashSet<string>();
        void Move(string from, string to, string actor)
        {
            var student = rosters[from].FirstOrDefault(s => !moved.Contains(s));
            if (student is null)
            {
                return;
            }
            moved.Add(student);
            rosters[from].Remove(student);
            rosters[to].Add(student);
            changed.UnionWith([from, to]);
            fourth.Add(new($"/api/v1/students/{student}/transfers", actor,
                _ => new { toClassId = to, date = TransferDay, reason = "Family moved" }, 0, []));
        }
        foreach (var school in schoolClasses.Where(_ => random.Next(3) == 0))
        {
            var (a, b) = (school.ElementAt(0), school.ElementAt(1));
            Move(a, b, $"user=head-{school.Key}; roles=head@{school.Key}");
            if (random.Next(2) == 0)
            {
                Move(b, a, $"user=head-{school.Key}; roles=head@{school.Key}");
            }
        }
        var districtOf = data.Organizations.ToDictionary(o => o.Id, o => o.NodeId);
        var regionOf = data.Nodes.ToDictionary(n => n.Id, n => n.ParentId);
        foreach (var region in schoolClasses.GroupBy(s => regionOf[districtOf[s.Key]]!).Where(r => r.Count() >= 2).Take(2))
        {
            var (a, b) = (region.ElementAt(0).First(), region.ElementAt(1).First());
            Move(a, b, $"user=officer-{region.Key}; roles=region_officer@{region.Key}");
        }
        phases.Add(fourth);

        // Phase 5: the classes that changed write on with their new rosters (the newcomers included).
        var fifth = new List<Request>();
        var later = DemoRegistry.SchoolDays(TransferDay.AddDays(1), TestClock.Today);
        foreach (var t in teachings.Where(t => changed.Contains(t.ClassId)).Select(t => t with { Roster = [.. rosters[t.ClassId].Order(StringComparer.Ordinal)] }))
        {
            var date = later[random.Next(later.Count)];
            var entries = new List<(Guid, object)>();
            foreach (var student in t.Roster.Where(s => moved.Contains(s) || random.Next(3) == 0))
            {
                var id = NewId();
                entries.Add((id, new { entryId = id, studentId = student, subjectId = t.SubjectId, date, kind = "formative", score = 1 + random.Next(10) }));
                rows.Add(new Row { EntryId = id, Kind = "mark", T = t, MarkKind = "formative", MaxScore = 10 });
            }
            if (entries.Count > 0)
            {
                fifth.Add(Marks(t, entries));
            }
            var period = 1 + random.Next(8);
            if (taken.Add((t.ClassId, t.SubjectId, date, period)))
            {
                fifth.Add(RollCall(t, date, period, t.Roster, absentShare, random, NewId, rows));
            }
        }
        phases.Add(fifth);

        // Phase 6: closes: the first term where it has ended (schools, kindergartens) or is running (colleges), and in
        // some schools and kindergartens the running second term too. Phase 7 reopens some of them.
        var sixth = new List<Request>();
        var seventh = new List<Request>();
        foreach (var t in teachings.Concat(preschool).DistinctBy(t => t.ClassId).OrderBy(t => t.ClassId, StringComparer.Ordinal))
        {
            var terms = random.Next(5) < 2 ? new List<int> { 1 } : [];
            if (t.OrganizationKind != "college" && random.Next(6) == 0)
            {
                terms.Add(2);
            }
            foreach (var term in terms)
            {
                sixth.Add(new($"/api/v1/classes/{t.ClassId}/terms/{term}/close", t.Head, _ => new { }, 0, []));
                if (random.Next(3) == 0)
                {
                    seventh.Add(new($"/api/v1/classes/{t.ClassId}/terms/{term}/reopen", t.Head, _ => new { reason = "A late summative" }, 0, []));
                }
            }
        }
        phases.Add(sixth);
        phases.Add(seventh);

        return new RandomJournal(phases, new Counts
        {
            Requests = phases.Sum(p => p.Count),
            Rows = phases.SelectMany(p => p).Sum(r => r.Rows),
            Marks = marks,
            MarksInForce = rows.Count(r => r.Kind == "mark" && r.InForce),
            TermSummatives = termSummatives,
            DevelopmentMarks = development,
            Replacements = replaced,
            Voids = voids,
            Excusals = excusals.Count,
            Exemptions = exemptions.Count,
            Transfers = fourth.Count,
            Closes = sixth.Count,
            Reopens = seventh.Count,
        });
    }

    private static Request Marks(Teaching t, List<(Guid Id, object Entry)> entries) =>
        new($"/api/v1/classes/{t.ClassId}/marks", t.Teacher, _ => new { entries = entries.Select(e => e.Entry).ToArray() }, entries.Count, entries.Select(e => e.Id).ToList());

    private static Request RollCall(Teaching t, DateOnly date, int period, string[] roster, double absentShare, Random random, Func<Guid> newId, List<Row> rows)
    {
        var id = newId();
        var absentees = roster.Where(_ => random.NextDouble() < absentShare)
            .Select(s => new { studentId = s, code = Codes[random.Next(Codes.Length)] }).ToArray();
        rows.Add(new Row { EntryId = id, Kind = "lesson", T = t, Roster = roster });
        return new($"/api/v1/classes/{t.ClassId}/lessons", t.Teacher,
            _ => new { entries = new[] { new { entryId = id, subjectId = t.SubjectId, date, period, absentees } } }, 1, [id]);
    }

    /// <summary>A replace (two in three) or a void of <paramref name="row"/>, by the subject's teacher or (one in five) the head.</summary>
    private static Request Correct(Row row, Random random, Func<Guid> newId, List<Row> rows, List<Row> replacements, ref int replaced, ref int voids)
    {
        var id = newId();
        var actor = random.Next(5) == 0 ? row.T.Head : row.T.Teacher;
        var path = $"/api/v1/classes/{row.T.ClassId}/corrections";
        row.InForce = false;
        if (random.Next(3) == 0)
        {
            voids++;
            return new(path, actor, acks => new { entryId = id, supersedes = acks[row.EntryId], action = "void", reason = "Entered by mistake" }, 1, [id]);
        }
        replaced++;
        var replacement = new Row { EntryId = id, Kind = row.Kind, T = row.T, MarkKind = row.MarkKind, MaxScore = row.MaxScore, Roster = row.Roster };
        rows.Add(replacement);
        replacements.Add(replacement);
        if (row.Kind == "lesson")
        {
            var absentees = row.Roster.Where(_ => random.Next(5) == 0).Select(s => new { studentId = s, code = Codes[random.Next(Codes.Length)] }).ToArray();
            return new(path, actor, acks => new { entryId = id, supersedes = acks[row.EntryId], action = "replace", absentees, reason = "Roll-call corrected" }, 1, [id]);
        }
        var score = row.MarkKind switch
        {
            "development" => 1 + random.Next(3),
            "formative" => 1 + random.Next(10),
            _ => random.Next(row.MaxScore + 1),
        };
        return new(path, actor, acks => new { entryId = id, supersedes = acks[row.EntryId], action = "replace", score, reason = "Typing error" }, 1, [id]);
    }

    /// <summary>
    /// Posts every phase, one after the other, each from <paramref name="clients"/> concurrent clients. Every request
    /// must be acknowledged (200) and every entry it carries inserted (not a duplicate).
    /// </summary>
    public async Task PostAsync(HttpClient http, int clients)
    {
        var acks = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();
        foreach (var phase in Phases)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < phase.Count; i = Interlocked.Increment(ref next))
                {
                    var request = phase[i];
                    var response = await http.PostJsonAsync(request.Path, request.Body(acks), request.Actor);
                    Assert.True(response.Status == 200, $"{request.Path}: {response.Status} {response.Body}");
                    if (request.EntryIds.Count == 0)
                    {
                        continue;
                    }
                    var entries = response.Body.GetProperty("entries").EnumerateArray()
                        .ToDictionary(e => e.GetProperty("entryId").GetGuid(), e => (Status: e.GetProperty("status").GetString(), Sequence: e.GetProperty("sequence").GetInt64()));
                    foreach (var id in request.EntryIds)
                    {
                        Assert.True(entries.TryGetValue(id, out var entry) && entry.Status == "inserted", $"{request.Path}: {id} not inserted: {response.Body}");
                        acks[id] = entry.Sequence;
                    }
                }
            }));
        }
    }
}
