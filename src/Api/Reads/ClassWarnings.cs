using System.Text.Json;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>A class's early-warning list as people read it: pupils by name, each reason in their language.</summary>
public sealed record ClassWarningsResponse(string ClassId, int Term, IReadOnlyList<WarnedPupil> Pupils);

public sealed record WarnedPupil(string StudentId, string DisplayName, IReadOnlyList<WarnedReason> Reasons);

/// <summary>One reason: <c>absences</c>, <c>projectedFail</c> or <c>pendingSummative</c>, what it names and its text.</summary>
public sealed record WarnedReason(string Reason, string? SubjectId, string? Component, int? Value, string Text);

/// <summary>
/// The early-warning lists (docs/analysis.md, Signals): the class grain's list with the pupils' names, for those who may
/// read those pupils' diaries — the journal grid's rule (<see cref="AccessPolicy.CanReadClassJournal"/>) with every
/// teacher assigned in the class today. Audited as <c>class.warnings.read</c>, refusals too.
/// </summary>
public sealed class ClassWarnings(RegistryStore registry, SubjectNames subjects, AuditLog audit, IKazakhstanClock clock, IGrainFactory grains)
{
    public async Task<bool> MayReadAsync(Actor actor, NodeRecord cls, int term, CancellationToken cancellationToken)
    {
        var record = await registry.FindClassAsync(cls.Id, cancellationToken);
        var today = clock.Today;
        var teachers = record?.Assignments.Where(a => a.CoversDate(today)).Select(a => a.TeacherId).ToHashSet(StringComparer.Ordinal) ?? [];
        var allowed = AccessPolicy.CanReadClassJournal(actor, [.. cls.Path, cls.Id], teachers);
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "class.warnings.read", "class", cls.Id,
            record?.OrganizationId, allowed ? "ok" : "denied", JsonSerializer.Serialize(new { term })), cancellationToken);
        return allowed;
    }

    /// <summary>The list of a term, or null for a term the class's calendar lacks.</summary>
    public async Task<ClassWarningsResponse?> ReadAsync(string classId, int term, string language, CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<IClassGrain>(classId).GetWarnings(term);
        if (view is null)
        {
            return null;
        }
        var names = await registry.StudentNamesAsync([.. view.Pupils.Select(p => p.StudentId)], cancellationToken);
        var pupils = new List<WarnedPupil>();
        foreach (var pupil in view.Pupils)
        {
            var reasons = new List<WarnedReason>();
            foreach (var cause in pupil.Causes)
            {
                reasons.Add(await ReasonAsync(cause, language, cancellationToken));
            }
            pupils.Add(new WarnedPupil(pupil.StudentId, names.GetValueOrDefault(pupil.StudentId) ?? pupil.StudentId, reasons));
        }
        return new ClassWarningsResponse(classId, term, [.. pupils.OrderBy(p => p.DisplayName, StringComparer.Ordinal)]);
    }

    private async Task<WarnedReason> ReasonAsync(WarningCauseView cause, string language, CancellationToken cancellationToken)
    {
        var subject = cause.SubjectId is null ? "" : await subjects.NameAsync(cause.SubjectId, language, cancellationToken);
        var component = cause.Component is { } kind ? Messages.Get($"markKind.{kind}", language) : "";
        var value = cause.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return new WarnedReason(JsonNamingPolicy.CamelCase.ConvertName(cause.Reason.ToString()), cause.SubjectId,
            cause.Component?.ToString().ToLowerInvariant(), cause.Value, Messages.Get($"warning.{cause.Reason}", language, value, subject, component));
    }

    /// <summary>
    /// The head's desk: each class's list of the term running today (a class before its first term has none). The desk
    /// has checked the head's right on the organization, which covers every class's diaries; one audit record for all.
    /// </summary>
    public async Task<IReadOnlyList<(DeskClass Class, ClassWarningsResponse List)>> ForDeskAsync(Actor actor, string organizationId,
        IReadOnlyList<DeskClass> classes, string language, CancellationToken cancellationToken)
    {
        var lists = new List<(DeskClass, ClassWarningsResponse)>();
        foreach (var cls in classes)
        {
            if (CurrentTerm(cls.Terms.Select(t => (t.Term, t.StartsOn, t.EndsOn)), clock.Today) is { } term
                && await ReadAsync(cls.ClassId, term, language, cancellationToken) is { } list)
            {
                lists.Add((cls, list));
            }
        }
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "class.warnings.read", "organization", organizationId,
            organizationId, "ok", JsonSerializer.Serialize(new { page = true, classes = lists.Count })), cancellationToken);
        return lists;
    }

    /// <summary>The term the desk shows: the one running today, else the last begun (null before the year).</summary>
    public static int? CurrentTerm(IEnumerable<(int Term, DateOnly Starts, DateOnly Ends)> terms, DateOnly today) =>
        terms.Where(t => t.Starts <= today).OrderBy(t => t.Starts).Select(t => (int?)t.Term).LastOrDefault();
}
