using EduInfo.Domain.Registry;

namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record PersonRow(string Id, string Iin, string LastName, string FirstName, string? MiddleName, DateOnly BirthDate);
