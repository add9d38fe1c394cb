using System.Text.Json;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>Waits for the live roll-up to have caught up with everything the database holds.</summary>
public static class Convergence
{
    /// <summary>
    /// The republic's summary once its version equals the classes' watermarks and it counts every organization: the
    /// version follows journal writes only, and an organization without a class (an empty centre) counts itself when its
    /// first summary arrives without moving any version.
    /// </summary>
    public static async Task<JsonElement> RepublicCoversTheJournalAsync(HttpClient http, TestDatabase db, TimeSpan timeout)
    {
        var version = await db.ScalarAsync<long>("SELECT coalesce(sum(seq), 0) FROM class_watermarks");
        var organizations = await db.ScalarAsync<long>("SELECT count(*) FROM organizations");
        var republic = await Eventually.MatchesAsync(() => http.GetJsonAsync("/api/v1/nodes/KZ/summary"),
            r => r.Status == 200 && r.Body.GetProperty("version").GetInt64() == version
                && r.Body.GetProperty("figures").GetProperty("organizations").GetInt64() == organizations,
            timeout, $"the republic at version {version} with {organizations} organizations");
        return republic.Body;
    }
}
