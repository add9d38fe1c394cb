using System.Diagnostics;
using System.Runtime;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.Tools.Benchmark;

/// <summary>
/// The memory of a class's ledger, the bulk of a class grain's state (issue 26.3): the managed heap after a full
/// compacting collection with N ledgers alive, minus the heap before, over N. Synthetic classes of 25 pupils and
/// 12 subjects on the synthetic calendar, filled through the ledger's own write path up to a day: 5 roll-calls a school
/// day (one seat in 25 missed), 3 formative marks per lesson, a section summative per subject every 4 weeks and a term
/// summative per subject per term; then its figures are read once, as the grain's first summary does. The summary the
/// grain keeps beside its ledger is measured apart.
/// </summary>
public static class LedgerMemory
{
    /// <param name="BytesPerClass">The ledger's bytes.</param>
    /// <param name="BytesPerSummary">The bytes of the summary the class grain keeps besides (cells and breakdowns).</param>
    public sealed record Result(int Classes, DateOnly Through, int SchoolDays, long SeatsPerClass, long MarksPerClass, double BytesPerClass, double BytesPerSummary,
        TimeSpan Elapsed);

    private const int Pupils = 25;
    private const int LessonsPerDay = 5;
    private static readonly string[] Subjects = ["ALG", "GEO", "PHY", "CHE", "BIO", "KAZ", "RUS", "ENG", "HIS", "INF", "ART", "PE"];

    public static Result Measure(int classes, DateOnly through)
    {
        var year = AcademicCalendar.YearOf(through);
        var calendar = new SchoolCalendar(SyntheticCalendar.For(year, "school"));
        var first = calendar.Terms[0].Starts;
        var ledgers = new List<ClassLedger>(classes);
        var stopwatch = Stopwatch.StartNew();
        var before = HeapAfterFullCollection();
        long seats = 0, marks = 0;
        var days = 0;
        for (var c = 0; c < classes; c++)
        {
            (var ledger, seats, marks, days) = Fill(c, calendar, year, first, through);
            ledgers.Add(ledger);
        }
        var after = HeapAfterFullCollection();
        // The summary a class grain keeps between writes, built as the grain builds it.
        var summaries = ledgers.Select((ledger, i) => ClassSummaries.Of(ledger.Rules.Class, ledger, through, i, DateTimeOffset.UnixEpoch, null)).ToList();
        var withSummaries = HeapAfterFullCollection();
        GC.KeepAlive(ledgers);
        GC.KeepAlive(summaries);
        return new Result(classes, through, days, seats, marks, (after - before) / (double)classes, (withSummaries - after) / (double)classes, stopwatch.Elapsed);
    }

    private static (ClassLedger Ledger, long Seats, long Marks, int Days) Fill(int index, SchoolCalendar calendar, string year, DateOnly first, DateOnly through)
    {
        // Each class's ids are its own strings, as each class grain reads its roster from the registry.
        var pupils = Enumerable.Range(0, Pupils).Select(i => $"S{index:D6}{i:D2}").ToArray();
        var cls = new ClassRecord($"C{index:D6}", "O000001", year, 7, pupils.Select(p => new Enrolment(p, first, null)).ToList(), []);
        var ledger = new ClassLedger(new ClassRules(cls, calendar, [new AssessmentPolicy()], new HashSet<int>()));
        var random = new Random(index);
        long seats = 0, marks = 0;
        var days = 0;
        for (var day = first; day <= through; day = day.AddDays(1))
        {
            if (!ledger.Rules.IsSchoolDay(day))
            {
                continue;
            }
            for (var lesson = 0; lesson < LessonsPerDay; lesson++)
            {
                var subject = Subjects[(days * LessonsPerDay + lesson) % Subjects.Length];
                var absent = new Dictionary<string, AbsenceCode> { [pupils[random.Next(Pupils)]] = AbsenceCode.Sick };
                ledger.RecordLesson(subject, day, pupils, absent);
                seats += Pupils;
                for (var m = 0; m < 3; m++)
                {
                    ledger.RecordMark(pupils[random.Next(Pupils)], subject, day, MarkKind.Formative, random.Next(1, 11), 10);
                    marks++;
                }
            }
            var term = calendar.TermOf(day);
            var kind = calendar.Dates(term) is { } dates && day.AddDays(7) > dates.Ends ? MarkKind.Term : days % 20 == 19 ? MarkKind.Section : (MarkKind?)null;
            if (kind is { } summative)
            {
                foreach (var subject in Subjects.Where((_, i) => i % 4 == days % 4))
                {
                    foreach (var pupil in pupils)
                    {
                        ledger.RecordMark(pupil, subject, day, summative, random.Next(5, 21), 20);
                        marks++;
                    }
                }
            }
            days++;
        }
        _ = ClassSummaries.Of(cls, ledger, through, 0, DateTimeOffset.UnixEpoch, null); // the grain's first summary fills the ledger's caches
        return (ledger, seats, marks, days);
    }

    private static long HeapAfterFullCollection()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
