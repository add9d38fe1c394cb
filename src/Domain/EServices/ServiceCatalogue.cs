using static EduInfo.Domain.EServices.ApplicationAction;
using static EduInfo.Domain.EServices.ApplicationState;
using static EduInfo.Domain.EServices.WorkflowActor;

namespace EduInfo.Domain.EServices;

/// <summary>
/// The services the desk offers, as data: an operator may change the terms, windows and documents without a release.
/// The terms here follow the state service standards of education in working days; the first-grade window is 1 April to
/// 31 August.
/// </summary>
public static class ServiceCatalogue
{
    public static readonly IReadOnlyList<ServiceDefinition> Default =
    [
        new(ServiceKind.FirstGradeAdmission,
            new("Бірінші сыныпқа қабылдау", "Приём в первый класс", "Admission to the first grade"),
            [ApplicantKind.ConfirmedParent],
            [
                new([ServiceDocument.BirthCertificate]),
                new([ServiceDocument.HealthForm065, ServiceDocument.HealthForm063]),
                new([ServiceDocument.HealthForm026]),
                new([ServiceDocument.Photos]),
                new([ServiceDocument.PmpkConclusion], OnlyWhereNeeded: true),
                new([ServiceDocument.PriorityProof], OnlyWhereNeeded: true),
            ],
            ResponsibleOffice.Organization, DecisionWorkingDays: 5, new ApplicationWindow(4, 1, 8, 31),
            [RefusalGround.MissingDocuments, RefusalGround.NoPlaces],
            [
                new(Filed, Take, Office, InReview),
                new(InReview, Approve, Office, Approved),
                new(Filed, Refuse, Office, Refused),
                new(InReview, Refuse, Office, Refused),
                // The class is assigned when the year rolls.
                new(Approved, Complete, WorkflowActor.System, Completed),
                new(Filed, Withdraw, Applicant, Withdrawn),
                new(InReview, Withdraw, Applicant, Withdrawn),
                new(Approved, Withdraw, Applicant, Withdrawn),
            ]),
        new(ServiceKind.KindergartenQueue,
            new("Балабақшаға кезекке қою", "Постановка в очередь в детский сад", "A place in the kindergarten queue"),
            [ApplicantKind.ConfirmedParent],
            [
                new([ServiceDocument.BirthCertificate]),
                new([ServiceDocument.PriorityProof], OnlyWhereNeeded: true),
                new([ServiceDocument.PmpkConclusion], OnlyWhereNeeded: true),
            ],
            ResponsibleOffice.DistrictDepartment, DecisionWorkingDays: 1, Window: null,
            [RefusalGround.MissingDocuments],
            [
                new(Filed, Take, Office, InReview),
                new(InReview, Enqueue, Office, Queued),
                new(Filed, Refuse, Office, Refused),
                new(InReview, Refuse, Office, Refused),
                new(Queued, Direct, Office, Directed),
                new(Directed, Lapse, WorkflowActor.System, Queued),
                new(Directed, Complete, Office, Completed),
                new(Filed, Withdraw, Applicant, Withdrawn),
                new(InReview, Withdraw, Applicant, Withdrawn),
                new(Queued, Withdraw, Applicant, Withdrawn),
                new(Directed, Withdraw, Applicant, Withdrawn),
            ]),
        new(ServiceKind.SchoolTransfer,
            new("Басқа мектепке ауыстыру", "Перевод в другую школу", "Transfer to another school"),
            [ApplicantKind.ConfirmedParent],
            [new([ServiceDocument.BirthCertificate])],
            ResponsibleOffice.Organization, DecisionWorkingDays: 3, Window: null,
            [RefusalGround.NoPlaces],
            [
                new(Filed, Approve, ReceivingHead, Approved),
                new(Filed, Refuse, ReceivingHead, Refused),
                // Carried out through the journal's one transfer write path.
                new(Approved, Complete, ReceivingHead, Completed),
                new(Filed, Withdraw, Applicant, Withdrawn),
                new(Approved, Withdraw, Applicant, Withdrawn),
            ]),
        new(ServiceKind.StudyCertificate,
            new("Білім алатыны туралы анықтама", "Справка об обучении", "A certificate of study"),
            [ApplicantKind.ConfirmedParent],
            [],
            ResponsibleOffice.Organization, DecisionWorkingDays: null, Window: null,
            [],
            [new(Filed, Complete, WorkflowActor.System, Completed)]),
        new(ServiceKind.DocumentDuplicate,
            new("Білім туралы құжаттың телнұсқасы", "Дубликат документа об образовании", "A duplicate of an education document"),
            [ApplicantKind.ConfirmedParent, ApplicantKind.FormerPupil],
            [new([ServiceDocument.Photos])],
            ResponsibleOffice.Organization, DecisionWorkingDays: 15, Window: null,
            [RefusalGround.MissingDocuments, RefusalGround.DocumentNotInRegister],
            [
                new(Filed, Take, Office, InReview),
                new(InReview, Approve, Office, Approved),
                new(Filed, Refuse, Office, Refused),
                new(InReview, Refuse, Office, Refused),
                new(Approved, Complete, Office, Completed),
                new(Filed, Withdraw, Applicant, Withdrawn),
                new(InReview, Withdraw, Applicant, Withdrawn),
            ]),
    ];

    public static ServiceDefinition Of(ServiceKind kind) => Default.Single(s => s.Kind == kind);
}
