namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record OrganizationRow(string Id, string NodeId, string Kind, string NameKk, string NameRu, string NameEn, IReadOnlyList<string> Languages, bool IsRural);
