namespace EduInfo.Grains.EServices;

/// <summary>The e-services' runtime settings (section <c>EServices</c>).</summary>
public sealed class EServicesOptions
{
    /// <summary>
    /// How often an application's reminder wakes its grain until the deadline has passed. The deadline is the row's,
    /// counted by the domain clock; the reminder only looks. A day in production; tests lower it (and Orleans'
    /// MinimumReminderPeriod with it).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many months after the decision an application's uploaded documents (health data) are deleted.</summary>
    public int UploadRetentionMonths { get; set; } = 12;
}
