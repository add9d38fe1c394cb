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
        var republic = await Eventually.MatchesAsync(async () => Seen.Of(await http.GetJsonAsync("/api/v1/nodes/KZ/summary")),
            r => r.Status == 200 && r.Version == version && r.Organizations == organizations,
            timeout, $"the republic at version {version} with {organizations} organizations");
        return republic.Body;
    }

    /// <summary>What a failure names first: the two figures waited for, then the body.</summary>
    private sealed record Seen(int Status, long? Version, long? Organizations, JsonElement Body)
    {
        public static Seen Of((int Status, JsonElement Body, string? ContentType) response) => response.Status == 200
            ? new(200, response.Body.GetProperty("version").GetInt64(), response.Body.GetProperty("figures").GetProperty("organizations").GetInt64(), response.Body)
            : new(response.Status, null, null, response.Body);

        public override string ToString() => $"status {Status}, version {Version}, organizations {Organizations}: {Body}";
    }
}
