using EduInfo.Domain.Calendar;
using EduInfo.Api.Actors;
using EduInfo.Api.Problems;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Summaries;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduInfo.Api.Endpoints;

/// <summary>
/// A class's timetable: which lessons its teaching groups have each week. It says which lessons were scheduled, so the
/// summaries can show completeness (lessons with a roll-call ÷ lessons scheduled) at every level.
/// </summary>
public static class TimetableEndpoints
{
    public const int MaxSlots = 200;
    private const int MaxPeriod = 12;

    public static RouteGroupBuilder MapTimetableEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/classes/{classId}/timetable", Get).WithTags("Calendar")
            .WithName("GetTimetable")
            .WithSummary("A class's timetable: every dated weekly slot (group, subject, ISO weekday, period)");
        api.MapPut("/classes/{classId}/timetable", Replace).WithTags("Calendar")
            .WithName("ReplaceTimetable")
            .WithSummary("Replace a class's timetable from a date (the head; audited)")
            .WithDescription("Slots that started on or after validFrom are replaced; slots running on that day end the day before, so history keeps the timetable it had.");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<ScheduledSlot>>, ProblemHttpResult>> Get(
        string classId, HttpContext context, ActorResolver actors, NodeDirectory directory, TimetableStore timetables, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanReadSummary, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is null)
        {
            return problem!;
        }
        return TypedResults.Ok(await timetables.ReadAsync(classId, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Replace(
        string classId, TimetableDocument timetable, HttpContext context, ActorResolver actors, NodeDirectory directory, RegistryStore registry,
        TimetableStore timetables, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = null;
        if (await EndpointAccess.NodeAsync(classId, AccessPolicy.CanCloseTerm, context, actors, directory, p => problem = p, cancellationToken,
                NodeKind.Class, "problem.notFound.class") is not var (actor, _))
        {
            return problem!;
        }
        var cls = await registry.FindClassAsync(classId, cancellationToken);
        if (cls is null)
        {
            return LocalizedProblems.NotFound(context, "problem.notFound.class");
        }
        var problems = new List<(string Field, string Code)>();
        var (first, last) = AcademicCalendar.Bounds(cls.AcademicYear);
        if (timetable.ValidFrom is null)
        {
            problems.Add(("validFrom", "required"));
        }
        else if (timetable.ValidFrom < first || timetable.ValidFrom > last)
        {
            problems.Add(("validFrom", "dateOutsideAcademicYear"));
        }
        var slots = timetable.Slots ?? [];
        if (slots.Count > MaxSlots)
        {
            problems.Add(("slots", "tooManySlots"));
        }
        var valid = new List<(string GroupId, string SubjectId, int Weekday, int Period)>();
        var taken = new HashSet<(string, int, int)>();
        for (var i = 0; i < slots.Count && slots.Count <= MaxSlots; i++)
        {
            var at = $"slots[{i}]";
            if (slots[i] is not { } slot)
            {
                problems.Add((at, "required"));
                continue;
            }
            var groupId = slot.GroupId ?? classId;
            if (groupId != classId && cls.Groups?.Any(g => g.GroupId == groupId) != true)
            {
                problems.Add(($"{at}.groupId", "groupUnknown"));
            }
            else if (slot.SubjectId is null)
            {
                problems.Add(($"{at}.subjectId", "required"));
            }
            else if (!cls.Assignments.Any(a => a.GroupId == groupId && a.SubjectId == slot.SubjectId))
            {
                problems.Add(($"{at}.subjectId", "subjectNotTaught"));
            }
            if (slot.Weekday is not (>= 1 and <= 7))
            {
                problems.Add(($"{at}.weekday", "weekdayOutOfRange"));
            }
            if (slot.Period is not (>= 1 and <= MaxPeriod))
            {
                problems.Add(($"{at}.period", "periodOutOfRange"));
            }
            else if (slot.Weekday is >= 1 and <= 7 && !taken.Add((groupId, slot.Weekday.Value, slot.Period.Value)))
            {
                problems.Add(($"{at}.period", "slotDuplicate"));
            }
            if (slot.SubjectId is not null && slot.Weekday is not null && slot.Period is not null)
            {
                valid.Add((groupId, slot.SubjectId, slot.Weekday.Value, slot.Period.Value));
            }
        }
        if (problems.Count > 0)
        {
            return LocalizedProblems.Invalid(context, problems, "timetable.error");
        }
        await timetables.ReplaceAsync(classId, timetable.ValidFrom!.Value, valid,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "timetable.replace", "class", classId, cls.OrganizationId, "committed"),
            cancellationToken);
        // The class's version moved: it rebuilds and republishes its completeness.
        await grains.GetGrain<IClassGrain>(classId).Refresh();
        return TypedResults.NoContent();
    }
}
