namespace EduInfo.Storage.Registry.Model;

/// <summary>A student's dated membership of a teaching group.</summary>
public sealed record GroupMemberRow(string GroupId, string StudentId, DateOnly From, DateOnly? To);
