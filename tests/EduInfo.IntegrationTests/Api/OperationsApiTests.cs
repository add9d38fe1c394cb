using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>The operators' runtime figures reflect the grains a write activates (the benchmark's memory per grain uses them).</summary>
public sealed class OperationsApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Operator = "user=ops-operator-1; roles=operator@KZ";

    private static long Activations(System.Text.Json.JsonElement body, string grainType) =>
        body.GetProperty("activations").EnumerateArray()
            .Where(a => a.GetProperty("grainType").GetString() == grainType).Sum(a => a.GetProperty("activations").GetInt64());

    [Fact]
    public async Task Runtime_figures_count_the_student_grains_their_diaries_load()
    {
        var before = await api.Http.GetJsonAsync("/api/v1/ops/runtime?collect=true", Operator);
        Assert.Equal(200, before.Status);
        Assert.True(before.Body.GetProperty("siloCoHosted").GetBoolean());
        Assert.Equal(1, before.Body.GetProperty("silos").GetInt32());

        var t = api.Registry.InSchoolClass(3);
        var entries = t.Roster.Select(s => new { entryId = Guid.NewGuid(), studentId = s, subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 7 }).ToArray();
        var write = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new { entries }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(write.Status == 200, write.Body.ToString());

        // A write wakes no student grain (StudentGrainTests); reading the diaries loads them.
        foreach (var student in t.Roster)
        {
            Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", $"user={t.TeacherId}; roles=teacher")).Status);
        }

        var after = await api.Http.GetJsonAsync("/api/v1/ops/runtime?collect=true", Operator);
        Assert.Equal(200, after.Status);
        Assert.True(Activations(after.Body, "StudentGrain") - Activations(before.Body, "StudentGrain") >= t.Roster.Length,
            $"every read student's grain is active: {after.Body}");
        Assert.True(Activations(after.Body, "ClassGrain") >= 1);
        // Both in bytes and plausible. Not "heap ≤ working set": other test classes allocate in this process between the
        // collection and the two readings, and heap pages need not be resident (seen: 805 MB heap, 746 MB working set).
        var heap = after.Body.GetProperty("managedHeapBytes").GetInt64();
        var workingSet = after.Body.GetProperty("workingSetBytes").GetInt64();
        Assert.InRange(workingSet, 16L << 20, 64L << 30);
        Assert.InRange(heap, 1L << 20, 2 * workingSet);
        Assert.DoesNotContain(t.Roster[0], after.Body.ToString()); // counts and bytes, no ids
    }
}
