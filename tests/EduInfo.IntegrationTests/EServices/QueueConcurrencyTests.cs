using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// Issue 22, the kindergarten queue's places under steps at once: three children enqueued while three others are
/// withdrawn, all in the same instant on one queue. Each step records its own moves in its transaction, under the queue's
/// lock: a child entering moves down only those behind it, a child leaving moves up only those behind it;
/// the stored changes, replayed in order, give the places the rules give now.
/// </summary>
public sealed class QueueConcurrencyTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string District => api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).Skip(1).First().NodeId;

    private string Officer => $"user=race-officer; roles=district_officer@{District}";

    private string ParentId(int index) => api.Registry.Data.StudentParents.Select(p => p.ParentId).Distinct().Order().ElementAt(index);

    [Fact]
    public async Task Steps_at_once_on_one_queue_each_record_their_own_moves_with_their_own_cause()
    {
        var queued = new List<(string Id, int Parent)>();
        for (var parent = 0; parent < 6; parent++)
        {
            var id = await TakenAsync(parent);
            await StepAsync(id, new { action = "enqueue", priorityConfirmed = false }, Officer);
            queued.Add((id, parent));
        }
        var waiting = new List<string>();
        for (var parent = 6; parent < 9; parent++)
        {
            waiting.Add(await TakenAsync(parent));
        }

        // At once: the first, third and fifth withdrawn by their parents, three more enqueued by the officer.
        var leaving = new[] { queued[0], queued[2], queued[4] };
        await Task.WhenAll(leaving.Select(l => StepAsync(l.Id, new { action = "withdraw" }, ApplicationApiTests.Parent(ParentId(l.Parent))))
            .Concat(waiting.Select(id => StepAsync(id, new { action = "enqueue", priorityConfirmed = false }, Officer))));

        var rows = new List<(Guid Application, int? From, int? To, string Cause)>();
        await using (var read = api.Db.DataSource.CreateCommand(
            "SELECT application_id, from_place, to_place, cause FROM queue_positions WHERE district_id = @d AND birth_year = 2024 ORDER BY id"))
        {
            read.Parameters.AddWithValue("d", District);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3)));
            }
        }
        // An entering child takes its place (by filing time: it may go ahead of one entered just before it), moving those
        // behind it down one; a leaving child moves those behind it up one. Nothing else is any step's doing.
        Assert.All(rows.Where(r => r.Cause == "entered"), r => Assert.True(r.From is null || r.To == r.From + 1, $"{r.From}>{r.To} entered"));
        Assert.All(rows.Where(r => r.Cause == "left"), r => Assert.True(r.To is null || r.To == r.From - 1, $"{r.From}>{r.To} left"));
        Assert.Equal(leaving.Length, rows.Count(r => r.Cause == "left" && r.To is null));
        Assert.Equal(queued.Count + waiting.Count, rows.Count(r => r.Cause == "entered" && r.From is null));
        Assert.Equal(["entered", "left"], rows.Select(r => r.Cause).Distinct().Order());

        // Replayed in order, the changes give every child's place now: 1 … 6, the three who stayed first, in filing order.
        var places = new Dictionary<Guid, int>();
        foreach (var (application, from, to, _) in rows)
        {
            Assert.Equal(from, places.TryGetValue(application, out var was) ? was : null);
            if (to is { } place)
            {
                places[application] = place;
            }
            else
            {
                places.Remove(application);
            }
        }
        var stayed = queued.Except(leaving).Select(q => q.Id);
        Assert.Equal(stayed.Select(Guid.Parse), places.Where(p => p.Value <= 3).OrderBy(p => p.Value).Select(p => p.Key));
        Assert.Equal(waiting.Select(Guid.Parse).Order(), places.Where(p => p.Value > 3).Select(p => p.Key).Order());
        foreach (var (id, parent) in queued.Except(leaving))
        {
            var queue = (await api.Http.GetJsonAsync($"/api/v1/applications/{id}", ApplicationApiTests.Parent(ParentId(parent)))).Body.GetProperty("queue");
            Assert.Equal((places[Guid.Parse(id)], 6), (queue.GetProperty("place").GetInt32(), queue.GetProperty("of").GetInt32()));
        }
    }

    /// <summary>A child born in 2024 named by the parent, filed to the queue, the link confirmed and the application taken.</summary>
    private async Task<string> TakenAsync(int parent)
    {
        var (link, certificate, _) = await ApplicationApiTests.ClaimAsync(api.Http, ParentId(parent), birth: "240601");
        var filed = await api.Http.PostJsonAsync("/api/v1/applications", new
        {
            service = "kindergartenQueue", childLinkId = link, officeId = District, documents = new[] { "birthCertificate" },
        }, ApplicationApiTests.Parent(ParentId(parent)));
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/applications/{id}/link-confirmation", new { birthCertificate = certificate }, Officer)).Status);
        await StepAsync(id, new { action = "take" }, Officer);
        return id;
    }

    private async Task StepAsync(string id, object step, string who)
    {
        var response = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", step, who);
        Assert.True(response.Status == 200, $"{id}: {response.Status} {response.Body}");
    }
}
