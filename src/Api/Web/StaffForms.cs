using System.Globalization;
using EduInfo.Api.Actors;
using EduInfo.Api.Endpoints;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Registry;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EduInfo.Api.Web;

/// <summary>Which of the head's registry pages a form returns to.</summary>
public enum StaffPageKind
{
    Staff,
    Classes,
}

/// <summary>
/// The head's staff and classes forms (antiforgery-validated posts, issue 18): the same staff grain and rules as the
/// API's staff endpoints, answered 303 back to the page with a notice. An account's initial password never travels in
/// an address: it rides back in a short-lived, encrypted, HttpOnly cookie the staff page shows once and deletes.
/// </summary>
public static class StaffForms
{
    public const string IssuedCookie = "eduinfo-issued";
    private const string Purpose = "EduInfo.StaffForms.IssuedAccount";

    public static WebApplication MapStaffForms(this WebApplication app)
    {
        var forms = app.MapGroup("/desk/{nodeId}").WithTags("Browser session").ExcludeFromDescription().RequireAuthorization();
        forms.MapPost("/staff/hire", (string nodeId, [AsParameters] HireForm f, [AsParameters] StaffFormCall call) => SendAsync(nodeId, StaffPageKind.Staff, call,
            (g, a) => g.Hire(a, new HireRequest(Blank(f.Iin), Blank(f.LastName), Blank(f.FirstName), Blank(f.MiddleName), Blank(f.Post), Date(f.HiredOn)))));
        forms.MapPost("/staff/leave", (string nodeId, [FromForm(Name = "staffId")] string? staffId, [FromForm(Name = "lastDay")] string? lastDay,
            [AsParameters] StaffFormCall call) => SendAsync(nodeId, StaffPageKind.Staff, call, (g, a) => g.Leave(a, staffId ?? "", new LeaveRequest(Date(lastDay)))));
        forms.MapPost("/staff/account", (string nodeId, [FromForm(Name = "staffId")] string? staffId, [FromForm(Name = "login")] string? login,
            [AsParameters] StaffFormCall call) => SendAsync(nodeId, StaffPageKind.Staff, call, (g, a) => g.CreateAccount(a, staffId ?? "", new AccountRequest(Blank(login)))));
        forms.MapPost("/classes/assign", (string nodeId, [AsParameters] AssignForm f, [AsParameters] StaffFormCall call) => SendAsync(nodeId, StaffPageKind.Classes, call,
            (g, a) => g.Assign(a, new AssignmentRequest(Blank(f.TeacherId), Blank(f.GroupId), Blank(f.SubjectId), Date(f.From), Date(f.To)))));
        forms.MapPost("/classes/end", (string nodeId, [FromForm(Name = "assignmentId")] string? assignmentId, [FromForm(Name = "to")] string? to,
            [AsParameters] StaffFormCall call) => SendAsync(nodeId, StaffPageKind.Classes, call, (g, a) =>
                long.TryParse(assignmentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? g.EndAssignment(a, id, new AssignmentEndRequest(Date(to)))
                    : Task.FromResult(StaffOutcome.Refused([new("assignmentId", StaffError.AssignmentUnknown)]))));
        forms.MapPost("/classes/class-teacher", (string nodeId, [FromForm(Name = "classId")] string? classId, [FromForm(Name = "teacherId")] string? teacherId,
            [FromForm(Name = "from")] string? from, [AsParameters] StaffFormCall call) => SendAsync(nodeId, StaffPageKind.Classes, call,
                (g, a) => g.SetClassTeacher(a, classId ?? "", new ClassTeacherRequest(Blank(teacherId), Date(from)))));
        forms.MapPost("/classes/split", (string nodeId, [AsParameters] SplitForm f, [AsParameters] StaffFormCall call) => SendAsync(nodeId, StaffPageKind.Classes, call,
            (g, a) => g.Split(a, new SplitRequest(Blank(f.GroupId), Blank(f.SubjectId), Blank(f.Name), StudentIds(call.Http), Date(f.From)))));
        return app;
    }

    public sealed record HireForm(
        [FromForm(Name = "iin")] string? Iin,
        [FromForm(Name = "lastName")] string? LastName,
        [FromForm(Name = "firstName")] string? FirstName,
        [FromForm(Name = "middleName")] string? MiddleName,
        [FromForm(Name = "post")] string? Post,
        [FromForm(Name = "hiredOn")] string? HiredOn);

    public sealed record AssignForm(
        [FromForm(Name = "teacherId")] string? TeacherId,
        [FromForm(Name = "groupId")] string? GroupId,
        [FromForm(Name = "subjectId")] string? SubjectId,
        [FromForm(Name = "from")] string? From,
        [FromForm(Name = "to")] string? To);

    public sealed record SplitForm(
        [FromForm(Name = "groupId")] string? GroupId,
        [FromForm(Name = "subjectId")] string? SubjectId,
        [FromForm(Name = "name")] string? Name,
        [FromForm(Name = "from")] string? From);

    public sealed record StaffFormCall(HttpContext Http, ActorResolver Actors, NodeDirectory Directory, IGrainFactory Grains, IDataProtectionProvider Protection);

    /// <summary>The account just issued, read once from its cookie (and the cookie deleted), or null.</summary>
    public static (string StaffId, string Login, string Password)? TakeIssued(HttpContext http, IDataProtectionProvider protection)
    {
        if (http.Request.Cookies[IssuedCookie] is not { } value)
        {
            return null;
        }
        http.Response.Cookies.Delete(IssuedCookie, new CookieOptions { Path = http.Request.Path });
        try
        {
            var parts = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(value).Split('\n');
            return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static async Task<Results<SeeOther, ProblemHttpResult>> SendAsync(string organizationId, StaffPageKind page, StaffFormCall call,
        Func<IOrganizationStaffGrain, Actor, Task<StaffOutcome>> change)
    {
        var admission = await FormAdmission.CheckAsync(call.Http, call.Actors, call.Directory, organizationId, AccessPolicy.CanManageStaff);
        if (!admission.Admitted)
        {
            return admission.Refusal;
        }
        var outcome = await change(call.Grains.GetGrain<IOrganizationStaffGrain>(organizationId), admission.Actor);
        var path = $"/desk/{Uri.EscapeDataString(organizationId)}/{page.ToString().ToLowerInvariant()}";
        if (outcome is { Accepted: true, Password: { } password })
        {
            var sealedAccount = call.Protection.CreateProtector(Purpose).ToTimeLimitedDataProtector()
                .Protect($"{outcome.Id}\n{outcome.Login}\n{password}", TimeSpan.FromMinutes(2));
            call.Http.Response.Cookies.Append(IssuedCookie, sealedAccount, new CookieOptions
            {
                HttpOnly = true, Secure = call.Http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = path, MaxAge = TimeSpan.FromMinutes(2),
            });
        }
        var problem = outcome.Problems.FirstOrDefault();
        var query = QueryString.Create([
            new("notice", outcome.Accepted ? "done" : "refused"),
            .. problem is null ? [] : new KeyValuePair<string, string?>[]
            {
                new("error", JsonNaming.Camel(problem.Error.ToString())),
                new("field", problem.Field),
                new("rows", string.Join(',', (problem.Rows ?? []).Take(20))),
            },
        ]);
        return new SeeOther(path + query);
    }

    // Read from the form itself: a repeated field does not bind as an array inside [AsParameters].
    private static IReadOnlyList<string> StudentIds(HttpContext http) =>
        http.Request.HasFormContentType ? [.. http.Request.Form["studentIds"].OfType<string>()] : [];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
