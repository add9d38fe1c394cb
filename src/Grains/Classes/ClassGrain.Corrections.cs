using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Students;
using EduInfo.Storage.Audit;
using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Classes;

// Changes that rebuild the class from the journal: corrections, excusals and term closes. The checks are Domain's
// validators; here are the reads they need, the append and the rebuild.
public sealed partial class ClassGrain
{
    public async Task<BatchOutcome> Correct(Actor actor, CorrectionRequest request)
    {
        if (_class is null)
        {
            return NotFound();
        }
        if (_yearClosed)
        {
            return BatchOutcome.Rejected([YearClosedProblem]);
        }
        await RefreshRulesAsync();
        var correction = new ProposedCorrection(request.EntryId, request.Supersedes, request.Action, request.Reason, request.Score, request.MaxScore,
            request.Absentees);
        if (CorrectionValidator.CheckRequest(correction) is { Count: > 0 } problems)
        {
            return BatchOutcome.Rejected(problems);
        }
        var original = await journal.FindRowAsync(_class.AcademicYear, correction.Supersedes!.Value);
        var validated = CorrectionValidator.Validate(correction, original, Rules, WriterOf(actor), limits.Value);
        if (validated.Row is not { } row)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }

        var (outcome, sequence) = await journal.AppendCorrectionAsync(Context(actor), row);
        switch (outcome)
        {
            case CorrectionOutcome.Conflict:
                return BatchOutcome.Rejected([new("entryId", JournalError.EntryIdConflict, [])]);
            case CorrectionOutcome.AlreadyCorrected:
                return BatchOutcome.Rejected([new("supersedes", JournalError.EntryAlreadyCorrected, [])]);
            case CorrectionOutcome.Inserted:
                await RebuildAfterAsync(original!.StudentId is { } s ? [s] : original.Roster ?? []);
                break;
        }
        return Answer(row.EntryId, outcome, sequence);
    }

    public async Task<BatchOutcome> Excuse(Actor actor, ExcusalRequest request)
    {
        if (_class is null)
        {
            return NotFound();
        }
        if (_yearClosed)
        {
            return BatchOutcome.Rejected([YearClosedProblem]);
        }
        await RefreshRulesAsync();
        var excusal = new ProposedExcusal(request.EntryId, request.StudentId, request.SubjectId, request.Term, request.Kind, request.Reason);
        var validated = ExcusalValidator.Validate(excusal, Rules, WriterOf(actor), Today);
        if (validated.Row is not { } row)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }

        var (outcome, sequence) = await journal.AppendExcusalAsync(Context(actor), row);
        if (outcome == CorrectionOutcome.Conflict)
        {
            return BatchOutcome.Rejected([new("entryId", JournalError.EntryIdConflict, [])]);
        }
        if (outcome == CorrectionOutcome.Inserted)
        {
            await RebuildAfterAsync([]);
        }
        return Answer(row.EntryId, outcome, sequence);
    }

    public async Task<BatchOutcome> Exempt(Actor actor, ExemptionRequest request)
    {
        if (_class is null)
        {
            return NotFound();
        }
        if (_yearClosed)
        {
            return BatchOutcome.Rejected([YearClosedProblem]);
        }
        await RefreshRulesAsync();
        var exemption = new ProposedExemption(request.EntryId, request.StudentId, request.SubjectId, request.Term, request.Ground, request.Reason);
        var validated = ExemptionValidator.Validate(exemption, Rules, WriterOf(actor));
        if (validated.Row is not { } row)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }

        var (outcome, sequence) = await journal.AppendExemptionAsync(Context(actor), row);
        if (outcome == CorrectionOutcome.Conflict)
        {
            return BatchOutcome.Rejected([new("entryId", JournalError.EntryIdConflict, [])]);
        }
        if (outcome == CorrectionOutcome.Inserted)
        {
            await RebuildAfterAsync([row.StudentId]);
        }
        return Answer(row.EntryId, outcome, sequence);
    }

    public async Task<BatchOutcome> SetTermClosed(Actor actor, int term, bool close, string? reason)
    {
        if (_class is null)
        {
            return NotFound();
        }
        if (_yearClosed)
        {
            return BatchOutcome.Rejected([YearClosedProblem]);
        }
        await RefreshRulesAsync();
        var validated = TermCloseValidator.Validate(term, close, reason, Rules, WriterOf(actor), Today);
        if (validated.Row is not { } change)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }
        await assessment.RecordTermEventAsync(ClassId, _class.AcademicYear, change.Term, change.Close, change.Reason,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, change.Close ? "term.close" : "term.reopen", "class", ClassId,
                _class.OrganizationId, "committed"));
        await RebuildAfterAsync([]);
        return new BatchOutcome(true, [], [], _watermark);
    }

    /// <summary>A one-row change's answer: inserted, or a retry of one already there.</summary>
    private BatchOutcome Answer(Guid entryId, CorrectionOutcome outcome, long sequence) => new(true,
        [new EntryResult(entryId, outcome == CorrectionOutcome.Inserted ? EntryStatus.Inserted : EntryStatus.Duplicate, sequence)],
        [], _watermark);

    /// <summary>
    /// After a correction, an excusal or a term event: rebuild from the journal, republish, and let the listening
    /// students concerned rebuild (the others catch up when read). The change is committed, so a failure here never
    /// fails the answer: the grain deactivates and rebuilds.
    /// </summary>
    private async Task RebuildAfterAsync(IReadOnlyList<string> students)
    {
        try
        {
            await LoadAsync(CancellationToken.None, countAll: true); // a correction after the snapshot: it cannot be brought forward
            _publisher!.Request();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Class {ClassId}: rebuilding after a committed change failed; deactivating to rebuild on next use", ClassId);
            DeactivateOnIdle();
        }
        try
        {
            await NotifyCurrentClassesAsync(students);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Class {ClassId}: could not notify the classes of students who moved on", ClassId);
        }
        await RebuildListenersAsync(students);
    }
}
