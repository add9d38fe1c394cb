namespace EduInfo.Storage.Registry.Model;

/// <summary>A row of <see cref="RegistryData"/>.</summary>
public sealed record AssignmentRow(string TeacherId, string GroupId, string SubjectId, DateOnly From, DateOnly? To);
