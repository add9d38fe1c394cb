using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EduInfo.Domain.Csv;

/// <summary>
/// Reads RFC 4180 CSV: comma-separated, values with commas, quotes or line breaks enclosed in double quotes, a quote
/// inside doubled. Line breaks may be CRLF, LF or CR. A UTF-8 byte order mark is skipped; blank lines are skipped;
/// spaces around a quoted value are allowed.
/// Every record keeps the physical line it starts on, so errors point at the line an editor shows. Shared by the
/// operator's folder import and a school's upload, so both read a file the same way.
/// </summary>
public static class CsvReader
{
    /// <summary>Decodes strict UTF-8 (a byte order mark is allowed) and reads the text.</summary>
    public static CsvDocument Read(string file, ReadOnlySpan<byte> utf8)
    {
        var chars = new char[utf8.Length];
        var status = Utf8.ToUtf16(utf8, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
        // A NUL is valid UTF-8 but no text holds one: it is how a UTF-16 file without a byte order mark looks.
        var nul = utf8[..bytesRead].IndexOf((byte)0);
        if (status != OperationStatus.Done || nul >= 0)
        {
            // Windows-1251 or UTF-16 files end here; point at the line of the first byte that is not UTF-8.
            var line = 1 + utf8[..(nul >= 0 ? nul : bytesRead)].Count((byte)'\n');
            return new CsvDocument(file, [], [new CsvProblem(line, CsvError.InvalidEncoding)], Complete: false);
        }
        return Read(file, new string(chars, 0, charsWritten));
    }

    /// <summary>Reads decoded text; a leading byte order mark (U+FEFF) is skipped.</summary>
    public static CsvDocument Read(string file, string text)
    {
        var records = new List<CsvRecord>();
        var errors = new List<CsvProblem>();
        var value = new StringBuilder();
        var position = text.StartsWith('\uFEFF') ? 1 : 0;
        var line = 1;

        // Consumes one line break at the position (CRLF counts once) and moves to the next line.
        bool LineBreak(bool keep)
        {
            if (position >= text.Length || text[position] is not ('\r' or '\n'))
            {
                return false;
            }
            var length = text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
            if (keep)
            {
                value.Append(text, position, length);
            }
            position += length;
            line++;
            return true;
        }

        while (position < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var malformed = false;
            var quotedAny = false;
            while (true)
            {
                value.Clear();
                // Spaces around a quoted value are tolerated, like the spaces around any value (values are trimmed).
                var next = position;
                while (next < text.Length && text[next] is (' ' or '\t'))
                {
                    next++;
                }
                var quoted = next < text.Length && text[next] == '"';
                if (quoted)
                {
                    quotedAny = true;
                    position = next + 1;
                    while (true)
                    {
                        if (position >= text.Length)
                        {
                            errors.Add(new CsvProblem(start, CsvError.UnterminatedQuote));
                            return new CsvDocument(file, records, errors, Complete: false);
                        }
                        if (LineBreak(keep: true))
                        {
                            continue;
                        }
                        var c = text[position++];
                        if (c != '"')
                        {
                            value.Append(c);
                        }
                        else if (position < text.Length && text[position] == '"')
                        {
                            value.Append('"');
                            position++;
                        }
                        else
                        {
                            break;
                        }
                    }
                }
                // Unquoted text; after a closing quote (other than spaces), or holding a quote, it is malformed and kept as written.
                while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    var c = text[position++];
                    if (quoted && c is (' ' or '\t'))
                    {
                        continue;
                    }
                    malformed |= quoted || c == '"';
                    value.Append(c);
                }
                fields.Add(value.ToString());
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                    continue;
                }
                LineBreak(keep: false);
                break;
            }
            if (fields is [""] && !quotedAny)
            {
                continue;
            }
            if (malformed)
            {
                errors.Add(new CsvProblem(start, CsvError.BadQuote));
            }
            records.Add(new CsvRecord(start, fields, malformed));
        }
        return new CsvDocument(file, records, errors, Complete: true);
    }
}
