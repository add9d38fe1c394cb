using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Demo;
using EduInfo.Tools.Simulation;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Demo;

/// <summary>
/// The run command's demo works on any date: at each date the seed loads the country of the clock's academic year
/// (in the summer, the year just ended) with its journal up to yesterday, terms that ended closed, the Api starts, and
/// the simulator writes today's lessons and marks — or, on a day without lessons, nothing, without an error. The live
/// summaries then equal the journal's recount and are labelled with the data's year.
/// </summary>
public sealed class DemoOnAnyDateTests(ITestOutputHelper output)
{
    /// <summary>A host whose clock stands at one date, seeded as <c>eduinfo seed</c> does (with history).</summary>
    private sealed class DemoHost(DateTimeOffset at, ITestOutputHelper output) : ApiHost
    {
        protected override DateTimeOffset PinnedAt => at;

        public DemoSeed.Result Seeded { get; private set; } = null!;

        protected override async Task<DemoRegistry> CreateDatabaseAsync()
        {
            await Db.InitializeAsync();
            using var log = new StringWriter();
            Seeded = await DemoSeed.RunAsync(Db.DataSource, DemoCountryOptions.Tiny, Clock, log);
            output.WriteLine(log.ToString());
            return new DemoRegistry { Data = Seeded.Data!, Credentials = Seeded.Credentials };
        }

        protected override void Configure(IDictionary<string, string?> settings) => settings["RateLimits:LoginsPerAddressPerMinute"] = "0";
    }

    public enum Expect
    {
        /// <summary>A school day: the simulator writes today's roll-calls and marks.</summary>
        Lessons,

        /// <summary>No lessons today (a break, the summer): nothing is written and nothing fails.</summary>
        Nothing,
    }

    [Theory]
    [InlineData("2026-09-01T05:00:00Z", "2026-2027", Expect.Lessons, 0)]  // the first school day: no history yet
    [InlineData("2026-11-30T05:00:00Z", "2026-2027", Expect.Lessons, 1)]  // a Monday of the second quarter: term 1 closed
    [InlineData("2026-12-31T05:00:00Z", "2026-2027", Expect.Nothing, 2)]  // winter break: terms 1 and 2 (and semester 1) closed
    [InlineData("2027-07-15T05:00:00Z", "2026-2027", Expect.Nothing, 4)]  // summer holiday: the year just ended, every term closed
    [InlineData("2028-02-29T05:00:00Z", "2027-2028", Expect.Lessons, 2)]  // a leap day, a school day of the third quarter
    [InlineData("2028-09-05T05:00:00Z", "2028-2029", Expect.Lessons, 0)]  // a year whose journal partition did not exist
    public async Task The_demo_seeds_and_simulates_on_any_date(string instant, string year, Expect expect, int closedSchoolTerms)
    {
        var host = new DemoHost(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), output);
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await host.InitializeAsync();
            output.WriteLine($"host up after {started.Elapsed.TotalSeconds:0.0} s");
            await SeedsAndSimulatesAsync(host, year, expect, closedSchoolTerms);
            output.WriteLine($"done after {started.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private async Task SeedsAndSimulatesAsync(DemoHost host, string year, Expect expect, int closedSchoolTerms)
    {
        var today = host.Clock.Today;
        var phase = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(DemoSeed.Outcome.Seeded, host.Seeded.Outcome);
        Assert.Equal([year], await host.Db.ScalarAsync<string[]>("SELECT array_agg(DISTINCT academic_year) FROM classes"));
        Assert.True(await host.Db.ScalarAsync<bool>("SELECT to_regclass(@p) IS NOT NULL AND to_regclass(@n) IS NOT NULL",
            ("p", "journal_" + year.Replace('-', '_')), ("n", "journal_" + AcademicCalendar.Next(year).Replace('-', '_'))));
        Assert.Equal(4, await host.Db.ScalarAsync<long>("SELECT count(*) FROM synthetic_calendars WHERE academic_year = @y", ("y", year)));
        // The history ends before today; terms that ended are closed in every school class.
        Assert.Equal(0, await host.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE lesson_date >= @d", ("d", today)));
        Assert.Equal(closedSchoolTerms * host.Registry.Data.Classes.Count(c => host.Registry.Data.Organizations.Single(o => o.Id == c.OrganizationId).Kind == "school"),
            await host.Db.ScalarAsync<long>("""
                SELECT count(*) FROM term_events e JOIN classes c ON c.id = e.class_id JOIN organizations o ON o.id = c.organization_id
                WHERE o.kind = 'school' AND e.action = 'close'
                """));
        if (closedSchoolTerms > 0 || expect == Expect.Nothing)
        {
            Assert.True(host.Seeded.History!.Marks > 0 && host.Seeded.History.Lessons > 0, $"history: {host.Seeded.History}");
        }

        var before = await host.Db.ScalarAsync<long>("SELECT count(*) FROM journal");
        using var log = new StringWriter();
        var (requests, failures) = await new JournalSimulator(host.Db.DataSource, host.Http, host.Clock, log) { IdlePoll = TimeSpan.FromMilliseconds(200) }
            .RunAsync(requestsPerSecond: 25, TimeSpan.FromSeconds(4), dayLength: TimeSpan.FromMinutes(10), seed: 7, CancellationToken.None);
        output.WriteLine($"{today:yyyy-MM-dd}: {requests} requests, {failures} failed; {log}");
        Assert.Equal(0, failures);
        var written = await host.Db.ScalarAsync<long>("SELECT count(*) FROM journal") - before;
        if (expect == Expect.Lessons)
        {
            Assert.True(requests > 0 && written > 0, $"{requests} requests wrote {written} rows");
            Assert.Equal(written, await host.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE lesson_date = @d", ("d", today)));
        }
        else
        {
            Assert.Equal((0L, 0L), (requests, written));
        }

        // The live summaries add up to the journal, history included, and carry the data's year.
        var republic = await Convergence.RepublicCoversTheJournalAsync(host.Http, host.Db, TimeSpan.FromSeconds(60));
        Assert.Equal(year, republic.GetProperty("year").GetString());
        output.WriteLine($"{today:yyyy-MM-dd}: the republic covers the journal after {phase.Elapsed.TotalSeconds:0.0} s");
        // Every field of every cell of the republic (each term and subject, the year) equals the journal's recount.
        RecountComparison.AssertNone(await RecountComparison.MismatchesAsync(host.Http, host.Db.DataSource, ["KZ"], today), $"the republic on {today:yyyy-MM-dd}");
        output.WriteLine($"{today:yyyy-MM-dd}: every cell of the republic equals the recount after {phase.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(200, (await host.Http.GetJsonAsync($"/api/v1/nodes/KZ/summary?year={year}")).Status);
        Assert.Equal("yearNotLive", (await host.Http.GetJsonAsync($"/api/v1/nodes/KZ/summary?year={AcademicCalendar.Next(year)}")).Body
            .GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
