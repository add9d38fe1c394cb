namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record SubjectRow(string Id, string NameKk, string NameRu, string NameEn);
