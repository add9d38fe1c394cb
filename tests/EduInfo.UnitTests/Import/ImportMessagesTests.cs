using EduInfo.Grains.Interfaces.Localization;
using EduInfo.Tools.Import;

namespace EduInfo.UnitTests.Import;

public sealed class ImportMessagesTests
{
    public static TheoryData<string> Codes => new(Enum.GetNames<ImportErrorCode>());

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_error_code_has_a_text_in_each_language(string code)
    {
        var key = $"import.error.{code}";
        Assert.True(Messages.Catalog.TryGetValue(key, out var texts), $"missing message key '{key}'");
        Assert.All(Messages.Languages, language => Assert.False(string.IsNullOrWhiteSpace(texts[language])));
    }

    [Fact]
    public void A_whole_file_error_has_no_line_number()
    {
        var error = new ImportError("pupils.csv", 0, ImportErrorCode.UnknownFile, "nodes.csv");
        Assert.Equal("pupils.csv: This file is not part of the import format; the files are: nodes.csv.", error.Render("en"));
    }

    [Fact]
    public void The_summary_counts_every_table()
    {
        Assert.Equal("Errors: 3. Nothing was imported.", Messages.Get("import.summary.refused", "en", "3"));
        Assert.Equal("Imported: 1 nodes, 2 organizations, 3 subjects, 4 classes, 5 teaching groups, 6 students, 7 group memberships, " +
                     "8 teachers, 9 assignments, 10 parents, 11 student–parent links, 12 timetable slots.",
            Messages.Get("import.summary.imported", "en", ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]));
    }
}
