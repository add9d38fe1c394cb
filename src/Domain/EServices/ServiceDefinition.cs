namespace EduInfo.Domain.EServices;

/// <summary>A text kept as data in the three languages of the system.</summary>
public sealed record LocalizedText(string Kk, string Ru, string En);

/// <summary>A document an application must carry.</summary>
public enum ServiceDocument
{
    BirthCertificate = 1,
    /// <summary>The medical record form 065/у (a child's health record).</summary>
    HealthForm065 = 2,
    /// <summary>The medical record form 063/у (vaccinations).</summary>
    HealthForm063 = 3,
    /// <summary>The medical certificate form 026/у-3.</summary>
    HealthForm026 = 4,
    Photos = 5,
    /// <summary>The conclusion of the psychological, medical and pedagogical consultation (PMPK).</summary>
    PmpkConclusion = 6,
    /// <summary>The proof of a priority category claimed (for the kindergarten queue, the school's territory).</summary>
    PriorityProof = 7,
}

/// <summary>One requirement: any of the documents listed; one that applies only where needed may be missing.</summary>
public sealed record DocumentRequirement(IReadOnlyList<ServiceDocument> AnyOf, bool OnlyWhereNeeded = false);

/// <summary>The only grounds on which an office may refuse; each service lists its own.</summary>
public enum RefusalGround
{
    /// <summary>A required document is missing or does not match the child.</summary>
    MissingDocuments = 1,
    /// <summary>The organization has no places left.</summary>
    NoPlaces = 2,
    /// <summary>The register of documents holds no document to duplicate for the person.</summary>
    DocumentNotInRegister = 3,
}

/// <summary>Who may file an application for a service.</summary>
public enum ApplicantKind
{
    /// <summary>A parent or guardian whose link to the child staff confirmed against the birth certificate.</summary>
    ConfirmedParent = 1,
    /// <summary>A former pupil, of age, for their own document.</summary>
    FormerPupil = 2,
}

/// <summary>A yearly window of filing, in days of the year (both ends included), read in Kazakhstan's time.</summary>
public sealed record ApplicationWindow(int FromMonth, int FromDay, int ToMonth, int ToDay)
{
    public bool Contains(DateOnly day)
    {
        var (from, to) = (new DateOnly(day.Year, FromMonth, FromDay), new DateOnly(day.Year, ToMonth, ToDay));
        return from <= to ? day >= from && day <= to : day >= from || day <= to;
    }
}

/// <summary>A step of a service's workflow: who may take which action from which state, and where it leads.</summary>
public sealed record WorkflowStep(ApplicationState From, ApplicationAction Action, WorkflowActor Actor, ApplicationState To);

/// <summary>
/// A state service as data: its names, who applies, the documents, the responsible office, the term of its decision in
/// working days of the labour calendar (null: carried out at once), the window of filing, the grounds of refusal, and its
/// workflow's steps.
/// </summary>
public sealed record ServiceDefinition(
    ServiceKind Kind,
    LocalizedText Name,
    IReadOnlyList<ApplicantKind> Applicants,
    IReadOnlyList<DocumentRequirement> Documents,
    ResponsibleOffice Office,
    int? DecisionWorkingDays,
    ApplicationWindow? Window,
    IReadOnlyList<RefusalGround> RefusalGrounds,
    IReadOnlyList<WorkflowStep> Steps)
{
    /// <summary>The documents a filing lacks: a requirement is met by any one of its documents; one only where needed never lacks.</summary>
    public IReadOnlyList<DocumentRequirement> Missing(IReadOnlySet<ServiceDocument> attached) =>
        Documents.Where(r => !r.OnlyWhereNeeded && !r.AnyOf.Any(attached.Contains)).ToList();
}
