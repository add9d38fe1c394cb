using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.EServices;

namespace EduInfo.Api.Reads;

/// <summary>
/// The e-services as their readers see them (issue 22): the catalogue for everyone; an application for its applicant
/// and its office only (the child's name with it); the office's work queue; the area's overdue list without any
/// person; a certificate's public check. Reads the rows of record; writes go through the application grains.
/// </summary>
public sealed class ApplicationRead(ApplicationStore store, ServiceDesk desk, NodeDirectory directory, IKazakhstanClock clock, InboxStore inbox)
{
    /// <summary>The caller's inbox (a parent's messages, a staff member's own); empty for a caller with none.</summary>
    public async Task<NotificationsResponse> NotificationsAsync(Actor actor, string language, CancellationToken cancellationToken)
    {
        if (ServiceParties.InboxesOf(actor) is not { Count: > 0 } recipients)
        {
            return new NotificationsResponse(0, []);
        }
        var catalogue = await desk.CatalogueAsync(cancellationToken);
        var (unread, messages) = await inbox.ReadAsync(recipients, 50, cancellationToken);
        return new NotificationsResponse(unread, [.. messages.Select(m =>
        {
            if (m.Journal is { } journal)
            {
                return new NotificationResponse(m.Id, m.Kind, journal.Render(language), m.Link, m.CreatedAt, m.Read, null, null);
            }
            var service = m.Service is { } s ? catalogue.Single(d => d.Kind == ApplicationStore.Parse<ServiceKind>(s)) : null;
            var state = m.State is { } t ? ApplicationStore.Parse<ApplicationState>(t) : (ApplicationState?)null;
            var text = Messages.Get($"notification.{m.Kind}", language, service is null ? "" : NameOf(service, language),
                state is { } st ? Messages.Get($"application.state.{ApplicationStore.Text(st)}", language) : "");
            return new NotificationResponse(m.Id, m.Kind, text, m.Link, m.CreatedAt, m.Read, m.ApplicationId, state);
        })]);
    }

    public async Task<IReadOnlyList<ServiceResponse>> ServicesAsync(string language, CancellationToken cancellationToken) =>
        [.. (await desk.CatalogueAsync(cancellationToken)).Select(s => new ServiceResponse(s.Kind, NameOf(s, language), s.Applicants,
            [.. s.Documents.Select(r => new DocumentRequirementResponse([.. r.AnyOf.Select(d => Named(d, "document", language))], r.OnlyWhereNeeded))],
            s.Office, s.DecisionWorkingDays, s.Window is { } w ? new WindowResponse($"{w.FromMonth:00}-{w.FromDay:00}", $"{w.ToMonth:00}-{w.ToDay:00}") : null,
            [.. s.RefusalGrounds.Select(g => Named(g, "ground", language))]))];

    /// <summary>One application with its transitions, or null when the caller is neither its applicant nor its office.</summary>
    public async Task<ApplicationResponse?> OneAsync(Actor actor, Guid id, string language, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(id, cancellationToken) is not { } record || PartiesOf(actor, record).Count == 0)
        {
            return null;
        }
        var children = await store.ChildrenAsync([record], cancellationToken);
        var response = await ResponseAsync(actor, record, children, await store.TransitionsAsync(id, cancellationToken), language, cancellationToken);
        return record is { Service: ServiceKind.KindergartenQueue, BirthYear: { } year }
            ? response with { Queue = await QueueAsync(record, year, language, cancellationToken) }
            : response;
    }

    /// <summary>The documents of an application for its applicant and its office; null for anyone else.</summary>
    public async Task<IReadOnlyList<UploadListItem>?> UploadsAsync(Actor actor, Guid id, string language, CancellationToken cancellationToken) =>
        await store.LoadAsync(id, cancellationToken) is { } record && PartiesOf(actor, record).Count > 0
            ? [.. (await store.UploadsOfAsync(id, cancellationToken)).Select(u => new UploadListItem(u.Id, u.Document, Named(u.Document, "document", language).Name,
                u.ContentType, u.SizeBytes, u.UploadedAt))]
            : null;

    /// <summary>
    /// A document's content for the office's staff only, its read audited with the content (health data); the applicant
    /// is refused (forbidden), anyone else finds nothing.
    /// </summary>
    public async Task<((UploadRecord Upload, byte[] Content)? File, bool Forbidden)> DownloadAsync(Actor actor, Guid id, Guid uploadId, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(id, cancellationToken) is not { } record || PartiesOf(actor, record) is not { Count: > 0 } parties)
        {
            return (null, false);
        }
        if (!parties.Contains(WorkflowActor.Office) && !parties.Contains(WorkflowActor.ReceivingHead))
        {
            return (null, true);
        }
        var audit = new EduInfo.Storage.Audit.AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "application.upload.read", "application", id.ToString(),
            record.OfficeId == record.DistrictId ? null : record.OfficeId, "committed");
        return (await store.ReadUploadAsync(id, uploadId, audit, cancellationToken), false);
    }

    private async Task<QueueResponse> QueueAsync(ApplicationRecord record, int birthYear, string language, CancellationToken cancellationToken)
    {
        var queue = await store.QueueEntriesAsync(record.DistrictId, birthYear, cancellationToken);
        var place = queue.Select((e, i) => (e.ApplicationId, Place: i + 1)).FirstOrDefault(p => p.ApplicationId == record.Id.ToString()).Place;
        return new QueueResponse(place == 0 ? null : place, queue.Count, ApplicationStore.ReferenceOf(record.Id.ToString(), record.ReceiptSeq), record.PriorityConfirmed,
            record.DirectedTo, record.DirectionUntil,
            [.. (await store.PositionsOfAsync(record.Id, cancellationToken)).Select(p => new QueueChangeResponse(p.At, p.From, p.To, p.Cause,
                Messages.Get($"application.queueCause.{ApplicationStore.Text(p.Cause)}", language)))]);
    }

    /// <summary>A district's queues as published: places, references, filing days and counting priorities; null for no such district.</summary>
    public async Task<PublicQueueResponse?> PublicQueueAsync(string districtId, string language, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(districtId, cancellationToken) is not { Kind: EduInfo.Domain.Registry.NodeKind.District } district)
        {
            return null;
        }
        var entries = await store.PublicQueueAsync(districtId, cancellationToken);
        return new PublicQueueResponse(districtId, NodeSummaryResponse.NameOf(district, districtId, language),
            [.. entries.GroupBy(e => e.BirthYear).Select(g => new PublicQueueYearResponse(g.Key,
                [.. g.Select(e => new PublicQueuePlaceResponse(e.Place, e.Reference, e.FiledMonth, e.Priority))]))]);
    }

    public async Task<IReadOnlyList<ApplicationResponse>> MineAsync(Actor actor, string language, CancellationToken cancellationToken) =>
        ServiceParties.ApplicantOf(actor) is { } applicant
            ? await ResponsesAsync(actor, await store.OfApplicantAsync(applicant, cancellationToken), language, cancellationToken)
            : [];

    /// <summary>The office's work queue: its open applications in the order of receipt, then the latest closed ones.</summary>
    public async Task<IReadOnlyList<ApplicationResponse>> OfficeAsync(Actor actor, string officeId, string language, CancellationToken cancellationToken) =>
        await ResponsesAsync(actor, await store.OfOfficeAsync(officeId, cancellationToken), language, cancellationToken);

    /// <summary>The area's applications past their term, the oldest deadline first, with no child or applicant.</summary>
    public async Task<IReadOnlyList<OverdueApplicationResponse>> OverdueAsync(string areaId, string language, CancellationToken cancellationToken)
    {
        var (catalogue, calendar, today) = (await desk.CatalogueAsync(cancellationToken), await desk.CalendarAsync(cancellationToken), clock.Today);
        var overdue = await store.OverdueInAsync(areaId, today, cancellationToken);
        var responses = new List<OverdueApplicationResponse>(overdue.Count);
        foreach (var a in overdue)
        {
            responses.Add(new OverdueApplicationResponse(a.Id, a.Service, NameOf(catalogue.Single(s => s.Kind == a.Service), language), a.OfficeId,
                await OfficeNameAsync(a.OfficeId, language, cancellationToken), a.DueOn!.Value, calendar.WorkingDaysBetween(a.DueOn.Value, today),
                a.EscalatedAt is not null));
        }
        return responses;
    }

    /// <summary>How well a node (an area or an organization) is served: null for a class or no such node.</summary>
    public async Task<ServiceFiguresResponse?> FiguresAsync(string nodeId, string language, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(nodeId, cancellationToken) is not { } node || node.Kind == EduInfo.Domain.Registry.NodeKind.Class)
        {
            return null;
        }
        var (catalogue, calendar, today) = (await desk.CatalogueAsync(cancellationToken), await desk.CalendarAsync(cancellationToken), clock.Today);
        var rows = await store.CountedInAsync(nodeId, cancellationToken);
        FiguresResponse Of(IEnumerable<CountedGroup> groups) => FiguresResponse.Of(ServiceFigures.Of(groups, today, calendar));
        var children = new List<ChildFiguresRow>();
        // The area or organization right below the node on each office's path; a department's own applications count in the total only.
        foreach (var group in rows.Where(r => r.Below is not null).GroupBy(r => r.Below!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            children.Add(new ChildFiguresRow(group.Key, await OfficeNameAsync(group.Key, language, cancellationToken), Of(group.Select(r => r.Group))));
        }
        return new ServiceFiguresResponse(nodeId, NodeSummaryResponse.NameOf(node, nodeId, language), today, Of(rows.Select(r => r.Group)),
            [.. catalogue.Select(s => new ServiceFiguresRow(s.Kind, NameOf(s, language), Of(rows.Select(r => r.Group).Where(g => g.Application.Service == s.Kind))))],
            children);
    }

    public async Task<IReadOnlyList<ChildLinkResponse>> ChildrenOfAsync(Actor actor, CancellationToken cancellationToken) =>
        ServiceParties.ApplicantOf(actor) is { } parent
            ? [.. (await store.ChildLinksOfAsync(parent, cancellationToken)).Select(l => new ChildLinkResponse(l.Id, l.LastName, l.FirstName, l.MiddleName, l.BirthDate, l.Confirmed))]
            : [];

    public async Task<PublicCertificateResponse?> CertificateAsync(string code, string language, CancellationToken cancellationToken) =>
        await store.VerifyCertificateAsync(code, clock.Today, cancellationToken) is { } found
            ? new PublicCertificateResponse(NameOf(ServiceCatalogue.Of(ServiceKind.StudyCertificate), language), found.OrganizationId,
                await OfficeNameAsync(found.OrganizationId, language, cancellationToken), found.IssuedOn, found.Initials, found.Valid)
            : null;

    private async Task<IReadOnlyList<ApplicationResponse>> ResponsesAsync(Actor actor, IReadOnlyList<ApplicationRecord> records, string language,
        CancellationToken cancellationToken)
    {
        var children = await store.ChildrenAsync(records, cancellationToken);
        var responses = new List<ApplicationResponse>(records.Count);
        foreach (var record in records)
        {
            responses.Add(await ResponseAsync(actor, record, children, [], language, cancellationToken));
        }
        return responses;
    }

    private async Task<ApplicationResponse> ResponseAsync(Actor actor, ApplicationRecord a, IReadOnlyDictionary<string, ApplicationChild> children,
        IReadOnlyList<ApplicationTransition> transitions, string language, CancellationToken cancellationToken)
    {
        var service = (await desk.CatalogueAsync(cancellationToken)).Single(s => s.Kind == a.Service);
        var parties = PartiesOf(actor, a);
        var child = children.TryGetValue(a.StudentId ?? a.ChildLinkId!.Value.ToString(), out var c) && parties.Count > 0
            ? new ApplicationChildResponse(a.ChildLinkId, a.StudentId, c.LastName, c.FirstName, c.BirthDate)
            : null;
        var offered = parties.SelectMany(p => ApplicationWorkflow.Offered(service, a.State, p)).Distinct().Order()
            .Select(x => Named(x, "action", language)).ToList();
        return new ApplicationResponse(a.Id, a.Service, NameOf(service, language), a.State, Messages.Get($"application.state.{ApplicationStore.Text(a.State)}", language),
            a.ReceivedAt, a.CountsFrom, a.DueOn, a.State.AwaitsDecision() && a.DueOn < clock.Today, a.EscalatedAt is not null, a.DecidedOn, a.OfficeId,
            await OfficeNameAsync(a.OfficeId, language, cancellationToken), child, a.LinkConfirmed, [.. a.Documents.Select(d => Named(d, "document", language))],
            a.FromTerritory, a.Priority, a.AdmittedYear,
            a.RefusalGround is { } g ? new RefusalResponse(g, Named(g, "ground", language).Name, a.RefusalReason ?? "") : null,
            a.VerificationCode, offered,
            [.. transitions.Select(t => new TransitionResponse(t.Version, t.Action, t.From, t.To, t.ActorKind, t.At, t.Ground, t.Reason))]);
    }

    private static IReadOnlyList<WorkflowActor> PartiesOf(Actor actor, ApplicationRecord a) =>
        ServiceParties.Of(actor, a.Service, a.ApplicantId, a.OfficeId, a.DistrictId);

    private async Task<string> OfficeNameAsync(string officeId, string language, CancellationToken cancellationToken) =>
        NodeSummaryResponse.NameOf(await directory.FindAsync(officeId, cancellationToken), officeId, language);

    private static string NameOf(ServiceDefinition service, string language) => Messages.Pick(language, service.Name.Kk, service.Name.Ru, service.Name.En);

    private static NamedResponse<T> Named<T>(T value, string kind, string language) where T : struct, Enum =>
        new(value, Messages.Get($"application.{kind}.{ApplicationStore.Text(value)}", language));
}
