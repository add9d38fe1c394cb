using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.Tools.Import;

/// <summary>
/// One reason an import is refused: where (file and the line the record starts on; 0 for the whole file or folder),
/// a code and its arguments. Arguments never carry an IIN: the messages name the column instead. A <see cref="ImportErrorCode.Rule"/>
/// error is a Domain rule's refusal (a name, an IIN, a birth date, a language): <see cref="RuleKey"/> is the message the
/// API answers the same fault with, and <see cref="Column"/> the column it is about.
/// </summary>
public sealed record ImportError(string File, int Line, ImportErrorCode Code, params IReadOnlyList<string> Arguments)
{
    /// <summary>The Domain rule's message key of a <see cref="ImportErrorCode.Rule"/> error (e.g. <c>pupil.error.NameInvalid</c>).</summary>
    public string? RuleKey { get; init; }

    /// <summary>The column of a <see cref="ImportErrorCode.Rule"/> error.</summary>
    public string? Column { get; init; }

    /// <summary>A Domain rule's refusal of a value in <paramref name="column"/>, with its message <paramref name="key"/> and values.</summary>
    public static ImportError Rule(string file, int line, string column, string key, IReadOnlyList<string> arguments) =>
        new(file, line, ImportErrorCode.Rule, arguments) { RuleKey = key, Column = column };

    /// <summary>The message key in Localization/messages.json.</summary>
    public string MessageKey => RuleKey ?? $"import.error.{Code}";

    /// <summary>The reason in <paramref name="language"/> (kk, ru or en): a rule's text is the API's, after the column it is about.</summary>
    public string Message(string language) => RuleKey is null
        ? Messages.Get(MessageKey, language, Arguments)
        : Messages.Get("import.error.Rule", language, Column!, Messages.Get(RuleKey, language, Arguments));

    /// <summary>"file:line: message", or "file: message" when the error concerns the whole file.</summary>
    public string Render(string language) => Line > 0 ? $"{File}:{Line}: {Message(language)}" : $"{File}: {Message(language)}";

    /// <summary>"file:line", how an error names another row (the first occurrence of a duplicate).</summary>
    public static string Place(string file, int line) => $"{file}:{line}";

    // Records compare lists by reference; errors are compared by value in tests and de-duplication.
    public bool Equals(ImportError? other) =>
        other is not null && File == other.File && Line == other.Line && Code == other.Code && RuleKey == other.RuleKey && Column == other.Column
        && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(File, Line, Code, RuleKey, Column);
}
