using EduInfo.Api.Reads;

namespace EduInfo.Api.Contracts;

/// <summary>
/// One read of a child's data, as a parent may know it (issue 17, "who saw my child's data"): when, what was read, by
/// which role and — for staff — which organization. Never the reader's account, name or address.
/// </summary>
public sealed record DiaryReaderResponse(DateTimeOffset At, DiaryReadKind Read, string ReadName, string Role, string RoleName,
    string? OrganizationId, string? OrganizationName);
