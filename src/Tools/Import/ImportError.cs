using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Tools.Import;

/// <summary>
/// One reason an import is refused: where (file and the line the record starts on; 0 for the whole file or folder),
/// a code and its arguments. Arguments never carry an IIN: the messages name the column instead.
/// </summary>
public sealed record ImportError(string File, int Line, ImportErrorCode Code, params IReadOnlyList<string> Arguments)
{
    /// <summary>The message key in Localization/messages.json.</summary>
    public string MessageKey => $"import.error.{Code}";

    /// <summary>The reason in <paramref name="language"/> (kk, ru or en).</summary>
    public string Message(string language) => Messages.Get(MessageKey, language, Arguments);

    /// <summary>"file:line: message", or "file: message" when the error concerns the whole file.</summary>
    public string Render(string language) => Line > 0 ? $"{File}:{Line}: {Message(language)}" : $"{File}: {Message(language)}";

    /// <summary>"file:line", how an error names another row (the first occurrence of a duplicate).</summary>
    public static string Place(string file, int line) => $"{file}:{line}";

    // Records compare lists by reference; errors are compared by value in tests and de-duplication.
    public bool Equals(ImportError? other) =>
        other is not null && File == other.File && Line == other.Line && Code == other.Code && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(File, Line, Code);
}
