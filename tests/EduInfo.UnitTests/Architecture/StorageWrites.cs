using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static EduInfo.UnitTests.Architecture.Layers;

namespace EduInfo.UnitTests.Architecture;

/// <summary>
/// What "a Storage write" means for rule (c): a public async method (it returns a Task) of an EduInfo.Storage type whose
/// name starts with a write verb — the stores name every write that way: AppendMarksAsync, WritePolicyAsync,
/// ReplaceAsync, TransferAsync, SetAsync, RecordTermEventAsync, BumpClassVersionAsync, RollDayAsync, CreateAsync — less
/// the bookkeeping that is not data of record. Schema work (MigrateAsync, JournalPartitions.EnsureAsync) is not data
/// and has no write verb; nor does a factory such as CreateDataSource return a Task.
/// </summary>
public static partial class StorageWrites
{
    /// <summary>
    /// Writes the Api may make itself, by type or by Type.Method: the audit trail of who read or was refused what (its
    /// rows and their retention), and an account's sign-in bookkeeping (failed attempts, lockout, refresh tokens,
    /// browser sessions).
    /// Neither is journal, registry, timetable, transfer, target or policy data, and neither moves a summary.
    /// </summary>
    public static readonly IReadOnlyList<string> NotDataOfRecord =
    [
        "EduInfo.Storage.Audit.AuditLog",
        "EduInfo.Storage.Security.AccountStore.RecordFailureAsync",
        "EduInfo.Storage.Security.AccountStore.RecordSuccessAsync",
        "EduInfo.Storage.Security.AccountStore.StoreRefreshTokenAsync",
        "EduInfo.Storage.Security.AccountStore.UseRefreshTokenAsync",
        "EduInfo.Storage.Security.BrowserSessionStore",
    ];

    /// <summary>Every Storage write of data of record, as the rule's target.</summary>
    public static IObjectProvider<MethodMember> OfRecord =>
        MethodMembers().That().FollowCustomPredicate(IsWriteOfRecord, "Storage writes of data of record").As("Storage writes of data of record");

    /// <summary>Every public Storage method, named Type.Method (overloads share a name).</summary>
    public static IEnumerable<MethodMember> PublicStorageMethods =>
        Model.MethodMembers.Where(m => AssemblyName(m.DeclaringType) == Assemblies.Storage && m.Visibility == Visibility.Public);

    public static bool IsWrite(MethodMember method) =>
        AssemblyName(method.DeclaringType) == Assemblies.Storage && method.Visibility == Visibility.Public
        && method.ReturnType.FullName.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal) && WriteVerb().IsMatch(NameOf(method));

    public static bool IsWriteOfRecord(MethodMember method) =>
        IsWrite(method) && !NotDataOfRecord.Contains(KeyOf(method)) && !NotDataOfRecord.Contains(method.DeclaringType.FullName);

    /// <summary>"EduInfo.Storage.Journal.JournalStore.AppendMarksAsync": the declaring type and the name without parameters.</summary>
    public static string KeyOf(MethodMember method) => method.DeclaringType.FullName + "." + NameOf(method);

    private static string NameOf(MethodMember method) => method.Name.Split('(')[0];

    /// <summary>A verb and then a capital or nothing: "SetAsync" and "Set", not "Settings" nor the setter "set_X".</summary>
    [GeneratedRegex("^(Append|Insert|Add|Write|Set|Replace|Transfer|Move|Enrol|Enroll|Assign|Apply|Record|Bump|Roll|Create|Update|Upsert|Merge|Copy|"
        + "Delete|Remove|Purge|Clear|Reset|Store|Save|Close|Reopen|Import|Leave|Correct|Link|Unlink|File|Transition|Escalate|Claim|Confirm|Mark|"
        + "Register|Withdraw|Edit|Attach|Detach|Comment|Moderate|Rate)(?![a-z])")]
    private static partial Regex WriteVerb();
}
