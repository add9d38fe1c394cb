namespace EduInfo.Domain.YearEnd;

/// <summary>How the public checks page names a document's holder: initials only, never a full name.</summary>
public static class DocumentHolder
{
    /// <summary>"Б. А. С." for Байжанов Асхат Серикович: the family name's initial first, then the given name's and the patronymic's, when there is one.</summary>
    public static string Initials(string lastName, string firstName, string? middleName) =>
        string.Join(' ', new[] { lastName, firstName, middleName }.Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => char.ToUpperInvariant(n!.Trim()[0]) + "."));
}
