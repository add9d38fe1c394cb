namespace EduInfo.Domain.Registry;

/// <summary>What a member of an organization's staff is employed as (stored in lower case).</summary>
public enum StaffPost
{
    Teacher,
    Deputy,
    Psychologist,
    Librarian,
    Other,
}
