namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record ClassRow(string Id, string OrganizationId, string AcademicYear, int Grade, string Letter, string Language);
