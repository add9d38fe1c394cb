using System.IO.Compression;
using System.Runtime.InteropServices;
using EduInfo.Domain.EServices;

namespace EduInfo.Domain.Materials;

/// <summary>The types a material's attachment may have, told by its bytes (never by its name or the client's header).</summary>
public enum AttachmentType
{
    Pdf = 1,
    Png = 2,
    Jpeg = 3,
    Docx = 4,
    Pptx = 5,
}

public enum AttachmentError
{
    Empty = 1,
    /// <summary>Over <see cref="AttachmentRules.MaxBytes"/>: 413.</summary>
    TooLarge = 2,
    /// <summary>None of the allowed types by its bytes (an HTML page, an SVG, a ZIP named .docx, a spreadsheet).</summary>
    TypeNotAllowed = 3,
    /// <summary>A Word or PowerPoint file carrying macros (a <c>vbaProject.bin</c> part): refused whatever its name.</summary>
    MacrosNotAllowed = 4,
    /// <summary>More than <see cref="AttachmentRules.MaxPerMaterial"/> attachments: 409.</summary>
    TooMany = 5,
    /// <summary>A name that is blank, too long or not a plain file name.</summary>
    NameInvalid = 6,
}

/// <summary>
/// Attachments of methodological materials (issue 24): the e-services' PDF, PNG and JPEG by their magic numbers, plus the
/// Office Open XML documents (DOCX, PPTX) told by the parts their ZIP package lists. Only the package's central directory
/// is read, never an entry inflated, so a ZIP bomb costs nothing here.
/// </summary>
public static class AttachmentRules
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxPerMaterial = 10;
    public const int MaxNameLength = 120;
    /// <summary>A package listing more parts than any lesson's slides need is not read further.</summary>
    private const int MaxPackageEntries = 5_000;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    public static AttachmentError? Check(ReadOnlyMemory<byte> content, int alreadyAttached, out AttachmentType? type)
    {
        type = null;
        if (content.Length == 0)
        {
            return AttachmentError.Empty;
        }
        if (content.Length > MaxBytes)
        {
            return AttachmentError.TooLarge;
        }
        if (UploadRules.Sniff(content.Span) is { } simple)
        {
            type = simple switch { UploadType.Pdf => AttachmentType.Pdf, UploadType.Png => AttachmentType.Png, _ => AttachmentType.Jpeg };
        }
        else if (content.Span.StartsWith(ZipMagic))
        {
            var (office, macros) = OfficePackage(content);
            if (macros)
            {
                return AttachmentError.MacrosNotAllowed;
            }
            type = office;
        }
        return type is null ? AttachmentError.TypeNotAllowed
            : alreadyAttached >= MaxPerMaterial ? AttachmentError.TooMany
            : null;
    }

    private static (AttachmentType? Type, bool Macros) OfficePackage(ReadOnlyMemory<byte> content)
    {
        try
        {
            // Read over the caller's bytes (up to 20 MiB), not a copy of them.
            using var bytes = MemoryMarshal.TryGetArray(content, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            using var zip = new ZipArchive(bytes, ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxPackageEntries)
            {
                return (null, false);
            }
            var parts = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var macros = parts.Any(p => p.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase));
            var type = !parts.Contains("[Content_Types].xml") ? (AttachmentType?)null
                : parts.Contains("word/document.xml") ? AttachmentType.Docx
                : parts.Contains("ppt/presentation.xml") ? AttachmentType.Pptx
                : null;
            return (type, macros && type is not null);
        }
        catch (InvalidDataException)
        {
            return (null, false);
        }
    }

    public static string ContentTypeOf(AttachmentType type) => type switch
    {
        AttachmentType.Pdf => "application/pdf",
        AttachmentType.Png => "image/png",
        AttachmentType.Jpeg => "image/jpeg",
        AttachmentType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    public static string ExtensionOf(AttachmentType type) => type switch
    {
        AttachmentType.Jpeg => "jpg",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The name an attachment is shown and downloaded under: the sender's name without its folders and extension, checked
    /// like a forum title, with the extension of the type its bytes have (a «lesson.pdf» that is a DOCX downloads as
    /// «lesson.docx»). Null when there is no usable name.
    /// </summary>
    public static string? DisplayName(string? sent, AttachmentType type)
    {
        if (string.IsNullOrWhiteSpace(sent))
        {
            return null;
        }
        var name = sent.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        name = (dot > 0 ? name[..dot] : name).Trim();
        var (text, problems) = Forums.ForumText.Check("name", name, MaxNameLength, multiline: false);
        return problems.Count > 0 || text is null || text.Any(c => c is '"' or '<' or '>' or ':' or '|' or '?' or '*')
            ? null
            : $"{text}.{ExtensionOf(type)}";
    }
}
