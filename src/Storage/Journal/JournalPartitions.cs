using EduInfo.Domain.Calendar;
using Npgsql;

namespace EduInfo.Storage.Journal;

/// <summary>
/// The journal is partitioned by academic year; the partitions of the current year and the next are created ahead
/// of need (at start and at every day roll), so a write on 1 September never meets a missing partition.
/// </summary>
public static class JournalPartitions
{
    /// <summary>Creates the partitions of the academic year of <paramref name="today"/> and of the next; returns the years created now.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(NpgsqlDataSource dataSource, DateOnly today, CancellationToken cancellationToken = default)
    {
        var current = AcademicCalendar.YearOf(today);
        var created = new List<string>();
        foreach (var year in new[] { current, AcademicCalendar.Next(current) })
        {
            await using var command = dataSource.CreateCommand("SELECT ensure_journal_partition(@y)");
            command.Parameters.AddWithValue("y", year);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                created.Add(year);
            }
        }
        return created;
    }
}
