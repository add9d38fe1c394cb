using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The door to a student's personal data, for the API's filter and the pages alike: the student's circle only
/// (<see cref="AccessPolicy.CanReadDiary"/>), and every attempt audited before anything is answered, refused ones too.
/// </summary>
public sealed class StudentGate(RegistryStore registry, AuditLog audit)
{
    /// <summary>
    /// Opens <paramref name="studentId"/> for <paramref name="actor"/>: not found, refused, or the student's access record.
    /// <paramref name="detail"/> describes an allowed read in the audit row (a refused one is described by nothing).
    /// </summary>
    public async Task<StudentDoor> OpenAsync(Actor actor, string studentId, string auditAction, Func<Actor, StudentAccess, string>? detail,
        CancellationToken cancellationToken)
    {
        var student = RegistryIds.IsWellFormed(studentId) ? await registry.FindStudentAccessAsync(studentId, cancellationToken) : null;
        if (student is null)
        {
            return new StudentDoor(StudentDoorState.NotFound, null);
        }
        var allowed = AccessPolicy.CanReadDiary(actor, student);
        await audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, auditAction, "student", studentId,
            student.OrganizationId, allowed ? "ok" : "denied", allowed && detail is not null ? detail(actor, student) : "{}"), cancellationToken);
        return new StudentDoor(allowed ? StudentDoorState.Open : StudentDoorState.Refused, allowed ? student : null);
    }
}

public enum StudentDoorState
{
    NotFound,
    Refused,
    Open,
}

/// <summary>The outcome of <see cref="StudentGate.OpenAsync"/>: the student only when the door is open.</summary>
public sealed record StudentDoor(StudentDoorState State, StudentAccess? Student);
