using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Classes.ReadModels;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Audit;

namespace EduInfo.Grains.Classes;

// The year's end (issue 20): examinations of the final attestation, the council's decisions, and the year-end read over
// the ledger. The rules are Domain's (ExamValidator, CouncilValidator, YearEndRules); the policy is the version in force
// on the year's first day (fetched with the other rules, see FetchRulesAsync).
public sealed partial class ClassGrain
{
    private FinalAttestationPolicy FinalAttestation => _rules?.FinalAttestation ?? new();

    public async Task<BatchOutcome> RecordExam(Actor actor, ExamRequest request)
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
        var exam = new ProposedExam(request.SubjectId, request.Marks?.Select(m => m is null ? null : new ProposedExamMark(m.StudentId, m.Mark)).ToList());
        var validated = ExamValidator.Validate(exam, Rules, WriterOf(actor), FinalAttestation, Today);
        if (validated.Row is not { } row)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }
        await assessment.WriteExamAsync(ClassId, _class.AcademicYear, row,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "exam.record", "class", ClassId, _class.OrganizationId, "committed"));
        return new BatchOutcome(true, [], [], _watermark);
    }

    public async Task<ClassYearEndView?> GetYearEnd()
    {
        if (_class is null || _ledger is null)
        {
            return null;
        }
        var exams = await assessment.ReadExamsAsync(ClassId, _class.AcademicYear);
        var decided = await assessment.ReadCouncilAsync(ClassId, _class.AcademicYear);
        return YearEndViews.Of(ClassId, _ledger, exams, decided, FinalAttestation, Today);
    }

    public async Task<BatchOutcome> RecordCouncil(Actor actor, CouncilRequest request)
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
        // The defaults the decisions are checked against: the year's outcome as it stands now.
        var view = await GetYearEnd();
        var proposed = view!.Pupils.ToDictionary(p => p.StudentId, p => p.Proposed, StringComparer.Ordinal);
        var council = new ProposedCouncil(request.Decisions?.Select(d => d is null ? null : new ProposedCouncilDecision(d.StudentId, d.Decision, d.Reason)).ToList());
        var validated = CouncilValidator.Validate(council, Rules, WriterOf(actor), FinalAttestation, proposed, Today);
        if (validated.Row is not { } row)
        {
            return BatchOutcome.Rejected(validated.Problems);
        }
        await assessment.WriteCouncilAsync(ClassId, _class.AcademicYear, row,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "council.record", "class", ClassId, _class.OrganizationId, "committed"));
        return new BatchOutcome(true, [], [], _watermark);
    }
}
