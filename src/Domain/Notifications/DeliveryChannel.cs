namespace EduInfo.Domain.Notifications;

/// <summary>The channels a message of the inbox is also sent through, when its recipient asked for them.</summary>
public enum DeliveryChannel
{
    Email = 1,
    Sms = 2,
}
