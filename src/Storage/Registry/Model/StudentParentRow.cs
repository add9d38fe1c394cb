namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record StudentParentRow(string StudentId, string ParentId, string Relation);
