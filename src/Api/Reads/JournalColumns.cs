using EduInfo.Api.Contracts;

namespace EduInfo.Api.Reads;

/// <summary>What a column of the journal page holds: a lesson's roll-call, or one mark per student of a kind on a day.</summary>
public enum JournalColumnKind
{
    RollCall,
    Formative,
    Section,
    Term,
    Development,
}

/// <summary>One cell: the journal row it shows (its sequence, for a correction), and a score or an absence code.</summary>
public sealed record JournalCell(long Sequence, int? Score, string? Code);

/// <summary>
/// A column of the grid. <see cref="Key"/> names it for the page's script: a roll-call by its lesson's row, a mark column by
/// day, kind, maximum and place (a second formative mark of the same day is a second column).
/// </summary>
public sealed record JournalColumn(string Key, JournalColumnKind Kind, DateOnly Date, int? Period, int? MaxScore, long? Lesson,
    IReadOnlyDictionary<string, JournalCell> Cells);

/// <summary>
/// The journal grid laid out as columns (lessons and marks by day) × students, every cell holding at most one row.
/// Pure: the grid read goes in.
/// </summary>
public static class JournalColumns
{
    public static IReadOnlyList<JournalColumn> Of(ClassJournalResponse grid)
    {
        var rollCalls = grid.Lessons.Select(l => new JournalColumn($"r{l.Sequence}", JournalColumnKind.RollCall, l.Date, l.Period, null, l.Sequence,
            grid.Students.SelectMany(s => s.Absences.Where(a => a.Sequence == l.Sequence).Take(1).Select(a => (s.StudentId, Cell: new JournalCell(a.Sequence, null, a.Code))))
                .ToDictionary(c => c.StudentId, c => c.Cell, StringComparer.Ordinal)));
        var marks = grid.Students
            .SelectMany(s => s.Marks.Select(m => (s.StudentId, Mark: m, Kind: KindOf(m.Kind))))
            // Formative and development marks are on the policy's fixed scale: one column per day whatever the maximum.
            .GroupBy(m => (m.Mark.Date, m.Kind, Max: IsSummative(m.Kind) ? m.Mark.MaxScore : (int?)null))
            .SelectMany(group => group
                .GroupBy(m => m.StudentId)
                .SelectMany(perStudent => perStudent.OrderBy(m => m.Mark.Sequence).Select((m, place) => (m.StudentId, m.Mark, Place: place)))
                .GroupBy(m => m.Place)
                .Select(column => new JournalColumn(
                    $"m{group.Key.Date:yyyyMMdd}-{group.Key.Kind}-{group.Key.Max}-{column.Key}", group.Key.Kind, group.Key.Date, null, group.Key.Max, null,
                    column.ToDictionary(m => m.StudentId, m => new JournalCell(m.Mark.Sequence, m.Mark.Score, null), StringComparer.Ordinal))));
        return rollCalls.Concat(marks)
            .OrderBy(c => c.Date).ThenBy(c => c.Kind).ThenBy(c => c.Period).ThenBy(c => c.MaxScore).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    public static bool IsSummative(JournalColumnKind kind) => kind is JournalColumnKind.Section or JournalColumnKind.Term;

    /// <summary>The wire name of a mark column's kind (the journal API's <c>kind</c>), or null for a roll-call.</summary>
    public static string? WireKind(JournalColumnKind kind) => kind == JournalColumnKind.RollCall ? null : kind.ToString().ToLowerInvariant();

    private static JournalColumnKind KindOf(string wireKind) => wireKind switch
    {
        "section" => JournalColumnKind.Section,
        "term" => JournalColumnKind.Term,
        "development" => JournalColumnKind.Development,
        _ => JournalColumnKind.Formative,
    };
}
