namespace EduInfo.Domain.EServices;

/// <summary>The state services of education the desk offers (order points 8 and 12.2).</summary>
public enum ServiceKind
{
    /// <summary>Admission to the first grade of a school for next year.</summary>
    FirstGradeAdmission = 1,

    /// <summary>A place in the district's kindergarten queue, then a direction to a kindergarten.</summary>
    KindergartenQueue = 2,

    /// <summary>Transfer of a pupil to another school.</summary>
    SchoolTransfer = 3,

    /// <summary>A certificate that a pupil studies at a school, issued at once.</summary>
    StudyCertificate = 4,

    /// <summary>A duplicate of an education document from the register of documents.</summary>
    DocumentDuplicate = 5,
}

/// <summary>Who decides an application.</summary>
public enum ResponsibleOffice
{
    /// <summary>The education organization applied to (its head or office).</summary>
    Organization = 1,

    /// <summary>The district's (or city's) education department: it keeps the kindergarten queue.</summary>
    DistrictDepartment = 2,
}

/// <summary>Who takes a step of an application's workflow.</summary>
public enum WorkflowActor
{
    /// <summary>The parent who filed it (a parent whose link to the child staff confirmed).</summary>
    Applicant = 1,

    /// <summary>The responsible office's staff.</summary>
    Office = 2,

    /// <summary>The head of the school a pupil transfers to.</summary>
    ReceivingHead = 3,

    /// <summary>The system itself: a reminder at a deadline.</summary>
    System = 4,
}
