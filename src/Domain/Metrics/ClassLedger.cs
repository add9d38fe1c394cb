using System.Runtime.InteropServices;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;

namespace EduInfo.Domain.Metrics;

/// <summary>
/// A class's figures by term and subject (DESIGN.md §2, Metrics), kept in memory by the class grain. Pure: rows and
/// rules go in, integer cells come out. The grain builds it with <see cref="FromJournal"/> and adds its new rows.
/// <list type="bullet">
/// <item>Marks and roll-calls count in the class where they were recorded (the journal row's home class).</item>
/// <item>Term metrics count in the class where the student is enrolled at the term's end (today while it is open),
/// from all of the student's marks of the term, wherever recorded.</item>
/// </list>
/// </summary>
/// <param name="rules">The class (its kind, grade and dated roster), its calendar, closed terms and policies.</param>
/// <param name="taughtSubjects">The subjects the class is taught (null: any).</param>
public sealed partial class ClassLedger(ClassRules rules, IReadOnlySet<string>? taughtSubjects = null)
{
    private readonly Dictionary<SummaryKey, SummaryFigures> _recorded = new();
    // Subjects numbered as they first appear: each term's table keeps its subjects by these rows.
    private readonly Dictionary<string, int> _subjectRows = new(StringComparer.Ordinal);
    private readonly List<string> _subjectIds = [];
    private readonly Dictionary<int, TermTable> _terms = new();
    // Per-pupil state lives in arrays indexed by the pupil's slot (the enrolled first, in the roster's order), not in a
    // dictionary per term and subject: a year of a class is 1,200 pupils' works and results (issue 26.3). The pupils'
    // days keep the slots.
    private readonly StudentDays _days = new(rules.Class.AcademicYear, new PupilSlots(rules.Class.Enrolments.Select(e => e.StudentId)));
    private PupilSlots Slots => _days.Slots;
    private readonly HashSet<(string Student, int Term, string Subject, MarkKind Kind)> _excused = new();
    // Exemptions by (pupil, term, subject); term 0 is the whole year.
    private readonly HashSet<(string Student, int Term, string Subject)> _exempt = new();
    private IReadOnlyList<ScheduledSlot> _timetable = [];
    // Derived figures, recomputed only where something changed: a class publishes after every batch, so a snapshot must
    // cost the cells of the touched term, not a pass over the whole year.
    private readonly Dictionary<int, TermPart> _termCache = new();
    private TermPart? _yearCache;
    private IReadOnlyDictionary<(int Term, string Subject), long>? _scheduledCache;
    private DateOnly _cacheDay;
    private readonly Dictionary<int, long> _fullDays = new();
    // The pupils' seats, absences by code and full days missed by term (0 = the year) and sex, kept as seats are added:
    // the sex breakdown of a snapshot costs no pass over the year's days. Plain counters, not figures: a class's
    // activation adds a pupil's every day, and a sum of packed figures builds a new one each time (issue 26.5).
    private readonly SeatTallies _pupilSeats = new();

    /// <summary>A term's (or the year's) derived cells, and the pupils' share of its all-subjects cell by sex, from the same pass.</summary>
    private sealed record TermPart(Dictionary<SummaryKey, SummaryFigures> Cells, Dictionary<PupilSex, SummaryFigures> BySex);

    /// <summary>The calendar, closed terms and policies the ledger counts by; the validators check the class's entries against the same.</summary>
    public ClassRules Rules => rules;

    /// <summary>
    /// The class's timetable: lessons it schedules on the class's school days up to today give completeness (lessons
    /// held ÷ scheduled). Without a timetable completeness stays undefined (null).
    /// </summary>
    public void SetTimetable(IReadOnlyList<ScheduledSlot> slots)
    {
        _timetable = slots;
        _scheduledCache = null;
        _termCache.Clear();
        _yearCache = null;
    }

    /// <summary>Lessons the timetable scheduled per term and subject, on the class's school days up to today.</summary>
    public IReadOnlyDictionary<(int Term, string Subject), long> Scheduled(DateOnly today)
    {
        var scheduled = new Dictionary<(int, string), long>();
        foreach (var (term, starts, ends) in rules.Terms)
        {
            var last = ends < today ? ends : today;
            for (var day = starts; day <= last; day = day.AddDays(1))
            {
                var weekday = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
                var lessons = _timetable.Where(s => s.Weekday == weekday && s.CoversDate(day)).ToList();
                if (lessons.Count == 0 || !rules.IsSchoolDay(day))
                {
                    continue;
                }
                foreach (var slot in lessons)
                {
                    scheduled[(term, slot.SubjectId)] = scheduled.GetValueOrDefault((term, slot.SubjectId)) + 1;
                }
            }
        }
        return scheduled;
    }

    public bool IsCollege => rules.Class.OrganizationKind == "college";

    /// <summary>
    /// Figures plus their share in the fields of the class's kind of organization: headcount and seats counted again
    /// as a school's, a college's or a kindergarten's (an additional-education centre's only in the totals).
    /// </summary>
    private SummaryFigures WithKind(SummaryFigures f) => f + rules.Class.OrganizationKind switch
    {
        "school" => new SummaryFigures { SchoolStudents = f.Students, SchoolSeatsHeld = f.SeatsHeld, SchoolAttended = f.Attended },
        "college" => new SummaryFigures { CollegeStudents = f.Students, CollegeSeatsHeld = f.SeatsHeld, CollegeAttended = f.Attended },
        "preschool" => new SummaryFigures { PreschoolChildren = f.Students, PreschoolSeatsHeld = f.SeatsHeld, PreschoolAttended = f.Attended },
        _ => SummaryFigures.Zero,
    };

    public IReadOnlySet<int> ClosedTerms => rules.ClosedTerms;

    public int TermOf(DateOnly date) => rules.TermOf(date);

    /// <summary>Marks recorded in this class (the journal's home class): counts and sums of the class's cells.</summary>
    public void AddRecordedMarks(string subjectId, int term, MarkKind kind, long count, long scoreSum, long maxSum)
    {
        AddRecorded(subjectId, term, JournalFigures.ForMarks(kind, count, scoreSum, maxSum));
        if (term > 0 && count > 0 && kind != MarkKind.Development && TableOf(term).Hold(RowOf(subjectId), kind))
        {
            Invalidate(term, subjectId);
        }
    }

    /// <summary>A student's marks of a term in a subject, wherever recorded: the input of term marks.</summary>
    public void AddStudentWork(string studentId, string subjectId, int term, MarkKind kind, long count, long scoreSum, long maxSum)
    {
        // Development levels (preschool) are counted as they are recorded; they make no term mark.
        if (term == 0 || kind == MarkKind.Development)
        {
            return;
        }
        var slot = Slots.Add(studentId);
        TableOf(term).AddWork(RowOf(subjectId), slot, Slots.Count, kind, count, scoreSum, maxSum);
        Invalidate(term, subjectId);
    }

    private void Invalidate(int term, string subjectId)
    {
        if (_terms.GetValueOrDefault(term) is { } table && _subjectRows.TryGetValue(subjectId, out var row))
        {
            table.Invalidate(row);
        }
        _termCache.Remove(term);
        _yearCache = null;
    }

    /// <summary>The head excused a student's missed summative: its weight is shared among the student's other components.</summary>
    public void AddExcusal(string studentId, string subjectId, int term, MarkKind kind)
    {
        if (term > 0 && _excused.Add((studentId, term, subjectId, kind)))
        {
            Invalidate(term, subjectId);
        }
    }

    /// <summary>The head exempted a pupil from a subject in a term (0: the whole year): their result there is "exempt", out of the metrics.</summary>
    public void AddExemption(string studentId, string subjectId, int term)
    {
        if (_exempt.Add((studentId, term, subjectId)))
        {
            foreach (var t in term == 0 ? rules.Terms.Select(x => x.Term) : [term])
            {
                Invalidate(t, subjectId);
            }
        }
    }

    /// <summary>Whether the pupil is exempt from the subject in the term (for that term or the whole year).</summary>
    public bool IsExempt(string studentId, int term, string subjectId) =>
        _exempt.Contains((studentId, term, subjectId)) || _exempt.Contains((studentId, 0, subjectId));

    /// <summary>Roll-calls recorded in this class, as lesson and seat counts of a subject and term.</summary>
    public void AddLessons(string subjectId, int term, SummaryFigures lessons) => AddRecorded(subjectId, term, WithKind(lessons));

    /// <summary>
    /// One student's seats in the class's roll-calls of a day (or their sum): a full day missed is a day with seats where
    /// every seat was missed. The seats also count in the student's sex.
    /// </summary>
    public void AddSeats(StudentSeats seats)
    {
        var held = _days[seats.StudentId, seats.Date];
        var now = (Seats: held.Seats + seats.Seats, Missed: held.Missed + seats.Missed);
        _days[seats.StudentId, seats.Date] = now;
        var wasFull = held.Seats > 0 && held.Missed == held.Seats;
        var isFull = now.Seats > 0 && now.Missed == now.Seats;
        var term = TermOf(seats.Date);
        var change = wasFull == isFull ? 0 : isFull ? 1 : -1;
        if (change != 0)
        {
            AddFullDays(SummaryKey.Year, change);
            if (term > 0)
            {
                AddFullDays(term, change);
            }
        }
        if (SexOf(seats.StudentId) is { } sex)
        {
            _pupilSeats.Add(SummaryKey.Year, sex, seats, change);
            if (term > 0)
            {
                _pupilSeats.Add(term, sex, seats, change);
            }
        }
    }

    /// <summary>
    /// Each term's (and the year's) seats of the pupils of each sex, as six counters in one array by (term, sex): a class
    /// grain keeps them for its life, and ten objects in a dictionary took twice the bytes (issue 26.3).
    /// </summary>
    private sealed class SeatTallies
    {
        private const int Counters = 6;
        private static readonly int Sexes = Enum.GetValues<PupilSex>().Length;
        private long[] _counts = [];

        public void Add(int term, PupilSex sex, StudentSeats seats, int fullDays)
        {
            var at = (term * Sexes + (int)sex) * Counters;
            if (at + Counters > _counts.Length)
            {
                Array.Resize(ref _counts, at + Counters);
            }
            _counts[at] += seats.Seats;
            _counts[at + 1] += seats.Late;
            _counts[at + 2] += seats.Unexcused;
            _counts[at + 3] += seats.Excused;
            _counts[at + 4] += seats.Sick;
            _counts[at + 5] += fullDays;
        }

        /// <summary>Every (term, sex) counted so far, as <see cref="Breakdown.Pupils"/> of the seats' figures would give them, before the organization's kind.</summary>
        public IEnumerable<((int Term, PupilSex Sex) Key, SummaryFigures Figures)> All()
        {
            for (var at = 0; at < _counts.Length; at += Counters)
            {
                var (term, sex) = Math.DivRem(at / Counters, Sexes);
                yield return ((term, (PupilSex)sex), JournalFigures.Seats(lessons: 0, _counts[at], _counts[at + 1], _counts[at + 2],
                    _counts[at + 3], _counts[at + 4], _counts[at + 5]));
            }
        }
    }

    /// <summary>A pupil's sex as the class's record has it (from the IIN); null for a student it does not list.</summary>
    private PupilSex? SexOf(string studentId) => rules.Class.Sexes?.TryGetValue(studentId, out var sex) == true ? sex : null;

    /// <summary>A new mark: in the class's cells and in the student's work.</summary>
    public void RecordMark(string studentId, string subjectId, DateOnly date, MarkKind kind, int score, int maxScore)
    {
        var term = TermOf(date);
        AddRecordedMarks(subjectId, term, kind, 1, score, maxScore);
        AddStudentWork(studentId, subjectId, term, kind, 1, score, maxScore);
    }

    /// <summary>A new roll-call of the class: a seat per rostered student; late counts as attended.</summary>
    public void RecordLesson(string subjectId, DateOnly date, IReadOnlyList<string> roster, IReadOnlyDictionary<string, AbsenceCode> absences)
    {
        AddLessons(subjectId, TermOf(date), JournalFigures.ForLesson(roster.Count, absences.Values));
        foreach (var studentId in roster)
        {
            var code = absences.TryGetValue(studentId, out var c) ? c : (AbsenceCode?)null;
            AddSeats(new StudentSeats(studentId, date, 1, code == AbsenceCode.Late ? 1 : 0, code == AbsenceCode.Unexcused ? 1 : 0,
                code == AbsenceCode.Excused ? 1 : 0, code == AbsenceCode.Sick ? 1 : 0));
        }
    }

    private void AddRecorded(string subjectId, int term, SummaryFigures figures)
    {
        var cached = _timetable.Count > 0 ? figures + new SummaryFigures { TimetabledLessonsHeld = figures.LessonsHeld } : figures;
        foreach (var key in KeysOf(term, subjectId))
        {
            _recorded[key] = (_recorded.GetValueOrDefault(key) ?? SummaryFigures.Zero) + figures;
            if (CachedPart(key.Term) is { } part)
            {
                AddTo(part.Cells, key, cached);
            }
        }
    }

    private void AddFullDays(int term, long change)
    {
        _fullDays[term] = _fullDays.GetValueOrDefault(term) + change;
        if (CachedPart(term) is { } part)
        {
            AddTo(part.Cells, new SummaryKey(term, SummaryKey.AllSubjects), new SummaryFigures { FullDaysMissed = change });
        }
    }

    /// <summary>Adds to a cell; a cell not there yet takes the figures themselves (immutable), so parts share them.</summary>
    private static void AddTo(Dictionary<SummaryKey, SummaryFigures> cells, SummaryKey key, SummaryFigures figures) =>
        cells[key] = cells.TryGetValue(key, out var held) ? held + figures : figures;

    private TermPart? CachedPart(int term) => term == SummaryKey.Year ? _yearCache : _termCache.GetValueOrDefault(term);

    private static IEnumerable<SummaryKey> KeysOf(int term, string subjectId)
    {
        yield return new SummaryKey(SummaryKey.Year, SummaryKey.AllSubjects);
        yield return new SummaryKey(SummaryKey.Year, subjectId);
        if (term > 0)
        {
            yield return new SummaryKey(term, SummaryKey.AllSubjects);
            yield return new SummaryKey(term, subjectId);
        }
    }

    /// <summary>Students enrolled on a date.</summary>
    public IReadOnlyList<string> RosterOn(DateOnly date) =>
        rules.Class.Enrolments.Where(e => e.CoversDate(date)).Select(e => e.StudentId).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The day a term's metrics are taken: its last day, or today while it runs.</summary>
    private static DateOnly CountDay(DateOnly ends, DateOnly today) => ends < today ? ends : today;

    /// <summary>The policy a term is assessed under: the version in force on its first day.</summary>
    public AssessmentPolicy? PolicyOf(int term) => rules.PolicyOf(term);

    /// <summary>A student's result in a subject and term (null when the student has none there: left out).</summary>
    public TermResult? ResultOf(string studentId, int term, string subjectId) =>
        Slots.IsEnrolled(studentId) && PolicyOf(term) is { } policy && HasWork(term, subjectId)
            ? Compute(studentId, term, subjectId, policy)
            : null;

    /// <summary>The subjects assessed in a term: those where anyone in the class's ledger has work.</summary>
    public IEnumerable<string> SubjectsOf(int term) => _terms.GetValueOrDefault(term) is { } table
        ? Enumerable.Range(0, _subjectIds.Count).Where(table.HasWork).Select(row => _subjectIds[row]).Order(StringComparer.Ordinal)
        : [];

    private bool HasWork(int term, string subjectId) =>
        _terms.GetValueOrDefault(term) is { } table && _subjectRows.TryGetValue(subjectId, out var row) && table.HasWork(row);

    private TermTable TableOf(int term)
    {
        ref var table = ref CollectionsMarshal.GetValueRefOrAddDefault(_terms, term, out _);
        return table ??= new TermTable(Slots.Enrolled);
    }

    private int RowOf(string subjectId)
    {
        ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(_subjectRows, subjectId, out var exists);
        if (!exists)
        {
            row = _subjectIds.Count;
            _subjectIds.Add(subjectId);
        }
        return row;
    }

    /// <summary>
    /// A student's three components in a subject and term. A summative is held for the group when one was recorded in
    /// this class (the first write path's group is the whole class; work a transferred student brings from another class
    /// counts for them but does not make it held here); a student who has other marks but not a held summative has it pending.
    /// </summary>
    public IReadOnlyList<StudentComponent> ComponentsOf(string studentId, int term, string subjectId)
    {
        var work = WorkOf(studentId, term, subjectId) ?? new TermWork();
        // A student with no assessment at all in the subject is not yet assessed (н/а once closed), not pending (DESIGN.md §2).
        var table = _terms.GetValueOrDefault(term);
        var row = _subjectRows.TryGetValue(subjectId, out var r) ? r : -1;
        return work.Components(kind => !work.IsEmpty && row >= 0 && table?.IsHeld(row, kind) == true,
            kind => _excused.Contains((studentId, term, subjectId, kind)));
    }

    /// <summary>A student's work in a subject and term; null when they have none there (or all of it was corrected away).</summary>
    public TermWork? WorkOf(string studentId, int term, string subjectId) =>
        _terms.GetValueOrDefault(term) is { } table && _subjectRows.TryGetValue(subjectId, out var row) && Slots.Find(studentId) is { } slot
            && table.WorkAt(row, slot) is { IsEmpty: false } work
            ? work
            : null;

    /// <summary>An enrolled student's result under the term's policy; null for a subject the class does not teach and the student has no work in.</summary>
    private TermResult? Compute(string studentId, int term, string subjectId, AssessmentPolicy policy)
    {
        // A subject the class does not teach concerns only students who bring work in it (a transfer): nobody else is н/а in it.
        if (!(taughtSubjects?.Contains(subjectId) ?? true) && WorkOf(studentId, term, subjectId) is null)
        {
            return null;
        }
        if (IsExempt(studentId, term, subjectId))
        {
            return new TermResult(TermOutcome.Exempt, null, null, null, new Dictionary<ComponentKind, Fraction>());
        }
        var closed = rules.ClosedTerms.Contains(term);
        var result = TermMark.Compute(policy, rules.Class.Grade, ComponentsOf(studentId, term, subjectId), closed);
        // At close a still-pending summative leaves the subject not attested (docs/assessment.md).
        return closed && result.Outcome == TermOutcome.Pending ? result with { Outcome = TermOutcome.NotAttested } : result;
    }

    /// <summary>
    /// The term's table and the subject's row there once the enrolled pupils' results in the subject are cached
    /// (counted now after a change); null when nobody has work there or the term has no policy.
    /// </summary>
    private (TermTable Table, int Row)? Results(int term, string subjectId)
    {
        if (_terms.GetValueOrDefault(term) is not { } table || !_subjectRows.TryGetValue(subjectId, out var row) || !table.HasWork(row)
            || PolicyOf(term) is not { } policy || Slots.Enrolled == 0)
        {
            return null;
        }
        if (!table.HasResults(row))
        {
            var results = new int[Slots.Enrolled];
            for (var slot = 0; slot < results.Length; slot++)
            {
                results[slot] = Brief.Pack(Compute(Slots[slot], term, subjectId, policy));
            }
            table.SetResults(row, results);
        }
        return (table, row);
    }

    private Brief BriefOf(string studentId, int term, string subjectId) =>
        Slots.IsEnrolled(studentId) && Results(term, subjectId) is var (table, row)
            ? Brief.Unpack(table.ResultAt(row, Slots.Find(studentId)!.Value))
            : Brief.Unpack(Brief.None);

    /// <summary>
    /// Every cell of the class on <paramref name="today"/>: recorded figures, headcounts and term metrics. Each term's
    /// cells and the year's are kept whole between writes (a write adds its recorded figures to them; a change of a
    /// pupil's work counts its term again), so the cells returned are the kept instances and a summary built from them
    /// shares them instead of holding a second copy (issue 26.3).
    /// </summary>
    public Dictionary<SummaryKey, SummaryFigures> Cells(DateOnly today)
    {
        MoveTo(today);
        var cells = new Dictionary<SummaryKey, SummaryFigures>();
        var terms = rules.Terms.Select(t => t.Term).Concat(_recorded.Keys.Select(k => k.Term)).Concat(_fullDays.Keys).Append(SummaryKey.Year);
        foreach (var term in terms.Distinct())
        {
            foreach (var (key, figures) in PartOf(term, today).Cells)
            {
                cells[key] = figures;
            }
        }
        return cells;
    }

    /// <summary>
    /// The pupils' share of each all-subjects cell (term, 0 = the year) by sex: over the sexes it is exactly
    /// <see cref="Breakdown.Pupils"/> of the cell <see cref="Cells"/> gives, from the same cached passes.
    /// </summary>
    public Dictionary<(int Term, PupilSex Sex), SummaryFigures> PupilCells(DateOnly today)
    {
        MoveTo(today);
        var cells = _pupilSeats.All().ToDictionary(t => t.Key, t => WithKind(t.Figures));
        void Add((int, PupilSex) key, SummaryFigures figures) => cells[key] = (cells.GetValueOrDefault(key) ?? SummaryFigures.Zero) + figures;
        foreach (var term in rules.Terms.Where(t => t.Starts <= today).Select(t => t.Term).Append(SummaryKey.Year))
        {
            foreach (var (sex, figures) in PartOf(term, today).BySex)
            {
                Add((term, sex), figures);
            }
        }
        foreach (var key in cells.Where(c => c.Value == SummaryFigures.Zero).Select(c => c.Key).ToList())
        {
            cells.Remove(key);
        }
        return cells;
    }

    /// <summary>Headcounts, counting days and lessons scheduled up to today move with the date: the caches of another day are dropped.</summary>
    private void MoveTo(DateOnly today)
    {
        if (today != _cacheDay)
        {
            _termCache.Clear();
            _yearCache = null;
            _scheduledCache = null;
            _cacheDay = today;
        }
    }

    /// <summary>
    /// A term's cells (or the year's) whole, kept until the term's pupils' work changes or the day moves: its term
    /// metrics once it has begun, and its recorded figures, timetable and full days missed.
    /// </summary>
    private TermPart PartOf(int term, DateOnly today)
    {
        if (CachedPart(term) is { } cached)
        {
            return cached;
        }
        TermPart part;
        if (term == SummaryKey.Year)
        {
            part = YearCells(today);
            AddTo(part.Cells, SummaryKey.Total, WithKind(new SummaryFigures { Students = RosterOn(today).Count, Classes = 1 }));
        }
        else
        {
            part = rules.Dates(term) is { } dates && dates.Starts <= today
                ? TermCells(term, RosterOn(CountDay(dates.Ends, today)))
                : new TermPart([], []);
        }
        foreach (var (key, figures) in _recorded.Where(r => r.Key.Term == term))
        {
            AddTo(part.Cells, key, _timetable.Count > 0 ? figures + new SummaryFigures { TimetabledLessonsHeld = figures.LessonsHeld } : figures);
        }
        if (_timetable.Count > 0)
        {
            foreach (var ((scheduledTerm, subjectId), lessons) in _scheduledCache ??= Scheduled(today))
            {
                foreach (var key in KeysOf(scheduledTerm, subjectId).Where(k => k.Term == term))
                {
                    AddTo(part.Cells, key, new SummaryFigures { LessonsScheduled = lessons });
                }
            }
        }
        if (_fullDays.GetValueOrDefault(term) is var days and not 0)
        {
            AddTo(part.Cells, new SummaryKey(term, SummaryKey.AllSubjects), new SummaryFigures { FullDaysMissed = days });
        }
        if (term == SummaryKey.Year)
        {
            _yearCache = part;
        }
        else
        {
            _termCache[term] = part;
        }
        return part;
    }

    /// <summary>Sums by sex, unpacked until the pass is done (<see cref="SummaryFigures.Accumulator"/>).</summary>
    private sealed class SexSums
    {
        private readonly Dictionary<PupilSex, SummaryFigures.Accumulator> _sums = new();

        public void Add(PupilSex? sex, SummaryFigures figures)
        {
            if (sex is { } s && figures != SummaryFigures.Zero)
            {
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_sums, s, out _);
                (sum ??= new SummaryFigures.Accumulator()).Add(figures);
            }
        }

        public Dictionary<PupilSex, SummaryFigures> ToFigures() => _sums.ToDictionary(s => s.Key, s => s.Value.ToFigures());
    }

    /// <summary>A term's headcount and term metrics: per subject, and over subjects with the per-student rates once per student.</summary>
    private TermPart TermCells(int term, IReadOnlyList<string> roster)
    {
        var all = new SummaryKey(term, SummaryKey.AllSubjects);
        var cells = new Dictionary<SummaryKey, SummaryFigures> { [all] = SummaryFigures.Zero }; // first, as the summary lists them
        var total = new SummaryFigures.Accumulator().Add(WithKind(new SummaryFigures { Students = roster.Count, Classes = 1 }));
        var bySex = new SexSums();
        var perStudent = roster.ToDictionary(s => s, _ => new List<Brief>(), StringComparer.Ordinal);
        var onePupil = WithKind(new SummaryFigures { Students = 1 });
        foreach (var studentId in roster)
        {
            bySex.Add(SexOf(studentId), onePupil);
        }
        foreach (var subjectId in SubjectsOf(term).ToList())
        {
            var subjectCell = new SummaryFigures.Accumulator();
            foreach (var studentId in roster)
            {
                if (BriefOf(studentId, term, subjectId) is not { IsSome: true } result)
                {
                    continue;
                }
                var figures = FiguresOf(result, IsCollege);
                subjectCell.Add(figures.Subject);
                bySex.Add(SexOf(studentId), figures.WithoutStudentRates);
                perStudent[studentId].Add(result);
            }
            if (!subjectCell.IsZero)
            {
                var cell = subjectCell.ToFigures();
                cells[new SummaryKey(term, subjectId)] = cell;
                // Subject figures add up to the term's; the per-student rates are counted once per student below.
                total.Add(WithoutStudentRates(cell));
            }
        }
        foreach (var (studentId, results) in perStudent)
        {
            var student = StudentFigures(results);
            total.Add(student);
            bySex.Add(SexOf(studentId), student);
        }
        cells[all] = total.ToFigures();
        return new TermPart(cells, bySex.ToFigures());
    }

    /// <summary>
    /// The year counts in the class where the student is enrolled today: annual marks, the rounded mean of all their
    /// term marks so far, wherever those terms were counted (the same as the diary shows).
    /// </summary>
    private TermPart YearCells(DateOnly today)
    {
        var sums = new Dictionary<SummaryKey, SummaryFigures.Accumulator>();
        var bySex = new SexSums();
        void Add(SummaryKey key, SummaryFigures figures)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out _);
            (sum ??= new SummaryFigures.Accumulator()).Add(figures);
        }
        var started = rules.Terms.Where(t => t.Starts <= today).Select(t => t.Term).ToList();
        var subjects = started.SelectMany(SubjectsOf).Distinct(StringComparer.Ordinal).ToList();
        var onePupil = WithKind(new SummaryFigures { Students = 1 });
        foreach (var studentId in RosterOn(today))
        {
            var sex = SexOf(studentId);
            bySex.Add(sex, onePupil);
            var annualResults = new List<Brief>();
            foreach (var subjectId in subjects)
            {
                var terms = started
                    .Select(term => BriefOf(studentId, term, subjectId))
                    .Where(r => r.IsSome && r.Outcome is TermOutcome.Marked or TermOutcome.NotAttested)
                    .ToList();
                if (Annual(terms) is not { } annual)
                {
                    continue;
                }
                var result = annual.Brief;
                var figures = FiguresOf(result, IsCollege);
                Add(new SummaryKey(SummaryKey.Year, subjectId), figures.Subject);
                Add(SummaryKey.Total, figures.WithoutStudentRates);
                bySex.Add(sex, figures.WithoutStudentRates);
                annualResults.Add(result);
            }
            if (StudentFigures(annualResults) is var student && student != SummaryFigures.Zero)
            {
                Add(SummaryKey.Total, student);
                bySex.Add(sex, student);
            }
        }
        return new TermPart(sums.ToDictionary(s => s.Key, s => s.Value.ToFigures()), bySex.ToFigures());
    }

    /// <summary>
    /// The annual result of a subject: the rounded mean of the term marks; н/а when no term was marked but one was not
    /// attested; exempt when every term with a result was exempt (a term exempt among marked ones just does not count).
    /// </summary>
    public TermResult? Annual(IReadOnlyList<TermResult> terms) => Annual([.. terms.Select(Brief.Of)]) switch
    {
        null => null,
        { From: >= 0 } annual => terms[annual.From],
        var annual => new TermResult(TermOutcome.Marked, null, annual.Value.Brief.Percent, annual.Value.Brief.Mark, new Dictionary<ComponentKind, Fraction>()),
    };

    /// <summary>The annual result, and the term it is when it is one of them (н/а or exempt; -1 for a mean of marks).</summary>
    private (Brief Brief, int From)? Annual(IReadOnlyList<Brief> terms)
    {
        var marked = terms.Where(t => t.Outcome == TermOutcome.Marked).ToList();
        if (marked.Count == 0)
        {
            var notAttested = terms.ToList().FindIndex(t => t.Outcome == TermOutcome.NotAttested);
            return notAttested >= 0 ? (terms[notAttested], notAttested)
                : terms.Count > 0 && terms.All(t => t.Outcome == TermOutcome.Exempt) ? (terms[0], 0) : null;
        }
        var percent = (int)new Fraction(marked.Sum(t => (long)t.Percent!.Value), marked.Count).RoundHalfUp();
        var mark = IsCollege ? (int?)null : TermMark.Annual(marked.Select(t => t.Mark!.Value).ToList());
        return (new Brief(TermOutcome.Marked, percent, mark), -1);
    }

    // A result's figures depend on the result and the kind only: a few hundred of them, shared by every class of the
    // process instead of built per pupil and subject at each count.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Brief Result, bool College), (SummaryFigures Subject, SummaryFigures WithoutStudentRates)> ResultFigures = new();

    private static (SummaryFigures Subject, SummaryFigures WithoutStudentRates) FiguresOf(Brief result, bool college) =>
        ResultFigures.GetOrAdd((result, college), static key =>
        {
            var figures = Figures(key.Result, key.College);
            return (figures, WithoutStudentRates(figures));
        });

    /// <summary>What one student's result in one subject adds to a subject cell (success and quality per subject).</summary>
    private static SummaryFigures Figures(Brief result, bool college)
    {
        switch (result.Outcome)
        {
            case TermOutcome.Marked when college:
                var (_, gpa) = CollegeGrade.Of(result.Percent!.Value);
                return new SummaryFigures
                {
                    CollegeResults = 1,
                    CollegePercentSum = result.Percent.Value,
                    GpaHundredthsSum = (long)(gpa * 100),
                    CollegeStudentsAssessed = 1,
                    CollegeStudentsSucceeding = Succeeds(result, college) ? 1 : 0,
                    CollegeStudentsQualified = Qualifies(result, college) ? 1 : 0,
                };
            case TermOutcome.Marked:
                var mark = result.Mark!.Value;
                return new SummaryFigures
                {
                    TermResults = 1,
                    TermMarks2 = mark <= 2 ? 1 : 0,
                    TermMarks3 = mark == 3 ? 1 : 0,
                    TermMarks4 = mark == 4 ? 1 : 0,
                    TermMarks5 = mark >= 5 ? 1 : 0,
                    TermMarkSum = mark,
                    TermPercentSum = result.Percent!.Value,
                    StudentsAssessed = 1,
                    StudentsSucceeding = Succeeds(result, college) ? 1 : 0,
                    StudentsQualified = Qualifies(result, college) ? 1 : 0,
                } + ProgressGroups.Of([mark]).Figures();
            case TermOutcome.NotAttested when college:
                return new SummaryFigures { CollegeNotAttested = 1, CollegeStudentsAssessed = 1 };
            case TermOutcome.NotAttested:
                return new SummaryFigures { NotAttested = 1, StudentsAssessed = 1 } + ProgressGroups.Of([null]).Figures();
            case TermOutcome.Pending:
                return new SummaryFigures { PendingResults = 1 };
            default:
                return SummaryFigures.Zero;
        }
    }

    /// <summary>One student over all subjects: assessed, succeeding (no 2, no н/а), qualified (all 4 or 5) and, in a school, the progress report's group.</summary>
    private SummaryFigures StudentFigures(IReadOnlyList<Brief> results)
    {
        var assessed = results.Where(r => r.Outcome is TermOutcome.Marked or TermOutcome.NotAttested).ToList();
        if (assessed.Count == 0)
        {
            return SummaryFigures.Zero;
        }
        var (succeeding, qualified) = (assessed.All(Succeeds) ? 1 : 0, assessed.All(Qualifies) ? 1 : 0);
        return IsCollege
            ? new SummaryFigures { CollegeStudentsAssessed = 1, CollegeStudentsSucceeding = succeeding, CollegeStudentsQualified = qualified }
            : new SummaryFigures { StudentsAssessed = 1, StudentsSucceeding = succeeding, StudentsQualified = qualified }
                + ProgressGroups.Of([.. assessed.Select(r => r.Outcome == TermOutcome.Marked ? r.Mark : null)]).Figures();
    }

    /// <summary>A subject's figures as they add to the all-subjects cell: the per-student rates are counted once per student there.</summary>
    private static SummaryFigures WithoutStudentRates(SummaryFigures f) => f with
    {
        StudentsAssessed = 0, StudentsSucceeding = 0, StudentsQualified = 0,
        CollegeStudentsAssessed = 0, CollegeStudentsSucceeding = 0, CollegeStudentsQualified = 0,
        StudentsExcellent = 0, StudentsWithOneThree = 0, StudentsFailing = 0, StudentsNotAttested = 0,
    };

    // Schools: success = no 2, quality = 4 or 5. Colleges (the project's choice, docs/assessment.md): success = D or
    // better (≥ 50 %), quality = B− or better (≥ 75 %).
    private static bool Succeeds(Brief r, bool college) => r.Outcome == TermOutcome.Marked && (college ? r.Percent >= 50 : r.Mark >= 3);

    private static bool Qualifies(Brief r, bool college) => r.Outcome == TermOutcome.Marked && (college ? r.Percent >= 75 : r.Mark >= 4);

    private bool Succeeds(Brief r) => Succeeds(r, IsCollege);

    private bool Qualifies(Brief r) => Qualifies(r, IsCollege);
}
