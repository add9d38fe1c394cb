using EduInfo.Domain.Calendar;
using EduInfo.Domain.YearEnd;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.YearEnd;
using Npgsql;

namespace EduInfo.Tools.Operations;

/// <summary>
/// <c>eduinfo year-roll YEAR [--force]</c>: rolls a closed academic year into the next with the cluster stopped — the same
/// plan (<see cref="YearRoll"/>) and the same all-or-nothing write (<see cref="YearRollStore"/>) as
/// <c>POST /api/v1/years/{year}/roll</c>, audited as the system's. A cluster started afterwards counts the next year
/// (its hierarchy reconciles on start). It refuses when a silo is running (use the API then), unless <c>--force</c>;
/// while the year is open; while a pupil has no council decision (listed by class); and once the next year has classes.
/// </summary>
public static class YearRollCommand
{
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, string[] args, TextWriter output, TextWriter error)
    {
        var force = args.Contains("--force", StringComparer.Ordinal);
        var years = args.Where(a => a != "--force").ToList();
        if (years.Count != 1 || !AcademicCalendar.IsYear(years[0]))
        {
            error.WriteLine("usage: eduinfo year-roll YEAR [--force]   (YEAR like 2026-2027)");
            return 2;
        }
        var year = years[0];
        if (await RebuildCommand.LiveSilosAsync(dataSource) is > 0 and var live && !force)
        {
            error.WriteLine($"{live} silo(s) are running: roll through the API (POST /api/v1/years/{year}/roll), or stop the cluster.");
            return 3;
        }
        var store = new AcademicYearStore(dataSource);
        if (await store.ReadAsync(year) is not { Closed: true })
        {
            error.WriteLine($"{year} is not closed: close it first (POST /api/v1/years/{year}/close).");
            return 4;
        }
        var assessment = new AssessmentStore(dataSource);
        var rolls = new YearRollStore(dataSource, assessment);
        var (classes, pupils) = await rolls.ReadAsync(year);
        var plan = YearRoll.Plan(year, classes, pupils, FinalAttestationPolicies.InForce(await assessment.ReadAttestationPoliciesAsync(), year));
        if (!plan.CanRoll)
        {
            error.WriteLine($"{plan.Undecided.Count} pupil(s) have no council decision; nothing was rolled. By class:");
            foreach (var group in plan.Undecided.GroupBy(p => p.ClassId))
            {
                error.WriteLine($"  {group.Key}: {group.Count()}");
            }
            return 5;
        }
        var written = await rolls.RollAsync(year, plan, new AuditEntry("system", [], null, "year.roll", "year", year, null, "committed"));
        if (written == RollWrite.AlreadyRolled)
        {
            error.WriteLine($"{plan.NextYear} already has classes: {year} has rolled.");
            return 6;
        }
        output.WriteLine($"{year} rolled into {plan.NextYear}: {plan.Classes.Count} classes; " + string.Join(", ",
            plan.Moves.GroupBy(m => CouncilValidator.NameOf(m.Decision)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        return 0;
    }
}
