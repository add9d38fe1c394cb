namespace EduInfo.Storage.Journal;

/// <summary>An idempotency key was committed by a concurrent transaction mid-append; retrying resolves it.</summary>
public sealed class JournalRaceException(int unresolved)
    : Exception($"{unresolved} journal entries were committed concurrently by another writer; retry the batch.");
