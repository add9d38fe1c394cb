namespace EduInfo.Domain.EServices;

/// <summary>The types an uploaded document may have: told by its bytes, never by its name or the client's header.</summary>
public enum UploadType
{
    Pdf = 1,
    Png = 2,
    Jpeg = 3,
}

/// <summary>Why an upload is refused.</summary>
public enum UploadError
{
    Empty = 1,
    /// <summary>Over <see cref="UploadRules.MaxBytes"/>: 413.</summary>
    TooLarge = 2,
    /// <summary>Its bytes are none of PDF, PNG, JPEG (an HTML page, an SVG, an archive named .pdf).</summary>
    TypeNotAllowed = 3,
    /// <summary>The application takes no more documents (decided or closed): 409.</summary>
    NotNow = 4,
    /// <summary>More than <see cref="UploadRules.MaxPerApplication"/> documents: 409.</summary>
    TooMany = 5,
}

/// <summary>
/// Uploaded documents (issue 22): PDF, PNG or JPEG by their magic numbers, at most 5 MiB each and 20 per application.
/// A file that only claims a type (an HTML page sent as application/pdf) is refused.
/// </summary>
public static class UploadRules
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerApplication = 20;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    public static UploadType? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfMagic) ? UploadType.Pdf
        : content.StartsWith(PngMagic) ? UploadType.Png
        : content.StartsWith(JpegMagic) ? UploadType.Jpeg
        : null;

    public static string ContentTypeOf(UploadType type) => type switch
    {
        UploadType.Pdf => "application/pdf",
        UploadType.Png => "image/png",
        _ => "image/jpeg",
    };

    public static string ExtensionOf(string contentType) => contentType switch
    {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };

    public static UploadError? Check(ReadOnlySpan<byte> content, ApplicationState state, int alreadyUploaded) =>
        content.Length == 0 ? UploadError.Empty
        : content.Length > MaxBytes ? UploadError.TooLarge
        : Sniff(content) is null ? UploadError.TypeNotAllowed
        : !state.AwaitsDecision() ? UploadError.NotNow
        : alreadyUploaded >= MaxPerApplication ? UploadError.TooMany
        : null;
}
