namespace EduInfo.Grains.Interfaces.Registry;

// The bodies of the staff endpoints (and the head's forms), as the organization's staff grain takes them.

/// <summary>A member of staff to hire from a date; <see cref="Post"/> is one of StaffPost (teacher when absent).</summary>
[GenerateSerializer, Immutable]
public sealed record HireRequest(
    [property: Id(0)] string? Iin,
    [property: Id(1)] string? LastName,
    [property: Id(2)] string? FirstName,
    [property: Id(3)] string? MiddleName,
    [property: Id(4)] string? Post,
    [property: Id(5)] DateOnly? HiredOn);

/// <summary>The last day of employment.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaveRequest([property: Id(0)] DateOnly? LastDay);

[GenerateSerializer, Immutable]
public sealed record AccountRequest([property: Id(0)] string? Login);

/// <summary>A teacher teaches a subject to a group (the class's id for the whole class, or a subgroup's) from a date, until a date or open.</summary>
[GenerateSerializer, Immutable]
public sealed record AssignmentRequest(
    [property: Id(0)] string? TeacherId,
    [property: Id(1)] string? GroupId,
    [property: Id(2)] string? SubjectId,
    [property: Id(3)] DateOnly? From,
    [property: Id(4)] DateOnly? To);

[GenerateSerializer, Immutable]
public sealed record AssignmentEndRequest([property: Id(0)] DateOnly? To);

[GenerateSerializer, Immutable]
public sealed record ClassTeacherRequest([property: Id(0)] string? TeacherId, [property: Id(1)] DateOnly? From);

/// <summary>Pupils of <see cref="GroupId"/> (a class or a subgroup of it) form a new subgroup for a subject from a date.</summary>
[GenerateSerializer, Immutable]
public sealed record SplitRequest(
    [property: Id(0)] string? GroupId,
    [property: Id(1)] string? SubjectId,
    [property: Id(2)] string? Name,
    [property: Id(3)] IReadOnlyList<string>? StudentIds,
    [property: Id(4)] DateOnly? From);
