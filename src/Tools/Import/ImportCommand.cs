using EduInfo.Grains.Interfaces.Localization;
using Npgsql;

namespace EduInfo.Tools.Import;

/// <summary>
/// <c>eduinfo import &lt;folder&gt; [--lang kk|ru|en]</c>: one line per error, <c>file:line: message</c>, in the chosen
/// language (Kazakh by default), then a summary. Exit code 0 when imported, 1 when refused, 2 on a usage error.
/// </summary>
public static class ImportCommand
{
    /// <summary>Printed on a usage error.</summary>
    public const string Usage = "usage: eduinfo import <folder> [--lang kk|ru|en]";

    /// <summary>Runs the command with the arguments after the verb.</summary>
    /// <param name="today">Kazakhstan's date from the command's clock (a birth date after it is refused).</param>
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, DateOnly today, IReadOnlyList<string> arguments, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        string? folder = null;
        var language = Messages.Kazakh;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--lang" && i + 1 < arguments.Count && Messages.Languages.Contains(arguments[i + 1]))
            {
                language = arguments[++i];
            }
            else if (folder is null && !arguments[i].StartsWith("--", StringComparison.Ordinal))
            {
                folder = arguments[i];
            }
            else
            {
                await error.WriteLineAsync(Usage);
                return 2;
            }
        }
        if (folder is null)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync(Messages.Get("import.folderNotFound", language, folder));
            return 2;
        }

        ImportResult result;
        try
        {
            result = await new RegistryImporter(dataSource, today, "cli:" + Environment.UserName).ImportAsync(folder, cancellationToken);
        }
        catch (PostgresException e)
        {
            // Someone changed the registry between the check and the write; the transaction wrote nothing. The
            // message text names the constraint only (the detail would quote values, an IIN among them).
            await error.WriteLineAsync(Messages.Get("import.summary.writeFailed", language, e.ConstraintName ?? e.MessageText));
            return 1;
        }
        foreach (var problem in result.Errors)
        {
            await error.WriteLineAsync(problem.Render(language));
        }
        if (!result.Succeeded)
        {
            await error.WriteLineAsync(Messages.Get("import.summary.refused", language, result.Errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return 1;
        }
        var d = result.Written!;
        IReadOnlyList<int> counts = [d.Nodes.Count, d.Organizations.Count, d.Subjects.Count, d.Classes.Count, d.TeachingGroups.Count,
            d.Students.Count, d.GroupMembers.Count, d.Teachers.Count, d.Assignments.Count, d.Parents.Count, d.StudentParents.Count, d.Timetable.Count];
        await output.WriteLineAsync(Messages.Get("import.summary.imported", language,
            counts.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()));
        return 0;
    }
}
