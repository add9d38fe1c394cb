using EduInfo.Domain.YearEnd;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Assessment;

namespace EduInfo.Api.Contracts;

/// <summary>
/// A document of the register for its organization (issue 20): the kind with its name in the reader's language, the
/// blank's series and number, the date, the holder, the final marks and the verification code as printed; revoked ones
/// stay, with the date and the reason.
/// </summary>
public sealed record DocumentResponse(
    Guid Id,
    string Kind,
    string KindName,
    bool WithDistinction,
    string Series,
    string Number,
    DateOnly IssuedOn,
    string AcademicYear,
    string StudentId,
    string StudentName,
    string ClassId,
    string OrganizationId,
    string VerificationCode,
    IReadOnlyList<DocumentMarkResponse> Marks,
    bool Revoked,
    DateOnly? RevokedOn,
    string? RevokedReason)
{
    public static DocumentResponse Of(RegisteredDocument d, string studentName, IReadOnlyDictionary<string, string> subjectNames, string language) => new(
        d.Id, DocumentValidator.NameOf(d.Kind), Messages.Get($"document.{DocumentValidator.NameOf(d.Kind)}", language), d.WithDistinction, d.Series, d.Number,
        d.IssuedOn, d.AcademicYear, d.StudentId, studentName, d.ClassId, d.OrganizationId, EduInfo.Domain.YearEnd.VerificationCode.Display(d.VerificationCode),
        [.. d.Marks.Select(m => new DocumentMarkResponse(m.SubjectId, subjectNames.GetValueOrDefault(m.SubjectId, m.SubjectId), m.Mark, m.Exempt))],
        d.RevokedOn is not null, d.RevokedOn, d.RevokedReason);
}

/// <summary>A subject's final mark on a document, or exempt.</summary>
public sealed record DocumentMarkResponse(string SubjectId, string SubjectName, int? Mark, bool Exempt);

/// <summary>
/// What anyone checking a document learns from its code (issue 20): the kind, the blank's series and number, the
/// organization, the date, the holder's initials, and whether it is valid or revoked — never the marks or a full name.
/// </summary>
public sealed record PublicDocumentResponse(
    string Kind,
    string KindName,
    bool WithDistinction,
    string Series,
    string Number,
    DateOnly IssuedOn,
    string OrganizationId,
    string OrganizationName,
    string HolderInitials,
    string Status,
    string StatusName,
    DateOnly? RevokedOn)
{
    public static PublicDocumentResponse Of(VerifiedDocument d, string organizationName, string language)
    {
        var status = d.RevokedOn is null ? "valid" : "revoked";
        return new(DocumentValidator.NameOf(d.Kind), Messages.Get($"document.{DocumentValidator.NameOf(d.Kind)}", language), d.WithDistinction, d.Series,
            d.Number, d.IssuedOn, d.OrganizationId, organizationName, d.Initials, status, Messages.Get($"document.status.{status}", language), d.RevokedOn);
    }
}
