namespace EduInfo.Tools.Import;

/// <summary>What a reference column must name.</summary>
public enum ReferenceTarget
{
    Node,
    Organization,
    Subject,
    Class,
    /// <summary>Any teaching group: a whole class (its id) or a subgroup or profile group (assignments).</summary>
    Group,
    /// <summary>A subgroup or profile group, which has a roster of its own (group_members); a whole class does not.</summary>
    MemberGroup,
    Student,
    Teacher,
    Parent,
}
