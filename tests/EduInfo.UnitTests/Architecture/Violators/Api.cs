using EduInfo.Domain.Journal;
using EduInfo.Grains.Classes;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Journal;

// Deliberate violations, never run: fed to the rules as if they were the Api (DeliberateViolationTests).
namespace EduInfo.UnitTests.Architecture.Violators.Api;

/// <summary>An endpoint that writes the journal around the grains, in each shape a handler takes.</summary>
public static class EndpointsThatWriteTheJournal
{
    public static Task<AppendResult> Direct(JournalStore journal, JournalWriteContext context) => journal.AppendMarksAsync(context, []);

    public static async Task<int> Awaited(JournalStore journal, JournalWriteContext context, IReadOnlyList<NewLesson> lessons)
    {
        var result = await journal.AppendLessonsAsync(context, lessons);
        return result.GetHashCode();
    }

    public static Func<Task> InALambda(JournalStore journal, JournalWriteContext context) => () => journal.AppendMarksAsync(context, []);
}

/// <summary>An endpoint that only audits: the audit trail is not data of record, so this is allowed.</summary>
public static class EndpointsThatAudit
{
    public static Task Denied(AuditLog audit, AuditEntry entry) => audit.RecordAsync(entry);
}

/// <summary>An endpoint that holds a grain class instead of its interface.</summary>
public sealed class EndpointsThatHoldAGrain(ClassGrain grain)
{
    public object Grain => grain;
}

/// <summary>An endpoint that answers with the audit log's stored record instead of an Api contract.</summary>
public static class EndpointsThatAnswerStorageTypes
{
    public static Task<Microsoft.AspNetCore.Http.HttpResults.Ok<IReadOnlyList<AuditRecord>>> Records() => throw new NotSupportedException();

    public static Microsoft.AspNetCore.Http.HttpResults.Ok<Wrapped> InARecord() => throw new NotSupportedException();

    public static Microsoft.AspNetCore.Http.HttpResults.Ok<string> Fine() => throw new NotSupportedException();

    public sealed record Wrapped(AuditRecord Record);
}
