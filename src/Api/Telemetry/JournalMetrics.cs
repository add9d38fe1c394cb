using System.Diagnostics.Metrics;
using EduInfo.Api.Problems;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Api.Telemetry;

/// <summary>
/// What the journal's write path answered, counted where the teacher is answered (the Api): entries acknowledged, by
/// kind; batches refused, by the first problem's code; writes that failed with an error (a 5xx, the alert's numerator).
/// Labels are kinds and codes only — never a class, a student or a user (cardinality, and no personal data).
/// </summary>
public sealed class JournalMetrics
{
    public const string MeterName = "EduInfo.Journal";

    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _errors;

    public JournalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _acknowledged = meter.CreateCounter<long>("eduinfo.journal.entries", "{entry}", "Journal entries acknowledged as newly written, by kind (mark, roll_call)");
        _batches = meter.CreateCounter<long>("eduinfo.journal.batches", "{batch}", "Journal batches answered, by outcome (acknowledged, refused, error)");
        _refused = meter.CreateCounter<long>("eduinfo.journal.batches.refused", "{batch}", "Journal batches refused, by the first problem's code");
        _errors = meter.CreateCounter<long>("eduinfo.journal.write_errors", "{batch}", "Journal writes that failed with an error (answered 5xx)");
        _errors.Add(0); // scraped from the start, so the alert's ratio reads 0 rather than nothing before the first error
    }

    public void Answered(JournalEntryKind kind, BatchOutcome outcome)
    {
        if (outcome.Accepted)
        {
            _batches.Add(1, new KeyValuePair<string, object?>("outcome", "acknowledged"));
            var inserted = outcome.Entries.Count(e => e.Status == EntryStatus.Inserted);
            if (inserted > 0)
            {
                _acknowledged.Add(inserted, new KeyValuePair<string, object?>("kind", kind == JournalEntryKind.Mark ? "mark" : "roll_call"));
            }
            return;
        }
        _batches.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
        var reason = outcome.Problems.Count > 0 ? JsonNaming.Camel(outcome.Problems[0].Error.ToString()) : "unknown";
        _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    public void Failed()
    {
        _batches.Add(1, new KeyValuePair<string, object?>("outcome", "error"));
        _errors.Add(1);
    }
}

/// <summary>What a journal batch writes.</summary>
public enum JournalEntryKind
{
    Mark = 1,
    RollCall = 2,
}
