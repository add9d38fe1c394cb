using System.Text;
using EduInfo.Domain.Csv;

namespace EduInfo.UnitTests.Import;

public sealed class CsvReaderTests
{
    /// <summary>Each record as "line: value|value|…", so expectations read like the file.</summary>
    private static string[] Records(CsvDocument document) =>
        document.Records.Select(r => $"{r.Line}: {string.Join("|", r.Fields)}").ToArray();

    [Fact]
    public void Reads_plain_records_with_their_line_numbers()
    {
        var document = CsvReader.Read("a.csv", "id,name\n1,Алма\n2,Бота\n");
        Assert.True(document.Complete);
        Assert.Empty(document.Errors);
        Assert.Equal(["1: id|name", "2: 1|Алма", "3: 2|Бота"], Records(document));
    }

    [Fact]
    public void Quoted_values_hold_commas_and_doubled_quotes()
    {
        var document = CsvReader.Read("a.csv", "id,name\n1,\"Школа №7 \"\"Болашақ\"\", Жезказган\"\n2,\"\"\n");
        Assert.Equal(["1: id|name", "2: 1|Школа №7 \"Болашақ\", Жезказган", "3: 2|"], Records(document));
        Assert.Empty(document.Errors);
    }

    [Fact]
    public void Spaces_around_a_quoted_value_are_allowed()
    {
        var document = CsvReader.Read("a.csv", "id,name\n1, \"a, b\" \n");
        Assert.Equal(["1: id|name", "2: 1|a, b"], Records(document));
        Assert.Empty(document.Errors);
    }

    [Fact]
    public void A_line_break_inside_quotes_stays_in_the_value_and_the_next_record_keeps_its_physical_line()
    {
        // Record 2 spans lines 2-4 (an LF and a CRLF inside quotes); record 3 starts on line 5.
        var document = CsvReader.Read("a.csv", "id,note\n1,\"one\ntwo\r\nthree\"\n2,after\n");
        Assert.Equal(["1: id|note", "2: 1|one\ntwo\r\nthree", "5: 2|after"], Records(document));
    }

    [Fact]
    public void CRLF_and_CR_line_breaks_count_as_one_line_each()
    {
        var document = CsvReader.Read("a.csv", "id,name\r\n1,a\r\n2,b\r3,c");
        Assert.Equal(["1: id|name", "2: 1|a", "3: 2|b", "4: 3|c"], Records(document));
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_skipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("id,name\r\n1,Әлия\r\n")).ToArray();
        var document = CsvReader.Read("a.csv", bytes);
        Assert.Equal(["1: id|name", "2: 1|Әлия"], Records(document));
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted()
    {
        var document = CsvReader.Read("a.csv", "id,name\n\n1,a\n\r\n2,b\n\n");
        Assert.Equal(["1: id|name", "3: 1|a", "5: 2|b"], Records(document));
    }

    [Fact]
    public void A_trailing_comma_is_one_more_empty_value()
    {
        var document = CsvReader.Read("a.csv", "a,b,c\n1,,\n");
        Assert.Equal(["1: a|b|c", "2: 1||"], Records(document));
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_line_its_record_starts_and_the_file_is_incomplete()
    {
        var document = CsvReader.Read("p.csv", "id,name\n1,a\n2,\"b\n3,c\n");
        Assert.False(document.Complete);
        Assert.Equal(["1: id|name", "2: 1|a"], Records(document));
        Assert.Equal([new CsvProblem(3, CsvError.UnterminatedQuote)], document.Errors);
    }

    [Theory]
    [InlineData("id,name\n1,ab\"c\"\n2,d\n")]  // a quote inside an unquoted value
    [InlineData("id,name\n1,\"ab\"c\n2,d\n")]  // text after the closing quote
    public void A_misplaced_quote_marks_its_record_malformed_and_reading_goes_on(string text)
    {
        var document = CsvReader.Read("p.csv", text);
        Assert.True(document.Complete);
        Assert.Equal([new CsvProblem(2, CsvError.BadQuote)], document.Errors);
        Assert.True(document.Records[1].Malformed);
        Assert.Equal("3: 2|d", Records(document)[2]);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_reported_at_their_line()
    {
        // "Школа" in Windows-1251 on line 3.
        var bytes = Encoding.ASCII.GetBytes("id,name\n1,a\n2,").Concat(new byte[] { 0xD8, 0xEA, 0xEE, 0xEB, 0xE0 }).ToArray();
        var document = CsvReader.Read("a.csv", bytes);
        Assert.False(document.Complete);
        Assert.Empty(document.Records);
        Assert.Equal([new CsvProblem(3, CsvError.InvalidEncoding)], document.Errors);
    }

    [Fact]
    public void An_empty_text_has_no_records()
    {
        var document = CsvReader.Read("a.csv", "");
        Assert.True(document.Complete);
        Assert.Empty(document.Records);
    }
}
