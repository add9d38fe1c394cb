using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace EduInfo.Api.Web;

/// <summary>The bundled assets, by content-hash name: immutable, cached for a year, precompressed.</summary>
public static class WebAssetEndpoints
{
    public static IEndpointRouteBuilder MapWebAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{file}", Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Results<FileContentHttpResult, StatusCodeHttpResult, NotFound> Serve(string file, HttpContext http, WebAssets assets)
    {
        if (assets.Find(file) is not { } asset)
        {
            return TypedResults.NotFound();
        }
        var response = http.Response;
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var (body, encoding) = asset.For(http.Request);
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }
        return TypedResults.File(body, asset.ContentType);
    }
}
