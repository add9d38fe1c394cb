using EduInfo.Domain.Registry;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>Members of staff for the staff tests: valid IINs nobody has, and a fresh teacher of an organization written straight to the registry.</summary>
internal static class StaffWorld
{
    private static int _serial = Random.Shared.Next(1000, 9000);

    /// <summary>A valid IIN (born 1985-03-14, a man of the 20th century) with a serial of this run.</summary>
    public static string NewIin()
    {
        while (true)
        {
            var first11 = $"8503143{Interlocked.Increment(ref _serial) % 10000:0000}";
            if (Iin.CheckDigit(first11) is { } check)
            {
                return first11 + check;
            }
        }
    }

    /// <summary>A teacher of <paramref name="organizationId"/> hired on 1 September 2026, with no account: its id.</summary>
    public static async Task<string> NewStaffAsync(TestDatabase db, string organizationId)
    {
        var id = "TS-" + Guid.NewGuid().ToString("N")[..12];
        await db.ExecuteAsync("""
            INSERT INTO teachers (id, iin, last_name, first_name, organization_id, post, hired_on) VALUES (@id, @iin, 'Тест', 'Мұғалім', @o, 'teacher', '2026-09-01')
            """, ("id", id), ("iin", NewIin()), ("o", organizationId));
        return id;
    }
}
