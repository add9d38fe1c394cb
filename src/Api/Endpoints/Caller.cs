using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// Who calls and what they act on, as the endpoint's access check (<see cref="EndpointAccess"/>) found them before the
/// handler ran. It travels with the request: parameters are bound before endpoint filters run, so binding hands the
/// handler this (still empty) instance and the filter fills it in.
/// </summary>
public sealed class Caller
{
    private Actor? _actor;
    private NodeRecord? _node;
    private StudentAccess? _student;

    /// <summary>The signed-in caller (every checked endpoint).</summary>
    public Actor Actor => _actor ?? throw Unchecked(nameof(Actor));

    /// <summary>The node, class or profile group's class named by the route (RequireNode, RequireClass, RequireProfileGroup).</summary>
    public NodeRecord Node { get => _node ?? throw Unchecked(nameof(Node)); internal set => _node = value; }

    /// <summary>The student named by the route (RequireStudent).</summary>
    public StudentAccess Student { get => _student ?? throw Unchecked(nameof(Student)); internal set => _student = value; }

    /// <summary>The request's caller; binding and the access filter share it through the request's features.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(Of(context));

    internal Caller With(Actor actor)
    {
        _actor = actor;
        return this;
    }

    internal static Caller Of(HttpContext context)
    {
        if (context.Features.Get<Caller>() is not { } caller)
        {
            caller = new Caller();
            context.Features.Set(caller);
        }
        return caller;
    }

    // A handler reading what its endpoint never checked is a wiring mistake: fail loudly rather than act unchecked.
    private static InvalidOperationException Unchecked(string what) =>
        new($"The endpoint's access check did not resolve the caller's {what}: add the matching Require… convention to the endpoint.");
}
