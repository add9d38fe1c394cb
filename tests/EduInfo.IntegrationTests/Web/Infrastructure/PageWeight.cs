using Microsoft.Playwright;
using Xunit.Abstractions;
using IRequest = Microsoft.Playwright.IRequest;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// What a page costs over the wire: the transferred (compressed) bytes of the document and of everything it loads —
/// each response's body as encoded on the wire plus its headers, as Chromium counted them.
/// </summary>
public static class PageWeight
{
    public sealed record Weight(string Path, long Bytes, int Requests)
    {
        public double KiB => Bytes / 1024.0;
    }

    /// <summary>Loads <paramref name="path"/> in <paramref name="session"/> and weighs what it took until the network was idle.</summary>
    public static async Task<Weight> MeasureAsync(BrowserSession session, string path)
    {
        var finished = new List<IRequest>();
        void OnFinished(object? sender, IRequest request)
        {
            lock (finished)
            {
                finished.Add(request);
            }
        }
        session.Page.RequestFinished += OnFinished;
        try
        {
            await session.OpenAsync(path);
        }
        finally
        {
            session.Page.RequestFinished -= OnFinished;
        }
        long bytes = 0;
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        return new Weight(path, bytes, finished.Count);
    }

    /// <summary>Weighs <paramref name="path"/>, prints the figure and fails when it is over <paramref name="budgetKiB"/>.</summary>
    public static async Task<Weight> AssertWithinAsync(BrowserSession session, string path, int budgetKiB, ITestOutputHelper output)
    {
        var weight = await MeasureAsync(session, path);
        output.WriteLine($"page weight {path}: {weight.KiB:0.0} KB transferred in {weight.Requests} request(s), budget {budgetKiB} KB");
        Assert.True(weight.Bytes > 0, $"{path}: nothing was weighed");
        Assert.True(weight.Bytes <= budgetKiB * 1024L, $"{path} weighs {weight.KiB:0.0} KB transferred, over its budget of {budgetKiB} KB");
        return weight;
    }
}
