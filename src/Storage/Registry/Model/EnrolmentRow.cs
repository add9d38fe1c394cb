namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record EnrolmentRow(string StudentId, string ClassId, DateOnly From, DateOnly? To);
