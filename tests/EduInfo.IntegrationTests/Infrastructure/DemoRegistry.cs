using EduInfo.Domain.Calendar;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Registry;
using EduInfo.Storage.Registry.Model;
using EduInfo.Storage.Security;
using EduInfo.Tools.Demo;
using Npgsql;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>The tiny demo country loaded into a test database, with handy look-ups for writing journal entries.</summary>
public sealed class DemoRegistry
{
    public required RegistryData Data { get; init; }

    /// <summary>The demo logins, one per role (teachers log in with their id and <see cref="DemoAccounts.TeacherPassword"/>).</summary>
    public IReadOnlyList<DemoAccounts.Credential> Credentials { get; init; } = [];

    /// <summary>
    /// Creates <paramref name="db"/> holding the demo country of <paramref name="options"/> (tiny by default): a copy of the
    /// run's template for those options (<see cref="DatabaseTemplates"/>), made on first use.
    /// </summary>
    public static async Task<DemoRegistry> CreateAsync(TestDatabase db, DemoCountryOptions? options = null)
    {
        options ??= DemoCountryOptions.Tiny;
        if (!db.OnSharedServer)
        {
            await db.InitializeAsync();
            return await WriteAsync(db.DataSource, options);
        }
        var (template, registry) = await DatabaseTemplates.DemoCountryAsync(db.Admin, options);
        await db.CreateAsync(template);
        return registry;
    }

    /// <summary>Loads the demo country into a migrated database: its registry, accounts, calendar and timetable.</summary>
    public static async Task<DemoRegistry> WriteAsync(NpgsqlDataSource dataSource, DemoCountryOptions options)
    {
        var data = DemoCountry.Generate(options);
        await new RegistryWriter(dataSource).WriteAsync(data);
        var (accounts, credentials) = DemoAccounts.Create(data);
        await new AccountStore(dataSource).CreateAsync(accounts);
        await DemoCalendar.WriteAsync(new AssessmentStore(dataSource), data.Classes[0].AcademicYear);
        await DemoTimetable.WriteAsync(dataSource, data.Classes[0].AcademicYear);
        return new DemoRegistry { Data = data, Credentials = credentials };
    }

    /// <summary>Classes whose subjects are marked (grade 2 and up), with their teacher per subject and roster.</summary>
    public IReadOnlyList<Teaching> Teachings() =>
        Data.Assignments
            .Join(Data.Classes.Where(c => c.Grade >= 2), a => a.GroupId, c => c.Id, (a, c) => a)
            .Select(a => new Teaching(a.GroupId, a.SubjectId, a.TeacherId,
                Data.Enrolments.Where(e => e.ClassId == a.GroupId).Select(e => e.StudentId).Order(StringComparer.Ordinal).ToArray()))
            .ToList();

    /// <summary>One teaching (subject and teacher) of the <paramref name="index"/>-th markable class: distinct indexes, distinct classes.</summary>
    public Teaching InClass(int index) => Teachings().GroupBy(t => t.ClassId).ElementAt(index).First();

    /// <summary>Like <see cref="InClass"/>, among the classes of schools only (quarters and 2–5 marks; colleges have semesters and letters).</summary>
    public Teaching InSchoolClass(int index)
    {
        var schools = Data.Organizations.Where(o => o.Kind == "school").Select(o => o.Id).ToHashSet();
        return Teachings().Where(t => schools.Contains(Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId))
            .GroupBy(t => t.ClassId).ElementAt(index).First();
    }

    /// <summary>The demo calendar's school days (five-day week) from <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    public static IReadOnlyList<DateOnly> SchoolDays(DateOnly from, DateOnly to)
    {
        var calendar = new EduInfo.Domain.Calendar.SchoolCalendar(EduInfo.Domain.Calendar.SyntheticCalendar.For("2026-2027", "school"));
        var days = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (calendar.Check(day, 5, 5, []) == EduInfo.Domain.Calendar.DayStatus.SchoolDay)
            {
                days.Add(day);
            }
        }
        return days;
    }

    public sealed record Teaching(string ClassId, string SubjectId, string TeacherId, string[] Roster);
}
