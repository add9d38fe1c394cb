using System.Globalization;
using EduInfo.Domain.Csv;

namespace EduInfo.Domain.Registry;

/// <summary>A row of a school's pupil upload: the line it starts on, the class named, and the enrolment it asks for.</summary>
public sealed record PupilUploadRow(int Line, string? ClassId, PupilEnrolmentRequest Request, bool SexGiven);

/// <summary>What a row of an upload is checked against, read fresh: its class's organization and year (null: no such class), the person holding the IIN.</summary>
/// <param name="RollCalls">The class's standing roll-calls from the row's date on (a backdated start is checked against them).</param>
public sealed record PupilUploadPlace(string? OrganizationId, string? AcademicYear, PupilIdentity? Existing, bool OrganizationClosed = false,
    IReadOnlyList<JournalRowRef>? RollCalls = null);

/// <summary>
/// One reason an upload or an import is refused: the line (0: the file as a whole), the column, and the message key with
/// its values — the key of the same fault as the API answers it (<see cref="ProblemKeys"/>).
/// </summary>
public sealed record UploadProblem(int Line, string Field, string Key, IReadOnlyList<string> Arguments)
{
    public UploadProblem(int line, string field, string key) : this(line, field, key, []) { }

    /// <summary>The code on the wire, as the API's problems name it.</summary>
    public string Code => ProblemKeys.CodeOf(Key);
}

/// <summary>
/// A school's bulk enrolment as a CSV file (docs/import.md, "A school's upload"): the columns of the operator's
/// <c>students.csv</c> without the id (the registry makes it), read by the same <see cref="CsvReader"/>. This reads the
/// file and its values; every row's rules are <see cref="PupilValidator"/>'s, checked by the caller on fresh reads.
/// </summary>
public static class PupilUpload
{
    /// <summary>Rows of one upload at most: a school's intake, not a country (that is the operator's import).</summary>
    public const int MaxRows = 2000;

    /// <summary>Bytes of one upload at most: 2,000 rows of long names fit well within it.</summary>
    public const int MaxBytes = 512 * 1024;

    public static readonly IReadOnlyList<string> Columns = ["iin", "last_name", "first_name", "middle_name", "birth_date", "class_id", "enrolled_from"];

    /// <summary>Columns a file may leave out: <c>sex</c> (male or female), checked against the IIN when given.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["sex"];

    /// <summary>The upload's column of a field of <see cref="PupilValidator"/>'s problems.</summary>
    public static string Column(string field) => field switch
    {
        "date" => "enrolled_from",
        "classId" => "class_id",
        _ => string.Concat(field.Select(c => char.IsAsciiLetterUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString())),
    };

    /// <summary>
    /// The rows of the file and the problems of its values (a row of the wrong shape, a date not yyyy-MM-dd); or, when the
    /// file cannot be read as the format (encoding, quoting, header, size), those problems and no rows.
    /// </summary>
    public static (IReadOnlyList<PupilUploadRow> Rows, IReadOnlyList<UploadProblem> Problems) Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return ([], [new(0, "file", "import.error.TooLarge", [(MaxBytes / 1024).ToString(CultureInfo.InvariantCulture)])]);
        }
        var document = CsvReader.Read("upload.csv", bytes);
        var problems = document.Errors.Select(e => new UploadProblem(e.Line, "file", ProblemKeys.Of(e.Error))).ToList();
        if (!document.Complete || problems.Count > 0)
        {
            return ([], problems);
        }
        if (document.Records.Count == 0)
        {
            return ([], [new(1, "file", "import.error.EmptyFile")]);
        }
        if (document.Records.Count == 1)
        {
            return ([], [new(1, "file", "import.error.NoRows")]);
        }
        if (document.Records.Count - 1 > MaxRows)
        {
            return ([], [new(0, "file", "import.error.TooManyRows", [MaxRows.ToString(CultureInfo.InvariantCulture)])]);
        }
        var header = document.Records[0];
        var columns = Header(header, problems);
        if (problems.Count > 0)
        {
            return ([], problems);
        }
        var rows = new List<PupilUploadRow>();
        foreach (var record in document.Records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new(record.Line, "row", "import.error.FieldCount",
                    [header.Fields.Count.ToString(CultureInfo.InvariantCulture), record.Fields.Count.ToString(CultureInfo.InvariantCulture)]));
                continue;
            }
            string? Value(string column) => columns.TryGetValue(column, out var i) && record.Fields[i].Trim() is { Length: > 0 } v ? v : null;
            DateOnly? Date(string column)
            {
                if (Value(column) is not { } text)
                {
                    return null;
                }
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return day;
                }
                problems.Add(new(record.Line, column, "import.error.BadDate", [column]));
                return null;
            }
            var request = new PupilEnrolmentRequest(Value("iin"), Value("last_name"), Value("first_name"), Value("middle_name"), Date("birth_date"),
                Value("sex"), Date("enrolled_from"));
            rows.Add(new PupilUploadRow(record.Line, Value("class_id"), request, request.Sex is not null));
        }
        return (rows, problems);
    }

    /// <summary>Whether the problems are of the file as a whole (encoding, quoting, header, size): then there are no rows to check.</summary>
    public static bool Unreadable(IReadOnlyList<UploadProblem> problems) => problems.Any(p => p.Field == "file");

    /// <summary>
    /// Every problem of an upload, by line: the reading's (<paramref name="read"/>), then each row's as a single enrolment
    /// into its class is checked (<see cref="PupilValidator.ValidateEnrolment"/> on <paramref name="places"/>, read fresh),
    /// a class that is not one of <paramref name="organizationId"/>'s, and an IIN given twice. A value the reading already
    /// refused (a date not yyyy-MM-dd) is not reported a second time as missing.
    /// </summary>
    public static IReadOnlyList<UploadProblem> Check(string organizationId, IReadOnlyList<PupilUploadRow> rows, IReadOnlyList<PupilUploadPlace> places,
        IReadOnlyList<UploadProblem> read, DateOnly today)
    {
        var problems = new List<UploadProblem>(read);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, place) = (rows[i], places[i]);
            // Another school's class is not this upload's, nor is one that does not exist: the same answer for both.
            if (string.IsNullOrEmpty(row.ClassId) || place.OrganizationId != organizationId || place.AcademicYear is null)
            {
                problems.Add(new(row.Line, "class_id", ProblemKeys.Of(string.IsNullOrEmpty(row.ClassId) ? PupilError.Required : PupilError.ClassNotInOrganization)));
            }
            var rules = PupilValidator.ValidateEnrolment(row.Request, place.AcademicYear ?? AcademicCalendarYear(today), place.Existing, today, row.SexGiven,
                place.OrganizationClosed);
            if (rules.Count == 0 && row.Request.Date is { } from && PupilValidator.ValidateStart(from, place.RollCalls ?? [], today) is { } backdated)
            {
                rules = [backdated];
            }
            problems.AddRange(rules.Select(p => new UploadProblem(row.Line, Column(p.Field), ProblemKeys.Of(p.Error), p.Arguments))
                .Where(p => !read.Any(r => r.Line == row.Line && r.Field == p.Field)));
            if (row.Request.Iin is { } iin && !firstLine.TryAdd(iin, row.Line))
            {
                problems.Add(new(row.Line, "iin", ProblemKeys.Of(PupilError.IinRepeated), [firstLine[iin].ToString(CultureInfo.InvariantCulture)]));
            }
        }
        return problems.OrderBy(p => p.Line).ToList();
    }

    private static string AcademicCalendarYear(DateOnly today) => EduInfo.Domain.Calendar.AcademicCalendar.YearOf(today);

    private static Dictionary<string, int> Header(CsvRecord header, List<UploadProblem> problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (!Columns.Contains(name) && !OptionalColumns.Contains(name))
            {
                problems.Add(new(header.Line, "file", "import.error.UnknownColumn", [name.Length > 64 ? name[..64] : name]));
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(new(header.Line, "file", "import.error.DuplicateColumn", [name]));
            }
        }
        problems.AddRange(Columns.Where(c => !columns.ContainsKey(c)).Select(c => new UploadProblem(header.Line, "file", "import.error.MissingColumn", [c])));
        return columns;
    }
}
