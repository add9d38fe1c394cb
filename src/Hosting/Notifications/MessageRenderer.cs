using EduInfo.Domain.EServices;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.EServices;
using EduInfo.Storage.Notifications;
using Microsoft.Extensions.Options;

namespace EduInfo.Hosting.Notifications;

/// <summary>An outbox row in its recipient's language: the same words as the inbox (a service and a state, or a journal notice), and the full link.</summary>
public sealed class MessageRenderer(ServiceDesk desk, IOptions<NotificationOptions> options)
{
    public async Task<RenderedMessage> RenderAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var language = message.Language;
        var link = new Uri(new Uri(options.Value.PublicBaseUrl.TrimEnd('/') + "/"), message.Link.TrimStart('/'));
        if (message.Journal is { } journal)
        {
            return new RenderedMessage(Messages.Get("notification.email.subjectJournal", language), journal.Render(language), link);
        }
        var service = message.Service is { } s
            ? (await desk.CatalogueAsync(cancellationToken)).Single(d => d.Kind == ApplicationStore.Parse<ServiceKind>(s))
            : null;
        var state = message.State is { } t ? Messages.Get($"application.state.{t}", language) : "";
        var text = Messages.Get($"notification.{message.Kind}", language,
            service is null ? "" : Messages.Pick(language, service.Name.Kk, service.Name.Ru, service.Name.En), state);
        return new RenderedMessage(Messages.Get("notification.email.subject", language), text, link);
    }
}
