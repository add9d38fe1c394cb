using EduInfo.Api.Localization;
using EduInfo.Api.Problems;
using EduInfo.Api.Reads;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// An organization's staff and what they teach (issue 18, order point 5.4): hiring and leaving, accounts, dated teaching
/// assignments, class teachers and subgroups, for its head, the officers above it and operators. Every change goes
/// through the organization's staff grain (Domain rules, audit, the classes' watermarks).
/// </summary>
public static class StaffEndpoints
{
    public static RouteGroupBuilder MapStaffEndpoints(this RouteGroupBuilder api)
    {
        var org = api.MapGroup("/organizations/{nodeId}").WithTags("Registry");
        org.MapGet("/staff", ReadStaff).RequireNode(AccessPolicy.CanManageStaff).WithName("GetStaff").WithSummary("The organization's staff, employed and left");
        org.MapPost("/staff", Hire).RequireNode(AccessPolicy.CanManageStaff).WithName("HireStaff").WithSummary("Hire a member of staff from a date (audited)");
        org.MapPost("/staff/{staffId}/leave", Leave).RequireNode(AccessPolicy.CanManageStaff).WithName("StaffLeaves")
            .WithSummary("A member of staff leaves after a day: assignments end, accounts are disabled (refused while their later rows would be unassigned)");
        org.MapPost("/staff/{staffId}/account", CreateAccount).RequireNode(AccessPolicy.CanManageStaff).WithName("CreateStaffAccount")
            .WithSummary("An account for a member of staff: the initial password is answered once");
        org.MapGet("/assignments", ReadAssignments).RequireNode(AccessPolicy.CanManageStaff).WithName("GetAssignments").WithSummary("Teaching assignments of the organization's classes");
        org.MapPost("/assignments", Assign).RequireNode(AccessPolicy.CanManageStaff).WithName("Assign").WithSummary("A teacher teaches a subject to a class or subgroup from a date");
        org.MapPost("/assignments/{assignmentId}/end", EndAssignment).RequireNode(AccessPolicy.CanManageStaff).WithName("EndAssignment")
            .WithSummary("A new last day for an assignment (refused, naming the rows, while recorded marks or roll-calls would be left unassigned)");
        org.MapPut("/classes/{classId}/class-teacher", SetClassTeacher).RequireNode(AccessPolicy.CanManageStaff).WithName("SetClassTeacher")
            .WithSummary("The class teacher from a date (the previous one's period ends the day before)");
        org.MapPost("/subgroups", Split).RequireNode(AccessPolicy.CanManageStaff).WithName("SplitSubgroup")
            .WithSummary("Pupils of a class or subgroup form a new subgroup for a subject from a date");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<StaffResponse>>, ProblemHttpResult>> ReadStaff(string nodeId, [AsParameters] EndpointCall call, StaffStore store,
        AuditLog audit)
    {
        if (!IsOrganization(call))
        {
            return NotFound(call);
        }
        await RegistryReadAudit.RecordAsync(audit, call.Actor, RegistryList.Staff, nodeId, call.Aborted);
        return TypedResults.Ok<IReadOnlyList<StaffResponse>>((await store.ReadStaffAsync(nodeId, call.Aborted)).Select(StaffResponse.Of).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<AssignmentResponse>>, ProblemHttpResult>> ReadAssignments(string nodeId, [AsParameters] EndpointCall call, StaffStore store) =>
        IsOrganization(call)
            ? TypedResults.Ok<IReadOnlyList<AssignmentResponse>>((await store.ReadAssignmentsAsync(nodeId, call.Aborted)).Select(AssignmentResponse.Of).ToList())
            : NotFound(call);

    private static async Task<Results<Created<StaffCreated>, ProblemHttpResult>> Hire(string nodeId, HireRequest request, [AsParameters] EndpointCall call) =>
        await CreatedAsync(call, $"/api/v1/organizations/{nodeId}/staff", g => g.Hire(call.Actor, request));

    private static async Task<Results<Ok<StaffCreated>, ProblemHttpResult>> Leave(string nodeId, string staffId, LeaveRequest request, [AsParameters] EndpointCall call) =>
        await OkAsync(call, g => g.Leave(call.Actor, staffId, request));

    private static async Task<Results<Ok<StaffCreated>, ProblemHttpResult>> CreateAccount(string nodeId, string staffId, AccountRequest request, [AsParameters] EndpointCall call)
    {
        // The initial password is in this answer only: no cache keeps it.
        call.Http.Response.Headers.CacheControl = "no-store";
        return await OkAsync(call, g => g.CreateAccount(call.Actor, staffId, request));
    }

    private static async Task<Results<Created<StaffCreated>, ProblemHttpResult>> Assign(string nodeId, AssignmentRequest request, [AsParameters] EndpointCall call) =>
        await CreatedAsync(call, $"/api/v1/organizations/{nodeId}/assignments", g => g.Assign(call.Actor, request));

    private static async Task<Results<Ok<StaffCreated>, ProblemHttpResult>> EndAssignment(string nodeId, string assignmentId, AssignmentEndRequest request,
        [AsParameters] EndpointCall call) =>
        long.TryParse(assignmentId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await OkAsync(call, g => g.EndAssignment(call.Actor, id, request))
            : Refused(call.Http, [new("assignmentId", StaffError.AssignmentUnknown)]);

    private static async Task<Results<Ok<StaffCreated>, ProblemHttpResult>> SetClassTeacher(string nodeId, string classId, ClassTeacherRequest request,
        [AsParameters] EndpointCall call) =>
        await OkAsync(call, g => g.SetClassTeacher(call.Actor, classId, request));

    private static async Task<Results<Created<StaffCreated>, ProblemHttpResult>> Split(string nodeId, SplitRequest request, [AsParameters] EndpointCall call) =>
        await CreatedAsync(call, $"/api/v1/organizations/{nodeId}/subgroups", g => g.Split(call.Actor, request));

    private static async Task<Results<Created<StaffCreated>, ProblemHttpResult>> CreatedAsync(EndpointCall call, string location,
        Func<IOrganizationStaffGrain, Task<StaffOutcome>> change)
    {
        if (!IsOrganization(call))
        {
            return NotFound(call);
        }
        var outcome = await change(call.Grains.GetGrain<IOrganizationStaffGrain>(call.Caller.Node.Id));
        return outcome.Accepted ? TypedResults.Created($"{location}/{outcome.Id}", StaffCreated.Of(outcome)) : Refused(call.Http, outcome.Problems);
    }

    private static async Task<Results<Ok<StaffCreated>, ProblemHttpResult>> OkAsync(EndpointCall call, Func<IOrganizationStaffGrain, Task<StaffOutcome>> change)
    {
        if (!IsOrganization(call))
        {
            return NotFound(call);
        }
        var outcome = await change(call.Grains.GetGrain<IOrganizationStaffGrain>(call.Caller.Node.Id));
        return outcome.Accepted ? TypedResults.Ok(StaffCreated.Of(outcome)) : Refused(call.Http, outcome.Problems);
    }

    private static bool IsOrganization(EndpointCall call) => call.Caller.Node.Kind == NodeKind.Organization;

    private static ProblemHttpResult NotFound(EndpointCall call) => LocalizedProblems.NotFound(call.Http, "problem.notFound.node");

    /// <summary>400 for bad input, 409 when recorded rows are in the way (each problem names them), 404 for a member of staff of no such organization.</summary>
    public static ProblemHttpResult Refused(HttpContext http, IReadOnlyList<StaffProblem> problems)
    {
        if (problems.Any(p => p.Error == StaffError.StaffUnknown && p.Field == "staffId"))
        {
            return LocalizedProblems.NotFound(http, "problem.notFound.staff");
        }
        var language = RequestLanguage.Of(http);
        var errors = problems.Select(p => new StaffFieldError(p.Field, JsonNaming.Camel(p.Error.ToString()), Message(p, language), p.Rows)).ToList();
        var conflict = problems.Any(p => p.IsConflict);
        return LocalizedProblems.Create(http, conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, conflict ? "staff-conflict" : "validation",
            conflict ? "problem.conflict.title" : "problem.validation.title", null, new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>The problem's text in <paramref name="language"/>, with the rows in the way when there are.</summary>
    public static string Message(StaffProblem problem, string language) =>
        Messages.Get(ProblemKeys.Of(problem.Error), language,
            [string.Join(", ", (problem.Rows ?? []).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
}

/// <summary>A refused field with the journal rows (sequence numbers) that stand in the way of the change.</summary>
public sealed record StaffFieldError(string Field, string Code, string Message, IReadOnlyList<long>? Rows);

/// <summary>What a change made: its id, and for an account the login and initial password (shown once).</summary>
public sealed record StaffCreated(string? Id, string? Login, string? Password)
{
    public static StaffCreated Of(StaffOutcome outcome) => new(outcome.Id, outcome.Login, outcome.Password);
}

/// <summary>A member of staff (no IIN: the list does not need it).</summary>
public sealed record StaffResponse(string Id, string LastName, string FirstName, string? MiddleName, StaffPost Post, DateOnly? HiredOn, DateOnly? LeftOn, string? Login)
{
    public static StaffResponse Of(StaffRow s) => new(s.Id, s.LastName, s.FirstName, s.MiddleName, s.Post, s.HiredOn, s.LeftOn, s.Login);
}

/// <summary>A teaching assignment; <see cref="GroupId"/> is the class id for the whole class.</summary>
public sealed record AssignmentResponse(long Id, string TeacherId, string ClassId, string GroupId, string? GroupName, string SubjectId, DateOnly From, DateOnly? To)
{
    public static AssignmentResponse Of(AssignmentRow a) => new(a.Id, a.TeacherId, a.ClassId, a.GroupId, a.GroupName, a.SubjectId, a.From, a.To);
}
