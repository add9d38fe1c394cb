using EduInfo.Domain.Calendar;
using EduInfo.Domain.Notifications;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Storage.Audit;
using EduInfo.Storage.EServices;
using EduInfo.Storage.Notifications;

namespace EduInfo.Grains.EServices;

/// <summary>A recipient's inbox (issue 22): its read marks and its channels, changed by the recipient themselves only.</summary>
public sealed class InboxGrain(InboxStore store, DeliveryStore delivery, IKazakhstanClock clock) : Grain, IInboxGrain
{
    private static readonly string[] Languages = ["kk", "ru", "en"];

    public async Task<bool> MarkRead(Actor actor, long messageId)
    {
        var recipient = this.GetPrimaryKeyString();
        return ServiceParties.InboxesOf(actor).Contains(recipient) && await store.MarkReadAsync(recipient, messageId, clock.UtcNow);
    }

    public async Task<ApplicationOutcome> SaveChannels(Actor actor, NotificationChannelsRequest request, string language)
    {
        var recipient = this.GetPrimaryKeyString();
        if (ServiceParties.ApplicantOf(actor) != recipient)
        {
            return new ApplicationOutcome(ApplicationStatus.Forbidden, []);
        }
        var problems = new List<(string Field, ContactError Error)>();
        if (ContactRules.Parse(request.Email, request.Phone, request.EmailOn, request.SmsOn, request.QuietFrom, request.QuietTo, problems) is not { } settings)
        {
            return new ApplicationOutcome(ApplicationStatus.Invalid, [.. problems.Select(p => Problem(p.Field, p.Error))]);
        }
        // A client that does not know the subscriptions (sends none of them) keeps what the parent saved.
        var saved = request.MarksOn is null || request.AbsencesOn is null || request.TermMarksOn is null
            ? (await delivery.ChannelsAsync(recipient))?.Follows ?? JournalSubscriptions.None
            : JournalSubscriptions.None;
        var follows = new JournalSubscriptions(request.MarksOn ?? saved.Marks, request.AbsencesOn ?? saved.Absences, request.TermMarksOn ?? saved.TermMarks);
        await delivery.SaveChannelsAsync(recipient, settings, follows, Languages.Contains(language) ? language : "kk", clock.UtcNow,
            new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, "notification.channels", "parent", recipient, null, "committed"));
        return new ApplicationOutcome(ApplicationStatus.Done, []);
    }

    private static ApplicationProblem Problem(string field, ContactError error)
    {
        var code = ApplicationStore.Text(error);
        return new ApplicationProblem(field, code, $"notification.error.{code}");
    }
}
