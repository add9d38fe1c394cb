using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace EduInfo.Api.Web;

/// <summary>
/// The pages' bundled modules and stylesheet (Web/Client, bundled by esbuild at build time and embedded in this
/// assembly), served from this origin under a name carrying their content hash, so a browser may keep them for a year
/// and a new build is never mixed with an old one. Each is compressed once at start (Brotli and gzip).
/// </summary>
public sealed class WebAssets
{
    private const string Prefix = "web/";
    private readonly FrozenDictionary<string, WebAsset> _byFingerprintedName;
    private readonly FrozenDictionary<string, string> _urls;

    public WebAssets()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return WebAsset.Of(name[Prefix.Length..], memory.ToArray());
        }).ToList();
        if (!assets.Any(a => a.Name == "app.js") || !assets.Any(a => a.Name == "app.css"))
        {
            throw new InvalidOperationException("The web client bundle is not embedded: build src/Api (it runs Web/Client/build.mjs).");
        }
        _byFingerprintedName = assets.ToFrozenDictionary(a => a.FingerprintedName, StringComparer.Ordinal);
        _urls = assets.ToFrozenDictionary(a => a.Name, a => "/assets/" + a.FingerprintedName, StringComparer.Ordinal);
    }

    /// <summary>The URL of a bundled file by its plain name ("app.css").</summary>
    public string Url(string name) => _urls.TryGetValue(name, out var url) ? url : throw new KeyNotFoundException($"No bundled asset '{name}'.");

    public WebAsset? Find(string fingerprintedName) => _byFingerprintedName.GetValueOrDefault(fingerprintedName);
}

/// <summary>One bundled file: its bytes plain and compressed, its content type and its content-hash name.</summary>
public sealed record WebAsset(string Name, string FingerprintedName, string ContentType, string ETag, byte[] Plain, byte[] Brotli, byte[] Gzip)
{
    public static WebAsset Of(string name, byte[] content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        var extension = Path.GetExtension(name);
        var contentType = extension switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return new WebAsset(name, $"{Path.GetFileNameWithoutExtension(name)}.{hash}{extension}", contentType, $"\"{hash}\"",
            content, Compress(content, s => new BrotliStream(s, CompressionLevel.SmallestSize)), Compress(content, s => new GZipStream(s, CompressionLevel.SmallestSize)));
    }

    /// <summary>The best encoding the request accepts: Brotli, then gzip, else none.</summary>
    public (byte[] Body, string? Encoding) For(HttpRequest request)
    {
        return StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var values) switch
        {
            true when Accepts(values, "br") => (Brotli, "br"),
            true when Accepts(values, "gzip") => (Gzip, "gzip"),
            _ => (Plain, null),
        };
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> values, string encoding) =>
        values.Any(v => v.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && (v.Quality ?? 1) > 0);

    private static byte[] Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        using var memory = new MemoryStream();
        using (var stream = compressor(memory))
        {
            stream.Write(content);
        }
        return memory.ToArray();
    }
}
