using System.Globalization;

namespace EduInfo.Domain.Forums;

/// <summary>How authors are named on a forum.</summary>
public static class ForumNames
{
    /// <summary>
    /// A student is shown by the first name and the initial of the last ("Айгүл Нұрланқызы" → "Айгүл Н."): classmates
    /// know who wrote, a stranger cannot look the child up. The initial is the first text element, so a letter written
    /// with a combining mark or outside the BMP is never cut in half.
    /// </summary>
    public static string StudentShown(string firstName, string lastName)
    {
        var first = firstName.Trim();
        var last = lastName.Trim();
        if (last.Length == 0)
        {
            return first;
        }
        var initial = last[..StringInfo.GetNextTextElementLength(last)] + ".";
        return first.Length == 0 ? initial : first + " " + initial;
    }
}
