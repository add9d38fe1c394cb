namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record NodeRow(string Id, string? ParentId, string Kind, string NameKk, string NameRu, string NameEn);
