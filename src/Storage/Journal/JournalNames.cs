using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Storage.Journal;

/// <summary>Wire and storage names of attendance codes and mark kinds (ASCII, lower case).</summary>
public static class JournalNames
{
    public static string Of(AbsenceCode code) => code switch
    {
        AbsenceCode.Unexcused => "unexcused",
        AbsenceCode.Excused => "excused",
        AbsenceCode.Sick => "sick",
        AbsenceCode.Late => "late",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    public static string Of(MarkKind kind) => kind switch
    {
        MarkKind.Formative => "formative",
        MarkKind.Section => "section",
        MarkKind.Term => "term",
        MarkKind.Development => "development",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseAbsence(string? name, out AbsenceCode code)
    {
        switch (name)
        {
            case "unexcused": code = AbsenceCode.Unexcused; return true;
            case "excused": code = AbsenceCode.Excused; return true;
            case "sick": code = AbsenceCode.Sick; return true;
            case "late": code = AbsenceCode.Late; return true;
            default: code = default; return false;
        }
    }

    public static bool TryParseMarkKind(string? name, out MarkKind kind)
    {
        switch (name)
        {
            case "formative": kind = MarkKind.Formative; return true;
            case "section": kind = MarkKind.Section; return true;
            case "term": kind = MarkKind.Term; return true;
            case "development": kind = MarkKind.Development; return true;
            default: kind = default; return false;
        }
    }
}
