namespace EduInfo.Domain.EServices;

/// <summary>Where an application stands. Refused, withdrawn and completed ones are closed: nothing moves them again.</summary>
public enum ApplicationState
{
    /// <summary>Filed, not yet taken by the office; its term runs.</summary>
    Filed = 1,

    /// <summary>The office checks the documents (and, for a kindergarten, the priority claimed).</summary>
    InReview = 2,

    /// <summary>Granted: admitted to an organization and grade for next year, a transfer agreed, a duplicate to be issued.</summary>
    Approved = 3,

    /// <summary>In the district's kindergarten queue, waiting for a place.</summary>
    Queued = 4,

    /// <summary>Directed to a kindergarten; the direction lapses if unused for the term the catalogue gives.</summary>
    Directed = 5,

    /// <summary>Carried out: the child enrolled, the pupil transferred, the certificate or duplicate issued.</summary>
    Completed = 6,

    /// <summary>Refused on a listed ground, with the reason written.</summary>
    Refused = 7,

    /// <summary>Withdrawn by the applicant.</summary>
    Withdrawn = 8,
}

/// <summary>A step asked of an application.</summary>
public enum ApplicationAction
{
    /// <summary>The office takes the application for review.</summary>
    Take = 1,

    /// <summary>The office (or the receiving head, for a transfer) grants it.</summary>
    Approve = 2,

    /// <summary>The office refuses it on a listed ground.</summary>
    Refuse = 3,

    /// <summary>The applicant withdraws it while it is open.</summary>
    Withdraw = 4,

    /// <summary>The district department confirms the documents and the priority and puts the child in the queue.</summary>
    Enqueue = 5,

    /// <summary>The district department directs the first child of a queue to a kindergarten's free place.</summary>
    Direct = 6,

    /// <summary>A direction unused for its term lapses: the child returns to the queue at the place the filing gave.</summary>
    Lapse = 7,

    /// <summary>The service is carried out: enrolled, transferred, issued.</summary>
    Complete = 8,
}

public static class ApplicationStates
{
    /// <summary>Whether nothing can move the application any more.</summary>
    public static bool IsClosed(this ApplicationState state) =>
        state is ApplicationState.Completed or ApplicationState.Refused or ApplicationState.Withdrawn;

    /// <summary>Whether the office's term runs: the application waits for its decision.</summary>
    public static bool AwaitsDecision(this ApplicationState state) =>
        state is ApplicationState.Filed or ApplicationState.InReview;
}
