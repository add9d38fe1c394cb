using System.Text.RegularExpressions;

namespace EduInfo.Domain.Notifications;

/// <summary>Why a contact for notifications is refused.</summary>
public enum ContactError
{
    /// <summary>Not one address of the form name@domain.tld, or longer than 254 characters.</summary>
    EmailInvalid = 1,
    /// <summary>Not a Kazakhstan mobile number (+7 70x/74x–77x xxx xx xx).</summary>
    PhoneInvalid = 2,
    /// <summary>A channel switched on without its address.</summary>
    AddressMissing = 3,
    /// <summary>A quiet-hours end that is not hh:mm.</summary>
    QuietHoursInvalid = 4,
}

/// <summary>A recipient's channels as they asked for them: normalized addresses, each channel on or off, quiet hours.</summary>
public sealed record ContactSettings(string? Email, string? Phone, bool EmailOn, bool SmsOn, QuietHours Quiet);

/// <summary>
/// The contacts a parent gives for notifications (issue 22): one e-mail address, one Kazakhstan mobile number written
/// as +77xxxxxxxxx whatever spaces, dashes or leading 8 it was typed with. An address is personal data: it is stored for
/// sending only and never logged.
/// </summary>
public static partial class ContactRules
{
    public const int MaxEmailLength = 254;

    public static ContactSettings? Parse(string? email, string? phone, bool emailOn, bool smsOn, string? quietFrom, string? quietTo,
        ICollection<(string Field, ContactError Error)> problems)
    {
        var before = problems.Count;
        var normalizedEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (normalizedEmail is not null && (normalizedEmail.Length > MaxEmailLength || !EmailShape().IsMatch(normalizedEmail)))
        {
            problems.Add(("email", ContactError.EmailInvalid));
        }
        var normalizedPhone = string.IsNullOrWhiteSpace(phone) ? null : NormalizePhone(phone);
        if (!string.IsNullOrWhiteSpace(phone) && normalizedPhone is null)
        {
            problems.Add(("phone", ContactError.PhoneInvalid));
        }
        if (emailOn && normalizedEmail is null)
        {
            problems.Add(("email", ContactError.AddressMissing));
        }
        if (smsOn && string.IsNullOrWhiteSpace(phone))
        {
            problems.Add(("phone", ContactError.AddressMissing));
        }
        var from = Time(quietFrom, "quietFrom", problems);
        var to = Time(quietTo, "quietTo", problems);
        return problems.Count > before ? null : new ContactSettings(normalizedEmail, normalizedPhone, emailOn, smsOn, new QuietHours(from, to));
    }

    /// <summary>+77xxxxxxxxx from "+7 701 234 56 78", "8 (701) 234-56-78", "87012345678"; null for anything else.</summary>
    public static string? NormalizePhone(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '+')))
        {
            return null;
        }
        if (digits.Length == 11 && digits[0] is '7' or '8')
        {
            digits = digits[1..];
        }
        // Mobile codes are 70x, 74x–77x; 71x–73x are landlines (Astana 7172, Almaty 727), which take no SMS.
        return digits.Length == 10 && digits[0] == '7' && digits[1] is '0' or '4' or '5' or '6' or '7' ? "+7" + digits : null;
    }

    /// <summary>Only the last two digits of a number, for the page that shows what was saved and for any operator's view.</summary>
    public static string MaskPhone(string phone) => phone.Length > 2 ? new string('•', phone.Length - 2) + phone[^2..] : "••";

    private static TimeOnly Time(string? value, string field, ICollection<(string Field, ContactError Error)> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return TimeOnly.MinValue;
        }
        if (TimeOnly.TryParseExact(value.Trim(), "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time))
        {
            return time;
        }
        problems.Add((field, ContactError.QuietHoursInvalid));
        return TimeOnly.MinValue;
    }

    // One local part and a dotted domain, no spaces or line breaks (a header injection needs one).
    [GeneratedRegex(@"^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}$")]
    private static partial Regex EmailShape();
}
