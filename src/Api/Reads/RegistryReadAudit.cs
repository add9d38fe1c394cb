using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Storage.Audit;

namespace EduInfo.Api.Reads;

/// <summary>Which list of people's names a keeper of an organization's registry opened.</summary>
public enum RegistryList
{
    Pupils,
    Staff,
}

/// <summary>
/// A registry list names people (pupils and their parents, staff): its keepers (the head, the officers above, operators)
/// read it to keep it, and each opening is an audit row before the names leave, so "who looked at the school's pupils"
/// has an answer like a diary read has.
/// </summary>
public static class RegistryReadAudit
{
    public static string ActionOf(RegistryList list) => list switch
    {
        RegistryList.Pupils => "registry.pupils.read",
        _ => "registry.staff.read",
    };

    public static Task RecordAsync(AuditLog audit, Actor actor, RegistryList list, string organizationId, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(actor.UserId, actor.Roles, actor.ClientAddress, ActionOf(list), "organization", organizationId, organizationId, "ok"),
            cancellationToken);
}
