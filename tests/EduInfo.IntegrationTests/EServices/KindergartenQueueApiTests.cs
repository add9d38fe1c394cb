using System.Text.Json;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.IntegrationTests.Api;
using EduInfo.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// The kindergarten queue through HTTP and PostgreSQL (issue 22): kept by the district department, one per district and
/// birth year; a confirmed priority goes ahead of the order of receipt; a direction goes to the first child only, to a
/// kindergarten of the district, and lapses unused after its working days, the child returning to its place; every
/// change of place is stored with its cause and shown to the parent; the published queue names no one.
/// </summary>
public sealed class KindergartenQueueApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string District => api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).First().NodeId;

    private string Officer => $"user=queue-officer; roles=district_officer@{District}";

    private string ParentId(int index) => api.Registry.Data.StudentParents.Select(p => p.ParentId).Distinct().Order().ElementAt(index);

    private async Task<string> QueuedAsync(int parent, string priority, bool confirmPriority)
    {
        var (link, certificate, _) = await ApplicationApiTests.ClaimAsync(api.Http, ParentId(parent), birth: "240312");
        var filed = await api.Http.PostJsonAsync("/api/v1/applications", new
        {
            service = "kindergartenQueue", childLinkId = link, officeId = District, documents = new[] { "birthCertificate", "priorityProof" }, priority,
        }, ApplicationApiTests.Parent(ParentId(parent)));
        Assert.True(filed.Status == 201, $"{filed.Status} {filed.Body}");
        var id = filed.Body.GetProperty("id").GetString()!;
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/applications/{id}/link-confirmation", new { birthCertificate = certificate }, Officer)).Status);
        Assert.Equal(200, (await StepAsync(id, new { action = "take" })).Status);
        var queued = await StepAsync(id, new { action = "enqueue", priorityConfirmed = confirmPriority });
        Assert.True(queued.Status == 200, $"{queued.Status} {queued.Body}");
        return id;
    }

    private async Task<(int Status, JsonElement Body)> StepAsync(string id, object step, string? who = null)
    {
        var r = await api.Http.PostJsonAsync($"/api/v1/applications/{id}/steps", step, who ?? Officer, "ru");
        return (r.Status, r.Body);
    }

    private async Task<JsonElement> QueueOfAsync(string id, int parent) =>
        (await api.Http.GetJsonAsync($"/api/v1/applications/{id}", ApplicationApiTests.Parent(ParentId(parent)), "kk")).Body.GetProperty("queue");

    private static string Changes(JsonElement queue) => string.Join(" ", queue.GetProperty("changes").EnumerateArray().Select(c =>
        $"{Place(c.GetProperty("from"))}>{Place(c.GetProperty("to"))}:{c.GetProperty("cause").GetString()}"));

    private static string Place(JsonElement place) => place.ValueKind == JsonValueKind.Null ? "-" : place.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_confirmed_priority_goes_first_a_direction_goes_to_the_first_child_and_lapses_back_to_its_place()
    {
        var kindergarten = "KG-" + Guid.NewGuid().ToString("N")[..10];
        var opened = await api.Http.PostJsonAsync($"/api/v1/nodes/{District}/organizations", AuthorizationScenario.Opening(kindergarten, "preschool"), "user=queue-op; roles=operator@KZ");
        Assert.True(opened.Status == 201, $"{opened.Status} {opened.Body}");

        // Filed in the order a, b, c; b's large family is confirmed, so b goes ahead of a and c.
        var a = await QueuedAsync(0, "none", confirmPriority: false);
        var c = await QueuedAsync(2, "none", confirmPriority: false);
        var b = await QueuedAsync(1, "largeFamily", confirmPriority: true);
        // d is filed and left untaken past its deadline (Monday 30 November).
        var (dLink, _, _) = await ApplicationApiTests.ClaimAsync(api.Http, ParentId(3), birth: "240501");
        var d = await api.Http.PostJsonAsync("/api/v1/applications", new { service = "kindergartenQueue", childLinkId = dLink, officeId = District,
            documents = new[] { "birthCertificate" } }, ApplicationApiTests.Parent(ParentId(3)));
        Assert.True(d.Status == 201, $"{d.Status} {d.Body}");
        var queueOfA = await QueueOfAsync(a, 0);
        Assert.Equal((2, 3), (queueOfA.GetProperty("place").GetInt32(), queueOfA.GetProperty("of").GetInt32()));
        Assert.Equal("->1:entered 1>2:entered", Changes(queueOfA));
        Assert.Equal("Кезекке қойылды", queueOfA.GetProperty("changes")[0].GetProperty("causeName").GetString());

        // Published: places with references, the counting priority, no name.
        var published = await api.Http.GetJsonAsync($"/api/v1/public/queues/{District}", actor: null, acceptLanguage: "ru");
        Assert.True(published.Status == 200, $"{published.Status} {published.Body}");
        var year = published.Body.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("birthYear").GetInt32() == 2024);
        async Task<string> RefAsync(string id, int parent) => (await QueueOfAsync(id, parent)).GetProperty("reference").GetString()!;
        Assert.Equal($"1:{await RefAsync(b, 1)}:True:2026-11 2:{await RefAsync(a, 0)}:False:2026-11 3:{await RefAsync(c, 2)}:False:2026-11",
            string.Join(" ", year.GetProperty("places").EnumerateArray().Select(p =>
            $"{p.GetProperty("place").GetInt32()}:{p.GetProperty("reference").GetString()}:{p.GetProperty("priority").GetBoolean()}:{p.GetProperty("filedMonth").GetString()}")));
        Assert.DoesNotContain("largeFamily", published.Body.GetRawText());
        Assert.DoesNotContain("Сәрсенова", published.Body.GetRawText());
        Assert.Equal(404, (await api.Http.GetJsonAsync("/api/v1/public/queues/KZ", actor: null)).Status);

        // A direction: not to a child who is not first, not to a school, then to the kindergarten for five working days.
        var notFirst = await StepAsync(a, new { action = "direct", organizationId = kindergarten });
        Assert.Equal((409, "action:notFirstInQueue"), (notFirst.Status, ApplicationApiTests.Errors(notFirst.Body)));
        var school = api.Registry.Data.Organizations.First(o => o.NodeId == District && o.Kind == "school").Id;
        var toSchool = await StepAsync(b, new { action = "direct", organizationId = school });
        Assert.Equal((400, "organizationId:kindergartenWrong"), (toSchool.Status, ApplicationApiTests.Errors(toSchool.Body)));
        var directed = await StepAsync(b, new { action = "direct", organizationId = kindergarten });
        Assert.True(directed.Status == 200, $"{directed.Status} {directed.Body}");
        Assert.Equal(("directed", "2026-12-04"), (directed.Body.GetProperty("state").GetString(), directed.Body.GetProperty("queue").GetProperty("directionUntil").GetString()));
        Assert.Equal("->1:entered 1>2:entered 2>1:directed", Changes(await QueueOfAsync(a, 0)));

        // Unused until Monday 7 December, the direction lapses at the reminder's wake: b returns ahead of a and c.
        api.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IServiceApplicationGrain>(Guid.Parse(b)).Wake();
        var lapsed = await QueueOfAsync(b, 1);
        Assert.Equal((1, "->1:entered 1>-:directed ->1:directionLapsed"), (lapsed.GetProperty("place").GetInt32(), Changes(lapsed)));
        Assert.Equal("->1:entered 1>2:entered 2>1:directed 1>2:directionLapsed", Changes(await QueueOfAsync(a, 0)));
        var last = (await api.Http.GetJsonAsync($"/api/v1/applications/{b}", ApplicationApiTests.Parent(ParentId(1)))).Body.GetProperty("transitions").EnumerateArray().Last();
        Assert.Equal("lapse:system", $"{last.GetProperty("action").GetString()}:{last.GetProperty("by").GetString()}");

        // b's parent withdraws: everyone behind moves up, the cause stored.
        Assert.Equal(200, (await StepAsync(b, new { action = "withdraw" }, ApplicationApiTests.Parent(ParentId(1)))).Status);
        Assert.Equal("->1:entered 1>2:entered 2>1:directed 1>2:directionLapsed 2>1:left", Changes(await QueueOfAsync(a, 0)));
        Assert.Equal(2, (await QueueOfAsync(c, 2)).GetProperty("place").GetInt32());

        // The Ministry's view on 7 December: four received in the district, three decided the day they were filed, d overdue.
        var region = api.Registry.Data.Nodes.Single(n => n.Id == District).ParentId!;
        var figures = await api.Http.GetJsonAsync($"/api/v1/public/nodes/{region}/services", actor: null, acceptLanguage: "kk");
        Assert.True(figures.Status == 200, $"{figures.Status} {figures.Body}");
        static string F(JsonElement f) => $"{f.GetProperty("received").GetInt32()} {f.GetProperty("decided").GetInt32()} {f.GetProperty("decidedOnTime").GetInt32()} "
            + $"{f.GetProperty("overdue").GetInt32()} {f.GetProperty("medianWorkingDaysToDecision").GetDouble()}";
        Assert.Equal("4 3 3 1 0", F(figures.Body.GetProperty("total")));
        Assert.Equal("4 3 3 1 0", F(figures.Body.GetProperty("children").EnumerateArray().Single(x => x.GetProperty("nodeId").GetString() == District).GetProperty("figures")));
        Assert.Equal("4 3 3 1 0", F(figures.Body.GetProperty("byService").EnumerateArray().Single(x => x.GetProperty("service").GetString() == "kindergartenQueue").GetProperty("figures")));
        var officers = await api.Http.GetJsonAsync($"/api/v1/nodes/{region}/applications/overdue", $"user=queue-ro; roles=region_officer@{region}", "ru");
        var overdue = officers.Body.EnumerateArray().Single();
        Assert.Equal((d.Body.GetProperty("id").GetString(), 5, false), (overdue.GetProperty("id").GetString(), overdue.GetProperty("workingDaysLate").GetInt32(),
            overdue.GetProperty("escalated").GetBoolean()));
        Assert.DoesNotContain("Сәрсенова", officers.Body.GetRawText());
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/public/nodes/{api.Registry.Data.Classes[0].Id}/services", actor: null)).Status);
    }

}
