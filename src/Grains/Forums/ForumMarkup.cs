using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EduInfo.Grains.Forums;

/// <summary>
/// Renders a forum post (issue 23): Markdown with raw HTML off, then HtmlSanitizer with an allow-list as the second
/// wall, so a renderer bug or a Markdown trick still ends in inert text. The page's CSP keeps img-src 'self'.
/// </summary>
public static class ForumMarkup
{
    public const string LinkRel = "nofollow ugc noopener";

    public const int MaxNesting = 32;

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    // Built once: a Markdig pipeline is immutable and shared by design; only the renderer (per call) holds state.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder
    {
        // Quotes in quotes in lists: a post needs a few levels, not Markdig's default 128 for the sanitizer to walk.
        MaximumNestingDepth = MaxNesting,
    }
        .DisableHtml()
        // Bare URLs are how people paste links; www.… goes to https.
        .UseAutoLinks(new AutoLinkOptions { UseHttpsForWWWLinks = true })
        // A forum is typed in a text box: a new line there is a new line on the page.
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    // HtmlSanitizer's Sanitize is thread-safe on a shared instance as long as nobody sets its properties meanwhile
    // (its README, "Thread safety"): it is configured here once, and the handlers below keep no state.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string Render(string markdown)
    {
        string html;
        try
        {
            html = ToHtml(markdown);
        }
        catch (ArgumentException)
        {
            // Markdig refuses a text nested deeper than MaxNesting ("> > > …" by the hundred): shown as it was typed.
            html = "<p>" + WebUtility.HtmlEncode(markdown).ReplaceLineEndings("<br>\n") + "</p>";
        }
        return Sanitizer.Sanitize(html);
    }

    /// <summary>
    /// The text a reader sees of rendered HTML: character references decoded (Markdig turns <c>&amp;#97;</c> into "a"),
    /// tags gone, the new lines between blocks kept. The text rules and the personal-data scan read this as well as the
    /// source, so what is refused in plain letters is refused when spelled with references or split by emphasis.
    /// </summary>
    public static string TextOf(string html) => new HtmlParser().ParseDocument(html).Body?.TextContent ?? "";

    private static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        UnwrapImages(document);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HeadingRenderer>(new PlainHeadingRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// An image becomes a link to it with its alt text: an external image would tell its host who read the post, and the
    /// CSP would block it anyway. An image that is a link's content gives the link its alt text (links do not nest). A
    /// link with no words (an image without alt text, "[](…)") shows its address: nothing clickable is invisible.
    /// </summary>
    private static void UnwrapImages(MarkdownDocument document)
    {
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            if (image.Parent?.FindParentOfType<LinkInline>().Any() == true)
            {
                while (image.FirstChild is { } child)
                {
                    child.Remove();
                    image.InsertBefore(child);
                }
                image.Remove();
            }
            else
            {
                image.IsImage = false;
            }
        }
        foreach (var link in document.Descendants<LinkInline>().Where(l => l.FirstChild is null).ToList())
        {
            link.AppendChild(new LiteralInline(link.Url ?? ""));
        }
    }

    /// <summary>
    /// A heading is written as a bold paragraph: the author's emphasis stays, but a post cannot set an h1 that passes
    /// for the page's own title or its sections' headings (and so the outline screen readers navigate by).
    /// </summary>
    private sealed class PlainHeadingRenderer : HtmlObjectRenderer<HeadingBlock>
    {
        protected override void Write(HtmlRenderer renderer, HeadingBlock heading)
        {
            renderer.EnsureLine();
            renderer.Write("<p><strong>");
            renderer.WriteLeafInline(heading);
            renderer.WriteLine("</strong></p>");
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        // From empty, not from the library's defaults (which allow img, style, class and more): what is not named here goes.
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(["p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"]);
        options.AllowedAttributes.Add("href");
        options.UriAttributes.Add("href");
        options.AllowedSchemes.UnionWith(Schemes);
        var sanitizer = new HtmlSanitizer(options)
        {
            // Nothing but the allow-list reaches here from Markdown; anything else is a surprise, dropped whole.
            KeepChildNodes = false,
        };
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = IsAllowedLink(e.SanitizedUrl) ? e.SanitizedUrl : null;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                if (link.GetAttribute("href") is null)
                {
                    // A link that lost its address (javascript:, relative) keeps its words as text.
                    foreach (var child in link.ChildNodes.ToList())
                    {
                        e.ReplacementNodes.Add(child);
                    }
                    if (e.ReplacementNodes.Count == 0)
                    {
                        e.ReplacementNodes.Add(e.Document.CreateTextNode(""));
                    }
                    return;
                }
                link.SetAttribute("rel", LinkRel);
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// Only absolute http, https and mailto addresses: relative ones (and "//host", which borrows the page's scheme)
    /// are refused too, so every link a reader sees says where it goes.
    /// </summary>
    private static bool IsAllowedLink(string? url) =>
        url is not null
        && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && Schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
}
