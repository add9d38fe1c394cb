using EduInfo.Domain.Calendar;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using EduInfo.Storage.YearEnd;

namespace EduInfo.IntegrationTests.Registry;

/// <summary>
/// A class's year standing read with the class (issue 26.5: the closed flag and the live year are columns of the class's
/// own query, not two more round trips per activation), on a real PostgreSQL: in each state of the year — open, closed,
/// rolled into the next, reopened — it says what the year store's own queries say, for a class of the organization that
/// rolled and for one of an organization that did not. The class's timetable, read in the same batch when its grain
/// loads, is the timetable store's own.
/// </summary>
public sealed class ClassStandingTests : IAsyncLifetime
{
    private const string Year = "2026-2027";
    private readonly TestDatabase _db = new();
    private DemoRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await DemoRegistry.CreateAsync(_db);

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task The_standing_read_with_the_class_agrees_with_the_year_store_in_every_state_of_the_year()
    {
        var registry = new RegistryStore(_db.DataSource, new KazakhstanClock(TestClock.Fake()));
        var years = new AcademicYearStore(_db.DataSource);
        var rolling = _registry.Data.Classes[0];
        var staying = _registry.Data.Classes.First(c => c.OrganizationId != rolling.OrganizationId);

        // (step, what it does to the database, the expected (closed, live) of the rolling class and of the other one)
        var steps = new (string Step, string Sql, (bool, bool) Rolling, (bool, bool) Staying)[]
        {
            ("open", "SELECT 1", (false, true), (false, true)),
            ("closed", $"INSERT INTO academic_years (academic_year, closed_at, closed_by) VALUES ('{Year}', now(), 'op')", (true, true), (true, true)),
            ("rolled", $"""
                INSERT INTO classes (id, organization_id, academic_year, grade, letter, language, path)
                SELECT id || '-next', organization_id, '2027-2028', grade, letter, language, path FROM classes WHERE id = '{rolling.Id}'
                """, (true, false), (true, true)),
            ("reopened", $"UPDATE academic_years SET closed_at = NULL, closed_by = NULL WHERE academic_year = '{Year}'", (false, false), (false, true)),
        };
        foreach (var (step, sql, expectedRolling, expectedStaying) in steps)
        {
            await _db.ExecuteAsync(sql);
            foreach (var (cls, expected) in new[] { (rolling, expectedRolling), (staying, expectedStaying) })
            {
                var standing = await registry.FindClassStandingAsync(cls.Id, withTimetable: false);
                Assert.NotNull(standing);
                var oracle = (await years.IsClosedAsync(standing.Class.AcademicYear), await years.LiveYearAsync(cls.OrganizationId) == standing.Class.AcademicYear);
                Assert.True(((standing.YearClosed, standing.YearLive) == expected) && expected == oracle,
                    $"{step}, {cls.Id}: standing ({standing.YearClosed}, {standing.YearLive}), year store {oracle}, expected {expected}");
                Assert.Equivalent(standing.Class, await registry.FindClassAsync(cls.Id), strict: true);
            }
        }
        Assert.Null(await registry.FindClassStandingAsync("no-such-class", withTimetable: true));
    }

    [Fact]
    public async Task The_timetable_read_with_the_class_is_the_timetable_stores_before_and_after_a_replacement()
    {
        var registry = new RegistryStore(_db.DataSource, new KazakhstanClock(TestClock.Fake()));
        var timetables = new TimetableStore(_db.DataSource);
        var cls = _registry.Data.Classes[0];
        var before = await timetables.ReadAsync(cls.Id);
        Assert.NotEmpty(before); // the demo country has a timetable
        Assert.Equivalent(before, (await registry.FindClassStandingAsync(cls.Id, withTimetable: true))!.Timetable, strict: true);
        Assert.Null((await registry.FindClassStandingAsync(cls.Id, withTimetable: false))!.Timetable);

        // A new timetable from a later day: the old slots end the day before, the new ones start.
        var first = before[0];
        var from = first.ValidFrom.AddDays(14);
        await timetables.ReplaceAsync(cls.Id, from, [(first.GroupId, first.SubjectId, 1, 1), (first.GroupId, first.SubjectId, 3, 2)],
            new AuditEntry("test", [], null, "timetable.replace", "class", cls.Id, cls.OrganizationId, "committed"));
        var after = await timetables.ReadAsync(cls.Id);
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equivalent(after, (await registry.FindClassStandingAsync(cls.Id, withTimetable: true))!.Timetable, strict: true);
    }
}
