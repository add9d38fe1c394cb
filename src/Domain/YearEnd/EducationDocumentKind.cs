namespace EduInfo.Domain.YearEnd;

/// <summary>The education documents a school issues at a final attestation.</summary>
public enum EducationDocumentKind
{
    /// <summary>Certificate of basic secondary education (негізгі орта білім туралы куәлік / свидетельство), after grade 9.</summary>
    BasicSecondaryCertificate = 0,
    /// <summary>Attestat of general secondary education (жалпы орта білім туралы аттестат / аттестат), after grade 11.</summary>
    GeneralSecondaryAttestat = 1,
}
