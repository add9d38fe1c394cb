using EduInfo.Api.Contracts;
using EduInfo.Api.Reads;
using Lesson = (long Seq, System.DateOnly Date, int Period, string Absent);
using Mark = (string Student, long Seq, System.DateOnly Date, string Kind, int Score, int Max);

namespace EduInfo.UnitTests.Api;

/// <summary>The journal page's columns: every cell holds at most one row, by day, roll-calls before marks, summatives by maximum.</summary>
public sealed class JournalColumnsTests
{
    private static readonly DateOnly Mon = new(2026, 11, 16);
    private static readonly DateOnly Tue = new(2026, 11, 17);

    private static readonly Mark[] NoMarks = [];

    public static TheoryData<string, Mark[], Lesson[], string[]> Cases() => new()
    {
        { "nothing held: no column", NoMarks, [], [] },
        { "one formative mark each on a day: one column", [("A", 1, Mon, "formative", 7, 10), ("B", 2, Mon, "formative", 8, 10)], [],
            ["2026-11-16 Formative - A=7 B=8"] },
        { "a second mark of a student on the same day: a second column", [("A", 1, Mon, "formative", 7, 10), ("A", 3, Mon, "formative", 9, 10), ("B", 2, Mon, "formative", 8, 10)], [],
            ["2026-11-16 Formative - A=7 B=8", "2026-11-16 Formative - A=9"] },
        { "summatives of other maxima: their own columns, by maximum", [("A", 1, Mon, "section", 15, 20), ("B", 2, Mon, "section", 9, 10)], [],
            ["2026-11-16 Section 10 B=9", "2026-11-16 Section 20 A=15"] },
        { "days in order, the roll-call before the marks of its day", [("A", 5, Tue, "formative", 6, 10), ("A", 4, Mon, "term", 30, 40)], [(9, Tue, 2, "B:sick")],
            ["2026-11-16 Term 40 A=30", "2026-11-17 RollCall - B=sick", "2026-11-17 Formative - A=6"] },
        { "two lessons of a day: by period, each with its absentees only", [], [(7, Mon, 3, "A:late"), (6, Mon, 1, "")],
            ["2026-11-16 RollCall - ", "2026-11-16 RollCall - A=late"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Columns_hold_one_row_per_cell(string because, Mark[] marks, Lesson[] lessons, string[] expected)
    {
        var students = new[] { "A", "B" }.Select(id => new ClassJournalStudent(id, id,
            marks.Where(m => m.Student == id).Select(m => new ClassJournalMark(m.Seq, m.Date, m.Kind, m.Kind, m.Score, m.Max)).ToList(),
            lessons.Where(l => l.Absent.StartsWith(id + ":", StringComparison.Ordinal))
                .Select(l => new ClassJournalAbsence(l.Seq, l.Date, l.Period, l.Absent[2..], l.Absent[2..])).ToList(),
            null)).ToList();
        var grid = new ClassJournalResponse("C", "MAT", 2, null, null, false, 1,
            lessons.Select(l => new EduInfo.Grains.Interfaces.Journal.JournalGridLesson(l.Seq, l.Date, l.Period, 2, l.Absent.Length > 0 ? 1 : 0)).ToList(), students);

        var columns = JournalColumns.Of(grid);

        var shown = columns.Select(c => $"{c.Date:yyyy-MM-dd} {c.Kind} {(c.MaxScore?.ToString() ?? "-")} "
            + string.Join(' ', c.Cells.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Value.Score?.ToString() ?? x.Value.Code}"))).ToList();
        Assert.True(expected.SequenceEqual(shown), $"{because}: [{string.Join(" | ", shown)}]");
        Assert.Equal(columns.Count, columns.Select(c => c.Key).Distinct().Count());
        // Every mark and every absence is shown once.
        Assert.Equal(marks.Length + lessons.Count(l => l.Absent.Length > 0), columns.Sum(c => c.Cells.Count));
    }
}
