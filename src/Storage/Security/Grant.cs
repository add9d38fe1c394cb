namespace EduInfo.Storage.Security;

/// <summary>A role held over a scope (a node, organization, class or person id), as stored in <c>user_roles</c>.</summary>
public sealed record Grant(string Role, string ScopeId);
