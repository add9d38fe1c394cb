using System.Text.Json;
using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Api.Security;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>What of a child's data was read: the diary (page or API), the card, or the diary's live stream.</summary>
public enum DiaryReadKind
{
    Diary,
    Card,
    Live,
}

/// <summary>
/// "Who saw my child's data" (issue 17), one read for <c>GET /api/v1/students/{id}/readers</c> and the diary page: the
/// audit trail's allowed reads of the child's diary and card, newest first, each as the role that opened the door and,
/// for staff, the organization (the child's, where every staff reader of it acts). Accounts, names and addresses stay in
/// the audit log.
/// </summary>
public sealed class DiaryReaders(AuditLog audit, NodeDirectory directory)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The audit actions of reads of a child's data, and what each read.</summary>
    public static readonly IReadOnlyDictionary<string, DiaryReadKind> Actions = new Dictionary<string, DiaryReadKind>
    {
        ["diary.read"] = DiaryReadKind.Diary,
        ["student.card.read"] = DiaryReadKind.Card,
        ["diary.live"] = DiaryReadKind.Live,
    };

    // The roles that may read a diary, in the order one is named when a reader held several.
    private static readonly string[] ReaderRoles = [Role.Parent, Role.Student, Role.ClassTeacher, Role.Teacher, Role.Head];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<DiaryReaderResponse>> ReadAsync(string studentId, string language, int limit, CancellationToken cancellationToken)
    {
        var records = await audit.QueryAsync(new AuditQuery(TargetId: studentId, Limit: limit, Actions: Actions.Keys.ToList(), Outcome: "ok"),
            cancellationToken);
        var organizations = new Dictionary<string, string>(StringComparer.Ordinal);
        var readers = new List<DiaryReaderResponse>();
        foreach (var record in records.Where(r => r.TargetKind == "student"))
        {
            // An allowed read always held a reader role (the diary's rule admits no other); a record without any is not one.
            if (RoleOf(record) is not { } role)
            {
                continue;
            }
            var read = Actions[record.Action];
            // A parent's or the student's own read names no organization: theirs is the family, not a school.
            var organizationId = role is Role.Parent or Role.Student ? null : record.OrganizationId;
            if (organizationId is not null && !organizations.ContainsKey(organizationId))
            {
                organizations[organizationId] = NodeSummaryResponse.NameOf(await directory.FindAsync(organizationId, cancellationToken), organizationId, language);
            }
            readers.Add(new DiaryReaderResponse(record.At, read, Messages.Get($"web.diary.read.{read}", language), role,
                Messages.Get($"role.{role}", language), organizationId, organizationId is null ? null : organizations[organizationId]));
        }
        return readers;
    }

    /// <summary>
    /// The audit detail of an allowed read of a child's data: the roles that let the reader in (<c>"as"</c>), so the
    /// parent is told the role that read even when the account holds others; and whether a card showed the whole IIN.
    /// </summary>
    public static string Detail(Actor actor, StudentAccess student, bool card = false) => card
        ? JsonSerializer.Serialize(new { iin = AccessPolicy.SeesFullIin(actor, student) ? "full" : "masked", @as = RolesAdmitting(actor, student) }, Json)
        : JsonSerializer.Serialize(new { @as = RolesAdmitting(actor, student) }, Json);

    /// <summary>The roles among the actor's grants that each, alone, admit them to the student's diary (the diary's own rule).</summary>
    public static IReadOnlyList<string> RolesAdmitting(Actor actor, StudentAccess student) =>
        ReaderRoles.Where(role => actor.Grants.Any(g => g.Role == role && AccessPolicy.CanReadDiary(actor with { Grants = [g] }, student))).ToList();

    /// <summary>The role a read is shown as: the first that admitted it, or for a record older than that detail the first diary role held.</summary>
    public static string? RoleOf(AuditRecord record)
    {
        var admitting = new List<string>();
        try
        {
            using var detail = JsonDocument.Parse(record.Detail);
            if (detail.RootElement.ValueKind == JsonValueKind.Object && detail.RootElement.TryGetProperty("as", out var roles) && roles.ValueKind == JsonValueKind.Array)
            {
                admitting.AddRange(roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
            }
        }
        catch (JsonException)
        {
            // a detail that is not JSON says nothing of the role: the roles held are used
        }
        return ReaderRoles.FirstOrDefault(admitting.Contains) ?? ReaderRoles.FirstOrDefault(record.Roles.Contains);
    }
}
