using EduInfo.Domain.Registry;

namespace EduInfo.Domain.EServices;

/// <summary>A child a parent names for a service before the child is a pupil: as the birth certificate gives them.</summary>
public sealed record ChildClaim(string? Iin, string? LastName, string? FirstName, string? MiddleName, DateOnly? BirthDate, string? BirthCertificate);

public static class ChildClaimRules
{
    /// <summary>The person's fields as an enrolment checks them (the IIN's check digit and birth date), and the certificate's number.</summary>
    public static IReadOnlyList<PupilProblem> Validate(ChildClaim claim, DateOnly today)
    {
        var problems = PupilValidator.ValidatePerson(claim.Iin, claim.LastName, claim.FirstName, claim.MiddleName, claim.BirthDate, sex: null, today,
            sexRequired: false);
        if (string.IsNullOrEmpty(claim.BirthCertificate))
        {
            problems.Add(new("birthCertificate", PupilError.Required));
        }
        else if (!PupilRules.IsValidDocumentNumber(claim.BirthCertificate))
        {
            problems.Add(new("birthCertificate", PupilError.DocumentNumberInvalid));
        }
        return problems;
    }

    /// <summary>Whether the number staff read from the certificate is the one claimed (case, spaces and hyphens aside).</summary>
    public static bool SameCertificate(string claimed, string? read) =>
        read is not null && Canonical(claimed) == Canonical(read);

    private static string Canonical(string number) =>
        string.Concat(number.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
}
