using EduInfo.Domain.Csv;
using EduInfo.Domain.Registry;
using System.Globalization;

namespace EduInfo.Tools.Import;

/// <summary>
/// Typed access to the values of one well-shaped record: each accessor checks one value, reports what is wrong
/// with it (file, line, column) and returns null then, so every bad value of a row is reported, not just the first.
/// Values are trimmed; an empty value is absent. A value's rules (names, IINs, birth dates, languages) are the Domain's,
/// the same the API checks (<see cref="Rules"/>); this checks only how a value is written (a date, a number, an id).
/// </summary>
internal sealed class CsvRow(string file, CsvRecord record, IReadOnlyDictionary<string, int> columns, ParsedImport import)
{
    public int Line => record.Line;

    /// <summary>True once any value of this row was reported.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Columns already reported: a rule is not reported again on a value that could not even be read.</summary>
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);

    public void Error(ImportErrorCode code, params IReadOnlyList<string> arguments)
    {
        import.Errors.Add(new ImportError(file, Line, code, arguments));
        HasErrors = true;
    }

    /// <summary>
    /// The Domain rules' problems of this row (fields named as the API names them), each on its column with the API's
    /// message for it; none on a column already reported.
    /// </summary>
    public void Rules(IEnumerable<(string Field, string Key, IReadOnlyList<string> Arguments)> problems, Func<string, string> columnOf)
    {
        foreach (var (field, key, arguments) in problems)
        {
            var column = columnOf(field);
            if (reported.Add(column))
            {
                import.Errors.Add(ImportError.Rule(file, Line, column, key, arguments));
                HasErrors = true;
            }
        }
    }

    private void Fail(string column, ImportErrorCode code, params IReadOnlyList<string> arguments)
    {
        reported.Add(column);
        Error(code, arguments);
    }

    /// <summary>The trimmed value, or null when empty.</summary>
    public string? Value(string column)
    {
        var value = record.Fields[columns[column]].Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>A required text.</summary>
    public string? Text(string column) => Value(column) ?? Missing<string>(column);

    /// <summary>An id this row introduces; declared even when the rest of the row is bad.</summary>
    public string? Id(string column, ImportEntity entity)
    {
        var id = Text(column);
        if (id is null)
        {
            return null;
        }
        import.Declarations.Add(new ImportDeclaration(entity, id, file, Line));
        if (!IsWellFormedId(id))
        {
            Fail(column, ImportErrorCode.BadId, column, ImportFormat.MaxIdLength.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        return id;
    }

    /// <summary>An id of another row, resolved later against the import and the registry.</summary>
    public string? Reference(string column, ReferenceTarget target, bool required = true)
    {
        var id = required ? Text(column) : Value(column);
        if (id is not null)
        {
            import.References.Add(new ImportReference(target, id, column, file, Line));
        }
        return id;
    }

    /// <summary>One of the allowed values, exactly as spelled there.</summary>
    public string? OneOf(string column, IReadOnlyList<string> allowed)
    {
        var value = Text(column);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Fail(column, ImportErrorCode.UnknownValue, column, value, string.Join(", ", allowed));
            return null;
        }
        return value;
    }

    /// <summary>A date yyyy-MM-dd; null when absent (reported if required) or bad (reported).</summary>
    public DateOnly? Date(string column, bool required = true)
    {
        var value = required ? Text(column) : Value(column);
        if (value is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, ImportFormat.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(column, ImportErrorCode.BadDate, column);
            return null;
        }
        return date;
    }

    /// <summary>An optional end date that must not precede <paramref name="from"/>.</summary>
    public DateOnly? EndDate(string column, string fromColumn, DateOnly? from)
    {
        var to = Date(column, required: false);
        if (to is not null && from is not null && to < from)
        {
            Fail(column, ImportErrorCode.EndBeforeStart, column, fromColumn);
            return null;
        }
        return to;
    }

    /// <summary>true or false, in any letter case (spreadsheets write TRUE).</summary>
    public bool? Boolean(string column)
    {
        var value = Text(column);
        if (value is null)
        {
            return null;
        }
        if (bool.TryParse(value, out var result) && value.Length is 4 or 5)
        {
            return result;
        }
        Fail(column, ImportErrorCode.BadBoolean, column);
        return null;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/> (a timetable's weekday or period).</summary>
    public int? Number(string column, int min, int max)
    {
        var value = Text(column);
        if (value is null)
        {
            return null;
        }
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Fail(column, ImportErrorCode.BadNumber, column);
            return null;
        }
        if (number < min || number > max)
        {
            Fail(column, ImportErrorCode.NumberOutOfRange, column, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        return number;
    }

    /// <summary>A grade: a whole number between <see cref="ImportFormat.MinGrade"/> and <see cref="ImportFormat.MaxGrade"/>.</summary>
    public int? Grade(string column)
    {
        const int min = ImportFormat.MinGrade, max = ImportFormat.MaxGrade;
        var value = Text(column);
        if (value is null)
        {
            return null;
        }
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Fail(column, ImportErrorCode.BadNumber, column);
            return null;
        }
        if (number < min || number > max)
        {
            Fail(column, ImportErrorCode.GradeOutOfRange, column, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        return number;
    }

    /// <summary>
    /// A person's IIN as written; a valid one is kept for the uniqueness checks. Whether it is valid is the person's
    /// rules' to say (<see cref="Rules"/>). Personal data: messages name the column only.
    /// </summary>
    public string? PersonIin(string column, ImportEntity owner)
    {
        var value = Value(column);
        if (value is not null && EduInfo.Domain.Registry.Iin.IsValid(value))
        {
            import.Iins.Add(new ImportIin(owner, value, column, file, Line));
        }
        return value;
    }

    /// <summary>A language of instruction of a class: one of the codes an organization may teach in (the profile's rule).</summary>
    public string? Language(string column)
    {
        var value = Text(column);
        if (value is not null && !OrganizationProfileValidator.LanguageCodes.Contains(value, StringComparer.Ordinal))
        {
            Rules([("language", ProblemKeys.OfProfile(RegistryError.LanguageUnknown), [])], _ => column);
            return null;
        }
        return value;
    }

    /// <summary>Items of a list separated by ';', trimmed, as written (their rules are the caller's).</summary>
    public IReadOnlyList<string>? List(string column) =>
        Text(column)?.Split(ImportFormat.ListSeparator).Select(item => item.Trim()).ToList();

    /// <summary>An academic year "2026-2027": two years in a row.</summary>
    public string? AcademicYear(string column)
    {
        var value = Text(column);
        if (value is null)
        {
            return null;
        }
        if (value.Length == 9 && value[4] == '-'
            && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(value.AsSpan(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            && second == first + 1)
        {
            return value;
        }
        Fail(column, ImportErrorCode.BadAcademicYear, column, value);
        return null;
    }

    private T? Missing<T>(string column) where T : class
    {
        Fail(column, ImportErrorCode.Required, column);
        return null;
    }

    /// <summary>Ids travel in URLs and logs: 1–64 ASCII letters, digits, '-', '_' or '.'.</summary>
    internal static bool IsWellFormedId(string id) =>
        id.Length <= ImportFormat.MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
