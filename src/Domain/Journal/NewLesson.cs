namespace EduInfo.Domain.Journal;

/// <summary>A validated roll-call ready to be appended, with the group's roster on the lesson date.</summary>
public sealed record NewLesson(
    Guid EntryId,
    string SubjectId,
    DateOnly Date,
    int Period,
    IReadOnlyList<string> Roster,
    IReadOnlyList<string> AbsentIds,
    IReadOnlyList<string> AbsentCodes,
    byte[] PayloadHash,
    string? GroupId = null)
{
    /// <summary>The absentees with their codes (validated, so each parses; one that did not would be left out).</summary>
    public IReadOnlyDictionary<string, AbsenceCode> Absences() =>
        AbsentIds.Zip(AbsentCodes, (id, code) => (id, ok: JournalNames.TryParseAbsence(code, out var parsed), parsed))
            .Where(x => x.ok)
            .ToDictionary(x => x.id, x => x.parsed, StringComparer.Ordinal);
}
