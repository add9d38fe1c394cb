using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Registry;
using EduInfo.Storage.Registry.Model;
using EduInfo.Storage.Security;
using Npgsql;

namespace EduInfo.Tools.Demo;

/// <summary>
/// <c>eduinfo seed</c>: the demo country for the domain clock's academic year — in the summer holiday the year just
/// ended — with its calendars (synthetic), timetables, accounts and, unless asked not to, the journal of the school
/// days before today (<see cref="DemoHistory"/>), so the demo works on any date.
/// </summary>
public static class DemoSeed
{
    public enum Outcome
    {
        /// <summary>The country was loaded now.</summary>
        Seeded,

        /// <summary>The registry already holds the demo year; only missing calendars and timetables were added.</summary>
        AlreadySeeded,

        /// <summary>The registry holds another academic year than the clock's: a new demo database is needed.</summary>
        OtherYear,
    }

    /// <summary>What was done; <see cref="Data"/> and <see cref="Credentials"/> when the country was loaded now.</summary>
    public sealed record Result(Outcome Outcome, string AcademicYear, string? StoredYear, IReadOnlyList<DemoAccounts.Credential> Credentials,
        RegistryData? Data = null, DemoHistory.Report? History = null);

    public static async Task<Result> RunAsync(NpgsqlDataSource dataSource, DemoCountryOptions size, IKazakhstanClock clock, TextWriter log,
        bool history = true, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var year = AcademicCalendar.YearOf(today);
        var (nodes, storedYear) = await StoredAsync(dataSource, cancellationToken);
        if (nodes > 0 && storedYear != year)
        {
            log.WriteLine($"seed: the registry holds {storedYear ?? "no classes"}, but {today:yyyy-MM-dd} is in {year}");
            return new Result(Outcome.OtherYear, year, storedYear, []);
        }
        if (nodes > 0)
        {
            log.WriteLine("seed: the registry is not empty; nothing loaded");
            await EnsureRulesAsync(dataSource, log, cancellationToken);
            return new Result(Outcome.AlreadySeeded, year, storedYear, []);
        }

        await Storage.Journal.JournalPartitions.EnsureAsync(dataSource, today, cancellationToken);
        var data = DemoCountry.Generate(size with { AcademicYear = year });
        await new RegistryWriter(dataSource).WriteAsync(data);
        var (accounts, credentials) = DemoAccounts.Create(data);
        await new AccountStore(dataSource).CreateAsync(accounts);
        await DemoCalendar.WriteAsync(new AssessmentStore(dataSource), year, cancellationToken);
        await DemoTimetable.WriteAsync(dataSource, year, cancellationToken);
        log.WriteLine($"seed: {year} (today is {today:yyyy-MM-dd}): {data.Nodes.Count} nodes, {data.Organizations.Count} organizations, " +
                      $"{data.Classes.Count} classes, {data.Students.Count} students, {data.Teachers.Count} teachers, {data.Assignments.Count} assignments, " +
                      $"{accounts.Count} accounts");
        var loaded = history ? await DemoHistory.LoadAsync(dataSource, year, today, log, cancellationToken) : null;
        return new Result(Outcome.Seeded, year, null, credentials, data, loaded);
    }

    private static async Task<(long Nodes, string? Year)> StoredAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT (SELECT count(*) FROM nodes), (SELECT max(academic_year) FROM classes)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    /// <summary>A registry seeded before calendars and timetables existed gets the demo ones, so the journal can accept entries.</summary>
    private static async Task EnsureRulesAsync(NpgsqlDataSource dataSource, TextWriter log, CancellationToken cancellationToken)
    {
        await using var years = dataSource.CreateCommand("""
            SELECT DISTINCT c.academic_year, EXISTS (SELECT 1 FROM academic_terms t WHERE t.academic_year = c.academic_year),
                   EXISTS (SELECT 1 FROM timetable_slots s JOIN classes x ON x.id = s.class_id WHERE x.academic_year = c.academic_year)
            FROM classes c
            """);
        var missing = new List<(string Year, bool Calendar, bool Timetable)>();
        await using (var reader = await years.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                missing.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)));
            }
        }
        foreach (var (year, hasCalendar, hasTimetable) in missing)
        {
            if (!hasCalendar)
            {
                await DemoCalendar.WriteAsync(new AssessmentStore(dataSource), year, cancellationToken);
                log.WriteLine($"seed: demo calendars loaded for {year}");
            }
            if (!hasTimetable)
            {
                await DemoTimetable.WriteAsync(dataSource, year, cancellationToken);
                log.WriteLine($"seed: demo timetables loaded for {year}");
            }
        }
    }
}
