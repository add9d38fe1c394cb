using EduInfo.Domain.Journal;

namespace EduInfo.Storage.Journal;

/// <summary>
/// The journal's text columns (<c>entry_kind</c>, <c>mark_kind</c>, <c>absent_codes</c>) read as the Domain's enums, by
/// <see cref="JournalNames"/>. Their CHECK constraints admit only those names, so another is a corrupt journal.
/// </summary>
internal static class JournalColumns
{
    public static EntryKind EntryKind(string name) =>
        JournalNames.TryParseEntryKind(name, out var kind) ? kind : throw Unknown("entry kind", name);

    public static MarkKind MarkKind(string name) =>
        JournalNames.TryParseMarkKind(name, out var kind) ? kind : throw Unknown("mark kind", name);

    public static AbsenceCode AbsenceCode(string name) =>
        JournalNames.TryParseAbsence(name, out var code) ? code : throw Unknown("absence code", name);

    public static IReadOnlyList<AbsenceCode> AbsenceCodes(IEnumerable<string> names) => names.Select(AbsenceCode).ToList();

    public static string[] Names(IEnumerable<AbsenceCode> codes) => codes.Select(JournalNames.Of).ToArray();

    private static InvalidOperationException Unknown(string what, string name) => new($"Unknown {what} '{name}' in the journal.");
}
