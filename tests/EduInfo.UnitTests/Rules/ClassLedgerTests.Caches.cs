using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Rules;

// The ledger keeps each term's cells whole between writes and adds a write's recorded figures to them in place. Read
// after every few writes or only at the end, on one day or across days, with or without a timetable, the cells and the
// pupils' cells must be the same (issue 26.3).
public sealed partial class ClassLedgerTests
{
    public static TheoryData<string, int, bool, int> CacheRuns => new()
    {
        { "read after every write", 1, false, 1 },
        { "read now and then", 7, false, 2 },
        { "read now and then, with a timetable", 5, true, 3 },
        { "read after every write, with a timetable, across days", 1, true, 4 },
    };

    [Theory]
    [MemberData(nameof(CacheRuns))]
    public void Cells_kept_between_writes_equal_cells_counted_once_at_the_end(string because, int readEvery, bool timetable, int seed)
    {
        var pupils = Enumerable.Range(1, 6).Select(i => $"s{i}").ToArray();
        var sexes = pupils.ToDictionary(p => p, p => p.GetHashCode(StringComparison.Ordinal) % 2 == 0 ? PupilSex.Female : PupilSex.Male);
        ClassLedger Build()
        {
            var cls = new ClassRecord("C1", "O1", "2026-2027", 7, pupils.Select(p => E(p)).ToList(), [], Sexes: sexes);
            var ledger = new ClassLedger(new ClassRules(cls, new SchoolCalendar(SyntheticCalendar.For("2026-2027", "school")), [new AssessmentPolicy()], Open));
            if (timetable)
            {
                ledger.SetTimetable([new ScheduledSlot("C1", "math", 1, 1, YearStart, null), new ScheduledSlot("C1", "kaz", 3, 2, YearStart, null)]);
            }
            return ledger;
        }
        var (kept, once) = (Build(), Build());
        var random = new Random(seed);
        var subjects = new[] { "math", "kaz", "eng" };
        var writes = 0;
        for (var day = YearStart; day <= Today; day = day.AddDays(1))
        {
            if (!kept.Rules.IsSchoolDay(day))
            {
                continue;
            }
            var subject = subjects[random.Next(subjects.Length)];
            // A roll-call where anyone may miss the whole day, a mark, now and then a summative or its correction.
            var absent = pupils.Where(_ => random.Next(4) == 0).ToDictionary(p => p, _ => AbsenceCode.Sick);
            // Most days only a roll-call: that adds to the kept cells in place; a mark counts its term again.
            var mark = random.Next(4) == 0 ? (Pupil: pupils[random.Next(pupils.Length)], Score: random.Next(1, 11)) : default;
            var summative = random.Next(3) == 0 ? pupils[random.Next(pupils.Length)] : null;
            foreach (var ledger in new[] { kept, once })
            {
                ledger.RecordLesson(subject, day, pupils, absent);
                if (mark.Pupil is not null)
                {
                    ledger.RecordMark(mark.Pupil, subject, day, MarkKind.Formative, mark.Score, 10);
                }
                if (summative is not null && mark.Pupil is not null)
                {
                    ledger.RecordMark(summative, subject, day, MarkKind.Section, 15, 20);
                    ledger.AddRecordedMarks(subject, ledger.TermOf(day), MarkKind.Formative, -1, -mark.Score, -10); // a correction
                    ledger.AddStudentWork(mark.Pupil, subject, ledger.TermOf(day), MarkKind.Formative, -1, -mark.Score, -10);
                }
            }
            if (++writes % readEvery == 0)
            {
                var asOf = seed == 4 ? day : Today; // across days: each read on the day of the write
                kept.Cells(asOf);
                kept.PupilCells(asOf);
            }
        }
        // Whatever the run ended with, a read and then a roll-call only: it reaches the kept cells in place.
        kept.Cells(Today);
        kept.PupilCells(Today);
        foreach (var ledger in new[] { kept, once })
        {
            ledger.RecordLesson("eng", Today, pupils, pupils.ToDictionary(p => p, _ => AbsenceCode.Unexcused));
        }
        var (keptCells, onceCells) = (kept.Cells(Today), once.Cells(Today));
        Assert.True(onceCells.Count == keptCells.Count, because);
        foreach (var (key, figures) in onceCells)
        {
            Assert.True(figures == keptCells.GetValueOrDefault(key), $"{because}: {key} is {keptCells.GetValueOrDefault(key)}, counted once {figures}");
        }
        Assert.Equal(once.PupilCells(Today), kept.PupilCells(Today));
        Assert.NotEqual(0, onceCells[SummaryKey.Total].FullDaysMissed); // the run did miss whole days
        Assert.Equal(timetable, onceCells[SummaryKey.Total].LessonsScheduled > 0);
    }
}
