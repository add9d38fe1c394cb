
namespace EduInfo.Domain.Journal;

/// <summary>The names of attendance codes, mark kinds, entry kinds and correction actions on the wire and in the journal's columns (ASCII, lower case): the one mapping.</summary>
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

    public static string Of(ExemptionGround ground) => ground switch
    {
        ExemptionGround.Medical => "medical",
        ExemptionGround.IndividualPlan => "individualPlan",
        ExemptionGround.HomeSchooling => "homeSchooling",
        _ => throw new ArgumentOutOfRangeException(nameof(ground)),
    };

    /// <summary>Names only, as <see cref="Of(ExemptionGround)"/> writes them (a number is no ground).</summary>
    public static bool TryParseExemptionGround(string? name, out ExemptionGround ground)
    {
        foreach (var candidate in Enum.GetValues<ExemptionGround>())
        {
            if (Of(candidate) == name)
            {
                ground = candidate;
                return true;
            }
        }
        ground = default;
        return false;
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

    public static string Of(EntryKind kind) => kind switch
    {
        EntryKind.Mark => "mark",
        EntryKind.Lesson => "lesson",
        EntryKind.Void => "void",
        EntryKind.Excusal => "excusal",
        EntryKind.Exemption => "exemption",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseEntryKind(string? name, out EntryKind kind)
    {
        switch (name)
        {
            case "mark": kind = EntryKind.Mark; return true;
            case "lesson": kind = EntryKind.Lesson; return true;
            case "void": kind = EntryKind.Void; return true;
            case "excusal": kind = EntryKind.Excusal; return true;
            case "exemption": kind = EntryKind.Exemption; return true;
            default: kind = default; return false;
        }
    }

    public static string Of(CorrectionAction action) => action switch
    {
        CorrectionAction.Replace => "replace",
        CorrectionAction.Void => "void",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool TryParseCorrectionAction(string? name, out CorrectionAction action)
    {
        switch (name)
        {
            case "replace": action = CorrectionAction.Replace; return true;
            case "void": action = CorrectionAction.Void; return true;
            default: action = default; return false;
        }
    }
}
