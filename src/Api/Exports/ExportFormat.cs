namespace EduInfo.Api.Exports;

/// <summary>The file formats of an export.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

public static class ExportFormats
{
    /// <summary>The format <c>?format=</c> names (csv when omitted), or null with the field's problem added.</summary>
    public static ExportFormat? Parse(string? format, List<(string Field, string Code)> problems)
    {
        switch (format?.ToLowerInvariant())
        {
            case null or "csv":
                return ExportFormat.Csv;
            case "xlsx":
                return ExportFormat.Xlsx;
            default:
                problems.Add(("format", "formatUnknown"));
                return null;
        }
    }

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/csv; charset=utf-8",
    };

    public static string Extension(this ExportFormat format) => format == ExportFormat.Xlsx ? "xlsx" : "csv";
}
