namespace EduInfo.Domain.EServices;

/// <summary>Why a step was not taken; each maps to one problem code and HTTP status.</summary>
public enum WorkflowRefusal
{
    /// <summary>The application is closed (refused, withdrawn, completed): 409.</summary>
    ApplicationClosed = 1,
    /// <summary>The action does not follow from the application's state in this service: 409.</summary>
    NotAllowedNow = 2,
    /// <summary>The action follows, but not for this actor: 403.</summary>
    NotYourStep = 3,
    /// <summary>A refusal names no ground: 422.</summary>
    GroundRequired = 4,
    /// <summary>A refusal names a ground the service does not list: 422.</summary>
    GroundNotListed = 5,
    /// <summary>A refusal's reason is empty or over <see cref="ApplicationWorkflow.MaxReasonLength"/> characters: 422.</summary>
    ReasonRequired = 6,
}

/// <summary>The state a step leads to, or why it was not taken.</summary>
public readonly record struct WorkflowOutcome(ApplicationState? To, WorkflowRefusal? Refusal)
{
    public static WorkflowOutcome Moved(ApplicationState to) => new(to, null);
    public static WorkflowOutcome Refused(WorkflowRefusal why) => new(null, why);
}

/// <summary>
/// An application's state machine, from the service's steps (pure; the application grain applies it and keeps every
/// transition as data of record). A refusal must name one of the service's grounds and a written reason.
/// </summary>
public static class ApplicationWorkflow
{
    public const int MaxReasonLength = 1000;

    public static WorkflowOutcome Decide(ServiceDefinition service, ApplicationState state, ApplicationAction action, WorkflowActor actor,
        RefusalGround? ground = null, string? reason = null)
    {
        if (state.IsClosed())
        {
            return WorkflowOutcome.Refused(WorkflowRefusal.ApplicationClosed);
        }
        var steps = service.Steps.Where(s => s.From == state && s.Action == action).ToList();
        if (steps.Count == 0)
        {
            return WorkflowOutcome.Refused(WorkflowRefusal.NotAllowedNow);
        }
        if (steps.FirstOrDefault(s => s.Actor == actor) is not { } step)
        {
            return WorkflowOutcome.Refused(WorkflowRefusal.NotYourStep);
        }
        if (action == ApplicationAction.Refuse)
        {
            if (ground is not { } g)
            {
                return WorkflowOutcome.Refused(WorkflowRefusal.GroundRequired);
            }
            if (!service.RefusalGrounds.Contains(g))
            {
                return WorkflowOutcome.Refused(WorkflowRefusal.GroundNotListed);
            }
            if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            {
                return WorkflowOutcome.Refused(WorkflowRefusal.ReasonRequired);
            }
        }
        return WorkflowOutcome.Moved(step.To);
    }

    /// <summary>The actions an actor may take now (what a page offers as buttons).</summary>
    public static IReadOnlyList<ApplicationAction> Offered(ServiceDefinition service, ApplicationState state, WorkflowActor actor) =>
        state.IsClosed() ? [] : service.Steps.Where(s => s.From == state && s.Actor == actor).Select(s => s.Action).Distinct().ToList();
}
