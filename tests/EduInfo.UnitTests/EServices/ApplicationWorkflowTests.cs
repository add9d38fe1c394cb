using EduInfo.Domain.EServices;
using static EduInfo.Domain.EServices.ApplicationAction;
using static EduInfo.Domain.EServices.ApplicationState;
using static EduInfo.Domain.EServices.ServiceKind;
using static EduInfo.Domain.EServices.WorkflowActor;

namespace EduInfo.UnitTests.EServices;

public sealed class ApplicationWorkflowTests
{
    /// <summary>A service, the application's state, the step asked and by whom; where it leads, or why not.</summary>
    public static TheoryData<ServiceKind, ApplicationState, ApplicationAction, WorkflowActor, ApplicationState?, WorkflowRefusal?> Steps => new()
    {
        // First-grade admission: the school's office reviews and decides; the class comes with the year roll.
        { FirstGradeAdmission, Filed, Take, Office, InReview, null },
        { FirstGradeAdmission, InReview, Approve, Office, Approved, null },
        { FirstGradeAdmission, Filed, Approve, Office, null, WorkflowRefusal.NotAllowedNow },      // not reviewed yet
        { FirstGradeAdmission, Filed, Take, Applicant, null, WorkflowRefusal.NotYourStep },
        { FirstGradeAdmission, Approved, Complete, WorkflowActor.System, Completed, null },
        { FirstGradeAdmission, Approved, Complete, Office, null, WorkflowRefusal.NotYourStep },     // the year roll does it
        { FirstGradeAdmission, Approved, Withdraw, Applicant, Withdrawn, null },
        { FirstGradeAdmission, Approved, Withdraw, Office, null, WorkflowRefusal.NotYourStep },     // only the parent withdraws
        { FirstGradeAdmission, Withdrawn, Take, Office, null, WorkflowRefusal.ApplicationClosed },
        { FirstGradeAdmission, Refused, Withdraw, Applicant, null, WorkflowRefusal.ApplicationClosed },
        { FirstGradeAdmission, Completed, Refuse, Office, null, WorkflowRefusal.ApplicationClosed },
        // The kindergarten queue: enqueued by the district, directed, lapsed back, or enrolled.
        { KindergartenQueue, InReview, Enqueue, Office, Queued, null },
        { KindergartenQueue, Queued, Direct, Office, Directed, null },
        { KindergartenQueue, Directed, Lapse, WorkflowActor.System, Queued, null },
        { KindergartenQueue, Directed, Lapse, Office, null, WorkflowRefusal.NotYourStep },          // only the deadline lapses it
        { KindergartenQueue, Queued, Lapse, WorkflowActor.System, null, WorkflowRefusal.NotAllowedNow }, // a reminder firing twice
        { KindergartenQueue, Directed, Complete, Office, Completed, null },
        { KindergartenQueue, Queued, Complete, Office, null, WorkflowRefusal.NotAllowedNow },       // no direction, no enrolment
        { KindergartenQueue, Directed, Withdraw, Applicant, Withdrawn, null },
        { KindergartenQueue, Queued, Approve, Office, null, WorkflowRefusal.NotAllowedNow },
        // A transfer: the receiving head agrees, then carries it out.
        { SchoolTransfer, Filed, Approve, ReceivingHead, Approved, null },
        { SchoolTransfer, Filed, Approve, Office, null, WorkflowRefusal.NotYourStep },
        { SchoolTransfer, Approved, Complete, ReceivingHead, Completed, null },
        { SchoolTransfer, Filed, Take, Office, null, WorkflowRefusal.NotAllowedNow },
        // A certificate: issued at once by the system, nothing else.
        { StudyCertificate, Filed, Complete, WorkflowActor.System, Completed, null },
        { StudyCertificate, Filed, Withdraw, Applicant, null, WorkflowRefusal.NotAllowedNow },
        { StudyCertificate, Completed, Complete, WorkflowActor.System, null, WorkflowRefusal.ApplicationClosed },
        // A duplicate: reviewed, approved, issued.
        { DocumentDuplicate, InReview, Approve, Office, Approved, null },
        { DocumentDuplicate, Approved, Complete, Office, Completed, null },
        { DocumentDuplicate, Approved, Withdraw, Applicant, null, WorkflowRefusal.NotAllowedNow },  // being issued
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_step_leads_where_the_service_says_or_is_refused_with_its_reason(
        ServiceKind kind, ApplicationState state, ApplicationAction action, WorkflowActor actor, ApplicationState? to, WorkflowRefusal? refusal)
    {
        var outcome = ApplicationWorkflow.Decide(ServiceCatalogue.Of(kind), state, action, actor);

        Assert.Equal((to, refusal), (outcome.To, outcome.Refusal));
    }

    /// <summary>A refusal's ground and reason: only the service's listed grounds, always with a reason.</summary>
    [Theory]
    [InlineData(FirstGradeAdmission, RefusalGround.NoPlaces, "Барлық орын толды", Refused, null)]
    [InlineData(FirstGradeAdmission, RefusalGround.MissingDocuments, "Нет формы 026/у-3", Refused, null)]
    [InlineData(FirstGradeAdmission, RefusalGround.DocumentNotInRegister, "—", null, WorkflowRefusal.GroundNotListed)]
    [InlineData(FirstGradeAdmission, null, "no ground", null, WorkflowRefusal.GroundRequired)]
    [InlineData(FirstGradeAdmission, RefusalGround.NoPlaces, "", null, WorkflowRefusal.ReasonRequired)]
    [InlineData(FirstGradeAdmission, RefusalGround.NoPlaces, "   ", null, WorkflowRefusal.ReasonRequired)]
    [InlineData(FirstGradeAdmission, RefusalGround.NoPlaces, null, null, WorkflowRefusal.ReasonRequired)]
    [InlineData(KindergartenQueue, RefusalGround.NoPlaces, "a queue has no places to lack", null, WorkflowRefusal.GroundNotListed)]
    [InlineData(DocumentDuplicate, RefusalGround.DocumentNotInRegister, "No document", Refused, null)]
    public void A_refusal_names_a_listed_ground_and_a_reason(ServiceKind kind, RefusalGround? ground, string? reason, ApplicationState? to, WorkflowRefusal? refusal)
    {
        var outcome = ApplicationWorkflow.Decide(ServiceCatalogue.Of(kind), InReview, Refuse, Office, ground, reason);

        Assert.Equal((to, refusal), (outcome.To, outcome.Refusal));
    }

    [Fact]
    public void A_reason_longer_than_the_limit_is_refused_and_one_at_the_limit_taken()
    {
        var service = ServiceCatalogue.Of(FirstGradeAdmission);

        Assert.Equal(Refused, ApplicationWorkflow.Decide(service, Filed, Refuse, Office, RefusalGround.NoPlaces, new string('ж', ApplicationWorkflow.MaxReasonLength)).To);
        Assert.Equal(WorkflowRefusal.ReasonRequired,
            ApplicationWorkflow.Decide(service, Filed, Refuse, Office, RefusalGround.NoPlaces, new string('ж', ApplicationWorkflow.MaxReasonLength + 1)).Refusal);
    }

    [Theory]
    [InlineData(KindergartenQueue, Directed, Office, new[] { Complete })]
    [InlineData(KindergartenQueue, Directed, Applicant, new[] { Withdraw })]
    [InlineData(KindergartenQueue, Directed, WorkflowActor.System, new[] { Lapse })]
    [InlineData(FirstGradeAdmission, InReview, Office, new[] { Approve, Refuse })]
    [InlineData(FirstGradeAdmission, Refused, Applicant, new ApplicationAction[0])]
    [InlineData(SchoolTransfer, Filed, ReceivingHead, new[] { Approve, Refuse })]
    public void A_page_offers_exactly_the_steps_the_actor_may_take(ServiceKind kind, ApplicationState state, WorkflowActor actor, ApplicationAction[] offered)
    {
        Assert.Equal(offered, ApplicationWorkflow.Offered(ServiceCatalogue.Of(kind), state, actor));
    }
}
