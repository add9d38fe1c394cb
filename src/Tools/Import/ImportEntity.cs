namespace EduInfo.Tools.Import;

/// <summary>What an id in an import names: the row kinds that declare ids.</summary>
public enum ImportEntity
{
    Node,
    Organization,
    Subject,
    Class,
    /// <summary>A subgroup or profile group of teaching_groups.csv.</summary>
    TeachingGroup,
    Student,
    Teacher,
    Parent,
}
