namespace EduInfo.Api.Web;

/// <summary>The kinds of organization the dashboard shows its own cards for, each by its own scale.</summary>
public enum KpiGroupKind
{
    School,
    College,
    Preschool,
}
