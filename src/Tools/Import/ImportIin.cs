using EduInfo.Domain.Registry;

namespace EduInfo.Tools.Import;

/// <summary>A valid IIN of a person row, for uniqueness checks. Personal data: never put <see cref="Iin"/> in a message or log.</summary>
public sealed record ImportIin(ImportEntity Owner, string Iin, string Column, string File, int Line)
{
    // A record prints its members; keep the IIN out of any accidental ToString in a log or assertion message.
    public override string ToString() => $"{Owner} IIN in {File}:{Line} ({Column})";
}
