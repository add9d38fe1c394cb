using EduInfo.Api.Live;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;

namespace EduInfo.UnitTests.Api;

/// <summary>What replaces a live entry's summary or watermark: the cached reads of GET …/summary answer with what it holds.</summary>
public sealed class LiveNewsTests
{
    private static NodeSummary At(long version, bool catchingUp = false) =>
        new("D1", NodeKind.District, version, new SummaryFigures { Marks = version }, default, CatchingUp: catchingUp);

    public static TheoryData<string, LiveTopic, long?, bool, bool, long, bool, bool> Cases() => new()
    {
        // case, topic, held version (null: nothing yet), held catching up, held ended, offered version, offered catching up, news
        { "a first answer", LiveTopic.Node, null, false, false, 5, false, true },
        { "a newer version", LiveTopic.Node, 5, false, false, 6, false, true },
        { "the same version again", LiveTopic.Node, 5, false, false, 5, false, false },
        { "an older version (a push and a renewal crossing)", LiveTopic.Node, 6, false, false, 5, false, false },
        { "caught up at the same version", LiveTopic.Node, 5, true, false, 5, false, true },
        { "catching up again at the same version (a late push)", LiveTopic.Node, 5, false, false, 5, true, false },
        { "still catching up at the same version", LiveTopic.Node, 5, true, false, 5, true, false },
        { "an older version that has caught up", LiveTopic.Node, 6, true, false, 5, false, false },
        { "anything to an ended entry", LiveTopic.Node, 5, false, true, 9, false, false },
        { "a student's watermark that falls (a voided mark)", LiveTopic.Student, 6, false, false, 5, false, true },
        { "a student's same watermark", LiveTopic.Student, 6, false, false, 6, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_offer_is_news_only_when_it_moves_what_is_held(string @case, LiveTopic topic, long? heldVersion, bool heldCatchingUp, bool ended,
        long offered, bool offeredCatchingUp, bool news)
    {
        var summary = topic == LiveTopic.Node;
        var held = new LiveState(heldVersion, summary && heldVersion is { } v ? At(v, heldCatchingUp) : null, ended);
        Assert.True(news == LiveNews.Is(topic, held, offered, summary ? At(offered, offeredCatchingUp) : null), @case);
    }
}
