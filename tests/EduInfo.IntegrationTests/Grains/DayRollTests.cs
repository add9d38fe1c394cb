using EduInfo.Domain.Calendar;
using EduInfo.Domain.Metrics;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace EduInfo.IntegrationTests.Grains;

/// <summary>
/// Issue #13.4, the day roll: two silos, each running the roll-up reconciler every 250 ms, on a domain clock pinned to
/// Sunday 29 November 2026, 23:59 in Kazakhstan, which the test moves past midnight. Without a single write, one silo
/// (never both) rolls Monday, every class's version moves, and the figures that depend on the date follow: a student
/// who left one class on Sunday counts in the other from Monday, and Monday's timetabled lessons are scheduled.
/// </summary>
public sealed class DayRollTests : IAsyncLifetime
{
    private static readonly DateOnly Sunday = new(2026, 11, 29), Monday = new(2026, 11, 30);

    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = TestClock.Fake(new DateTimeOffset(2026, 11, 29, 18, 59, 0, TimeSpan.Zero));
    private readonly LogCapture _log = new("RollupReconciler");
    private DemoRegistry _registry = null!;
    private InProcessTestCluster _cluster = null!;
    private DemoRegistry.Teaching _to = null!, _from = null!;
    private string _mover = null!;

    public async Task InitializeAsync()
    {
        _registry = await DemoRegistry.CreateAsync(_db);
        _to = _registry.InSchoolClass(0);
        _from = _registry.InSchoolClass(1);
        _mover = _from.Roster[0];
        // A move decided in advance (the registry's import, not a transfer today): the student's last day in one class is
        // Sunday, the first in the other Monday. Nothing else happens at midnight.
        await _db.ExecuteAsync("UPDATE enrolments SET to_date = @sunday WHERE student_id = @s AND class_id = @c",
            ("sunday", Sunday), ("s", _mover), ("c", _from.ClassId));
        await _db.ExecuteAsync("INSERT INTO enrolments (student_id, class_id, from_date) VALUES (@s, @c, @monday)",
            ("s", _mover), ("c", _to.ClassId), ("monday", Monday));
        _cluster = await EduInfoTestCluster.StartAsync(_db, "day-roll-tests", silos: 2, clock: new KazakhstanClock(_time),
            configureSilo: silo => silo.Services.AddSingleton<ILoggerProvider>(_log),
            overrides: new Dictionary<string, string?> { ["Rollup:ReconcileInterval"] = "00:00:00.250" });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Past_Kazakhstan_midnight_one_silo_rolls_the_day_every_class_version_moves_and_the_dated_figures_follow()
    {
        var republic = _cluster.Client.GetGrain<IAreaGrain>("KZ");
        var classes = _registry.Data.Classes.Select(c => c.Id).ToList();
        var term2 = new SummaryKey(2, SummaryKey.AllSubjects);

        // Sunday night: the day was rolled once at start, and the republic has converged on it.
        await Eventually.MatchesAsync(() => _db.ScalarAsync<long>("SELECT count(*) FROM day_rolls WHERE day = @d", ("d", Sunday)), n => n == 1,
            TimeSpan.FromSeconds(30), "Sunday rolled");
        await ConvergedAsync(republic);
        var watermarks = await WatermarksAsync();
        var to = await ClassAsync(_to.ClassId);
        var from = await ClassAsync(_from.ClassId);
        var kz = await republic.GetSummary();
        Assert.Contains(_mover, _from.Roster);
        Assert.Equal(_from.Roster.Length, from.Figures.Students);
        Assert.Equal(_to.Roster.Length, to.Figures.Students);
        // Monday's lessons, counted from the timetable table (not by the code under test); Sunday has none.
        var mondayLessons = await _db.ScalarAsync<long>(
            "SELECT count(*) FROM timetable_slots WHERE class_id = @c AND weekday = 1 AND valid_from <= @monday AND (valid_to IS NULL OR valid_to >= @monday)",
            ("c", _to.ClassId), ("monday", Monday));
        Assert.True(mondayLessons > 0);

        _time.Advance(TimeSpan.FromMinutes(2)); // 00:01 on Monday in Kazakhstan, 19:01 on Sunday in UTC

        await Eventually.MatchesAsync(() => _db.ScalarAsync<long>("SELECT count(*) FROM day_rolls WHERE day = @d", ("d", Monday)), n => n == 1,
            TimeSpan.FromSeconds(30), "Monday rolled");
        var rolled = await WatermarksAsync();
        Assert.All(classes, c => Assert.True(rolled[c] > watermarks[c], $"{c}: version {watermarks[c]} did not move ({rolled[c]})"));
        await ConvergedAsync(republic);

        // The student counts in the new class from Monday, no longer in the old; the republic's headcount is unchanged.
        Assert.Equal(_to.Roster.Length + 1, (await ClassAsync(_to.ClassId)).Figures.Students);
        Assert.Equal(_from.Roster.Length - 1, (await ClassAsync(_from.ClassId)).Figures.Students);
        var kzMonday = await republic.GetSummary();
        Assert.Equal(kz.Figures.Students, kzMonday.Figures.Students);
        // Monday's timetabled lessons are now scheduled (term 2 runs on), in the class and up to the republic.
        Assert.Equal(to.Cell(term2).LessonsScheduled + mondayLessons, (await ClassAsync(_to.ClassId)).Cell(term2).LessonsScheduled);
        var allMondayLessons = await _db.ScalarAsync<long>(
            "SELECT count(*) FROM timetable_slots WHERE weekday = 1 AND valid_from <= @monday AND (valid_to IS NULL OR valid_to >= @monday)", ("monday", Monday));
        Assert.Equal(kz.Figures.LessonsScheduled + allMondayLessons, kzMonday.Figures.LessonsScheduled);

        // Both silos keep ticking past midnight, yet the day was claimed and rolled once: one log line for Monday, in all.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var rolls = _log.Entries.Where(e => e.Message.StartsWith("Day roll", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Single(rolls, r => r.Contains(Monday.ToString("O"), StringComparison.Ordinal) || r.Contains(Monday.ToString(), StringComparison.Ordinal));
        Assert.Equal(2, rolls.Count); // Sunday's at start, Monday's
    }

    private async Task ConvergedAsync(IAreaGrain republic)
    {
        var expected = await _db.ScalarAsync<long>("SELECT sum(seq) FROM class_watermarks");
        await Eventually.MatchesAsync(async () => (await republic.GetSummary()).Version, v => v == expected, TimeSpan.FromSeconds(30), "the republic at the watermarks");
    }

    private Task<NodeSummary> ClassAsync(string classId) => _cluster.Client.GetGrain<IClassGrain>(classId).GetSummary();

    private async Task<Dictionary<string, long>> WatermarksAsync()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = _db.DataSource.CreateCommand("SELECT class_id, seq FROM class_watermarks");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }
        return result;
    }
}
