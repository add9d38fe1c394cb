using System.Security.Cryptography;
using EduInfo.Domain.Journal;
using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;

namespace EduInfo.Grains.Classes;

// The register of education documents (issue 20): a document is issued from the class's year end as it stands (the
// kind, the distinction and the marks are never the request's), and revoked with a reason. The rules are DocumentValidator's.
public sealed partial class ClassGrain
{
    public async Task<DocumentOutcome> IssueDocument(Actor actor, DocumentRequest request)
    {
        if (_class is null || await GetYearEnd() is not { } yearEnd)
        {
            return new DocumentOutcome(NotFound());
        }
        await RefreshRulesAsync();
        var entitlements = yearEnd.Pupils.ToDictionary(p => p.StudentId, p => new DocumentEntitlement(p.Document, p.WithDistinction, p.Decided,
            [.. p.Subjects.Select(s => new FinalMark(s.SubjectId, s.FinalMark, s.Source, s.Fails))]), StringComparer.Ordinal);
        var validated = DocumentValidator.Validate(new ProposedDocument(request.StudentId, request.Series, request.Number, request.IssuedOn),
            Rules, WriterOf(actor), entitlements, Today);
        if (validated.Row is not { } row)
        {
            return new DocumentOutcome(BatchOutcome.Rejected(validated.Problems));
        }
        var id = Guid.NewGuid();
        var written = await assessment.IssueDocumentAsync(id, VerificationCode.Of(RandomNumberGenerator.GetBytes(VerificationCode.RandomBytes)),
            ClassId, _class.OrganizationId, _class.AcademicYear, row,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "document.issue", "class", ClassId, _class.OrganizationId, "committed"));
        return written switch
        {
            DocumentWrite.Done => new DocumentOutcome(new BatchOutcome(true, [], [], _watermark), id),
            DocumentWrite.NumberTaken => Refused("number", JournalError.DocumentNumberTaken),
            _ => Refused("studentId", JournalError.DocumentAlreadyIssued),
        };
    }

    public async Task<DocumentOutcome> RevokeDocument(Actor actor, Guid documentId, DocumentRevocationRequest request)
    {
        if (_class is null || _ledger is null)
        {
            return new DocumentOutcome(NotFound());
        }
        await RefreshRulesAsync();
        if (!WriterOf(actor).IsHeadOf(Rules.Class))
        {
            return Refused("documentId", JournalError.NotAllowed);
        }
        if (EntryRules.ReasonProblem(request.Reason) is { } problem)
        {
            return new DocumentOutcome(BatchOutcome.Rejected([problem]));
        }
        var written = await assessment.RevokeDocumentAsync(documentId, ClassId, Today, request.Reason!.Trim(),
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "document.revoke", "class", ClassId, _class.OrganizationId, "committed"));
        return written switch
        {
            DocumentWrite.Done => new DocumentOutcome(new BatchOutcome(true, [], [], _watermark), documentId),
            DocumentWrite.NotFound => Refused("documentId", JournalError.DocumentNotFound),
            _ => Refused("documentId", JournalError.DocumentAlreadyRevoked),
        };
    }

    private static DocumentOutcome Refused(string field, JournalError error) => new(BatchOutcome.Rejected([EntryRules.Problem(field, error)]));
}
