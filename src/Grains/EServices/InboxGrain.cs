using EduInfo.Domain.Calendar;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;
using EduInfo.Storage.EServices;

namespace EduInfo.Grains.EServices;

/// <summary>A recipient's inbox (issue 22): marks its messages read for the recipient themselves only.</summary>
public sealed class InboxGrain(InboxStore store, IKazakhstanClock clock) : Grain, IInboxGrain
{
    public async Task<bool> MarkRead(Actor actor, long messageId)
    {
        var recipient = this.GetPrimaryKeyString();
        return ServiceParties.ApplicantOf(actor) == recipient && await store.MarkReadAsync(recipient, messageId, clock.UtcNow);
    }
}
