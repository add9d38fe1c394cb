using EduInfo.Domain.Journal;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Grains.Rollup;
using Orleans.Streams;

namespace EduInfo.Grains.Classes;

// A closed academic year (issue 20): the class takes no journal write, correction, term event, examination or council
// decision until the year is reopened. The state is read at each load and set at once by the year's grain. A class of a
// year that has rolled (no longer the live one) publishes to its watchers only: the live summaries count the new year.
public sealed partial class ClassGrain
{
    private bool _yearClosed;
    private bool _publishesToParent;

    private static readonly EntryProblem YearClosedProblem = new("academicYear", JournalError.YearClosed, []);

    public async Task SetYearClosed(bool closed)
    {
        _yearClosed = closed;
        if (_class is not null && await IsLiveAsync(CancellationToken.None) != _publishesToParent)
        {
            await (_publisher?.FlushAsync() ?? Task.CompletedTask);
            _publisher = NewPublisher(!_publishesToParent);
        }
    }

    private async Task<bool> IsLiveAsync(CancellationToken cancellationToken) =>
        await years.LiveYearAsync(_class!.OrganizationId, cancellationToken) is not { } live || live == _class.AcademicYear;

    private CoalescingPublisher NewPublisher(bool toParent)
    {
        _publishesToParent = toParent;
        var parent = toParent
            ? this.GetStreamProvider(RollupStreams.Provider).GetStream<NodeSummary>(StreamId.Create(RollupStreams.ToOrganization, _class!.OrganizationId))
            : null;
        var metrics = _metrics!;
        return new CoalescingPublisher(this, parent, _watchers, Snapshot, rollupOptions.Value.CoalescingInterval, time, logger,
            () => metrics.Published(NodeKind.Class));
    }
}
