using EduInfo.Domain.Calendar;

namespace EduInfo.Domain.EServices;

/// <summary>Why an application cannot be filed; each is a field's localized 400 (or 409 for an open one of the same applicant).</summary>
public enum FilingError
{
    /// <summary>The child is not given, or given both as a link and as a pupil.</summary>
    ChildRequired = 1,
    /// <summary>The service is for a pupil (a certificate, a transfer, a duplicate) and the child is not one, or the reverse.</summary>
    ChildKindWrong = 2,
    /// <summary>Filed outside the service's window.</summary>
    OutsideWindow = 3,
    /// <summary>The child does not turn 6 in the year (first grade).</summary>
    TooYoung = 4,
    /// <summary>The child turns 8 or more in the year (first grade), or is 6 or older (the kindergarten queue).</summary>
    TooOld = 5,
    /// <summary>A required document is not attached.</summary>
    DocumentsMissing = 6,
    /// <summary>The office is not one that decides this service (a school for the first grade, a district for the queue).</summary>
    OfficeWrong = 7,
    /// <summary>The same applicant has an open application for the same child and service: 409.</summary>
    AlreadyApplied = 8,
    /// <summary>A priority category claimed for a service that has none.</summary>
    PriorityNotApplicable = 9,
}

/// <summary>Where an application goes: an organization (and whether it is a school) or a district's education department.</summary>
public enum OfficeKind
{
    School = 1,
    OtherOrganization = 2,
    DistrictDepartment = 3,
    Unknown = 4,
}

/// <summary>A filing as the rules see it: the child (born when, a pupil where), the office, the documents, a priority.</summary>
public sealed record Filing(
    ServiceDefinition Service,
    DateOnly BirthDate,
    string? PupilOrganizationId,
    string OfficeId,
    OfficeKind Office,
    IReadOnlySet<ServiceDocument> Documents,
    PriorityCategory Priority,
    DateTimeOffset FiledAt);

/// <summary>
/// Whether an application may be filed (pure): the child is of the service's kind (a link for the first grade and the
/// queue, a pupil for the rest), the window and the age hold, the office decides this service, the documents are there.
/// </summary>
public static class FilingRules
{
    public static IReadOnlyList<(string Field, FilingError Error)> Check(Filing filing)
    {
        var problems = new List<(string, FilingError)>();
        var service = filing.Service;
        var forPupils = service.Kind is ServiceKind.SchoolTransfer or ServiceKind.StudyCertificate or ServiceKind.DocumentDuplicate;
        if (forPupils != filing.PupilOrganizationId is not null)
        {
            problems.Add(("child", FilingError.ChildKindWrong));
        }
        var day = KazakhstanClock.DateAt(filing.FiledAt);
        if (service.Window is { } window && !window.Contains(day))
        {
            problems.Add(("service", FilingError.OutsideWindow));
        }
        else if (service.Kind == ServiceKind.FirstGradeAdmission && service.Window is { } w
                 && FirstGradeRules.Check(filing.BirthDate, filing.FiledAt, w) is { } ineligible and not FirstGradeIneligibility.OutsideWindow)
        {
            problems.Add(("child", ineligible == FirstGradeIneligibility.TooYoung ? FilingError.TooYoung : FilingError.TooOld));
        }
        if (service.Kind == ServiceKind.KindergartenQueue && !KindergartenQueueRules.Default.Admits(filing.BirthDate, day))
        {
            problems.Add(("child", filing.BirthDate > day ? FilingError.TooYoung : FilingError.TooOld));
        }
        if (!OfficeFits(filing))
        {
            problems.Add(("officeId", FilingError.OfficeWrong));
        }
        if (service.Missing(filing.Documents).Count > 0)
        {
            problems.Add(("documents", FilingError.DocumentsMissing));
        }
        if (filing.Priority != PriorityCategory.None && service.Kind != ServiceKind.KindergartenQueue)
        {
            problems.Add(("priority", FilingError.PriorityNotApplicable));
        }
        return problems;
    }

    private static bool OfficeFits(Filing filing) => filing.Service.Kind switch
    {
        ServiceKind.FirstGradeAdmission => filing.Office == OfficeKind.School,
        ServiceKind.KindergartenQueue => filing.Office == OfficeKind.DistrictDepartment,
        // The receiving school is another school than the pupil's.
        ServiceKind.SchoolTransfer => filing.Office == OfficeKind.School && filing.OfficeId != filing.PupilOrganizationId,
        // A certificate and a duplicate come from the pupil's own organization.
        _ => filing.OfficeId == filing.PupilOrganizationId,
    };

    /// <summary>The last day of the office's term for an application filed at that instant; null for a service carried out at once.</summary>
    public static DateOnly? DueOn(ServiceDefinition service, DateTimeOffset filedAt, LabourCalendar calendar) =>
        service.DecisionWorkingDays is { } days ? calendar.Deadline(filedAt, days) : null;
}
