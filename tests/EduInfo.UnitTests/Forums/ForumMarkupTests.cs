using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using EduInfo.Grains.Forums;

namespace EduInfo.UnitTests.Forums;

public sealed class ForumMarkupTests
{
    private static readonly HashSet<string> AllowedElements = ["p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr"];
    private static readonly HashSet<string> LinkSchemes = ["http", "https", "mailto"];

    // Stored-XSS payloads as a post's Markdown: raw HTML (off, so it must come out as text), Markdown's own links and
    // images with hostile addresses, obfuscations a browser would undo, and markup the parser must not be fooled by.
    private static readonly string[] HostilePosts =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"https://example.com\" target=\"_blank\" class=\"btn\" id=\"logout\" style=\"color:red\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"width: expression(alert(1))\">x</p>",
        "<style>body{background:url(https://evil.example/track)}</style>",
        "<!-- <script>alert(1)</script> -->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<b onmouseover=alert(1)>unterminated",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](  javascript:alert(1)  )",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](//evil.example/x)",
        "[x](/\\evil.example)",
        "[x](https:javascript:alert(1))",
        "[x](https://example.com/\" onmouseover=\"alert(1))",
        "[x](https://example.com \"title\\\" onmouseover=\\\"alert(1)\")",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "![x](https://evil.example/x.png)",
        "![](https://evil.example/pixel.gif)",
        "![x](javascript:alert(1))",
        "[![x](https://evil.example/x.png)](https://example.com)",
        "<javascript:alert(1)>",
        "<https://example.com/\" onmouseover=\"alert(1)>",
        "https://example.com/\"onmouseover=\"alert(1)",
        "www.example.com<script>alert(1)</script>",
        "# <script>alert(1)</script>",
        "Title\n=====\n<img src=x onerror=alert(1)>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "> <img src=x onerror=alert(1)>\n> [x](javascript:alert(1))",
        "* [a](javascript:alert(1))\n* ![b](data:image/png;base64,AAAA)\n\n1. <b>x</b>",
        "[x](https://example.com){target=_blank onclick=alert(1)}",
        "**<img src=x onerror=alert(1)>**",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;img src=x onerror=alert(1)&#62;",
        "[x](mailto:a@example.kz?body=<script>alert(1)</script>)",
        string.Concat(Enumerable.Repeat("> ", 500)) + "<img src=x onerror=alert(1)>",
        string.Concat(Enumerable.Repeat("[", 5000)) + "x" + string.Concat(Enumerable.Repeat("](javascript:alert(1))", 5000)),
        string.Concat(Enumerable.Repeat("*a _b ", 5000)),
    ];

    public static TheoryData<string> Hostile => new(HostilePosts);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_markdown_renders_inert(string markdown) => AssertInert(ForumMarkup.Render(markdown));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void No_hostile_payload_reaches_the_page_as_markup(string markdown)
    {
        var html = ForumMarkup.Render(markdown);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", Hrefs(html), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    // What a reader sees of a post: references decoded, emphasis no longer splitting a word, blocks on their own lines.
    [InlineData("Ив&#97;нов", "Ив\u0061нов")] // a Latin a
    [InlineData("Ив*an*ов", "Ивanов")]
    [InlineData("a&#x202E;b", "a\u202Eb")]
    [InlineData("Дирек&ZeroWidthSpace;тор", "Дирек\u200Bтор")]
    [InlineData("&#57;00101300126", "900101300126")]
    [InlineData("Бірінші абзац\n\nSecond paragraph", "Бірінші абзац\nSecond paragraph")]
    [InlineData("`<b>код</b>`", "<b>код</b>")]
    public void The_text_of_a_post_is_what_its_reader_sees(string markdown, string text) =>
        Assert.Equal(text, ForumMarkup.TextOf(ForumMarkup.Render(markdown)).Trim());

    [Theory]
    [InlineData("**қалың**", "<p><strong>қалың</strong></p>")]
    [InlineData("_көлбеу_", "<p><em>көлбеу</em></p>")]
    [InlineData("- бір\n- екі", "<ul>\n<li>бір</li>\n<li>екі</li>\n</ul>")]
    [InlineData("1. бір\n2. екі", "<ol>\n<li>бір</li>\n<li>екі</li>\n</ol>")]
    [InlineData("> дәйексөз", "<blockquote>\n<p>дәйексөз</p>\n</blockquote>")]
    [InlineData("a\n\n---\n\nb", "<p>a</p>\n<hr>\n<p>b</p>")]
    [InlineData("бірінші\nекінші", "<p>бірінші<br>\nекінші</p>")]
    [InlineData("[Білім](https://edu.gov.kz/kk?a=1&b=2)", "<p><a href=\"https://edu.gov.kz/kk?a=1&amp;b=2\" rel=\"nofollow ugc noopener\">Білім</a></p>")]
    [InlineData("<https://edu.gov.kz>", "<p><a href=\"https://edu.gov.kz\" rel=\"nofollow ugc noopener\">https://edu.gov.kz</a></p>")]
    [InlineData("see https://edu.gov.kz", "<p>see <a href=\"https://edu.gov.kz\" rel=\"nofollow ugc noopener\">https://edu.gov.kz</a></p>")]
    [InlineData("[жазыңыз](mailto:mektep@example.kz)", "<p><a href=\"mailto:mektep@example.kz\" rel=\"nofollow ugc noopener\">жазыңыз</a></p>")]
    [InlineData("`<b>x</b>`", "<p><code>&lt;b&gt;x&lt;/b&gt;</code></p>")]
    [InlineData("```csharp\nif (a < b && c) { }\n```", "<pre><code>if (a &lt; b &amp;&amp; c) { }\n</code></pre>")]
    [InlineData("<b>x</b> & <i>", "<p>&lt;b&gt;x&lt;/b&gt; &amp; &lt;i&gt;</p>")]
    [InlineData("# Жаңалық", "<p><strong>Жаңалық</strong></p>")]
    [InlineData("Жаңалық\n---", "<p><strong>Жаңалық</strong></p>")]
    [InlineData("![сызба](https://example.com/a.png)", "<p><a href=\"https://example.com/a.png\" rel=\"nofollow ugc noopener\">сызба</a></p>")]
    [InlineData("![](https://example.com/a.png)", "<p><a href=\"https://example.com/a.png\" rel=\"nofollow ugc noopener\">https://example.com/a.png</a></p>")]
    [InlineData("[![сызба](https://evil.example/a.png)](https://example.com)", "<p><a href=\"https://example.com\" rel=\"nofollow ugc noopener\">сызба</a></p>")]
    [InlineData("[](https://example.com)", "<p><a href=\"https://example.com\" rel=\"nofollow ugc noopener\">https://example.com</a></p>")]
    [InlineData("> > > үш", "<blockquote>\n<blockquote>\n<blockquote>\n<p>үш</p>\n</blockquote>\n</blockquote>\n</blockquote>")]
    [InlineData("[x](javascript:alert(1))", "<p>x</p>")]
    [InlineData("[ішкі](/forums/1)", "<p>ішкі</p>")]
    [InlineData("[x](//evil.example)", "<p>x</p>")]
    public void Markdown_renders_to_the_allowed_markup(string markdown, string html) =>
        Assert.Equal(html, ForumMarkup.Render(markdown).TrimEnd('\n'));

    [Theory]
    [InlineData(8, "<blockquote>")] // quotes in quotes, as deep as a thread gets
    [InlineData(ForumMarkup.MaxNesting + 1, "<p>&gt; &gt; ")]
    public void A_text_nested_beyond_the_limit_is_shown_as_typed(int depth, string start)
    {
        var html = ForumMarkup.Render(string.Concat(Enumerable.Repeat("> ", depth)) + "**x**");
        Assert.StartsWith(start, html);
        AssertInert(html);
    }

    [Fact]
    public void A_shared_renderer_gives_the_same_html_from_many_threads()
    {
        var posts = HostilePosts;
        var once = posts.Select(ForumMarkup.Render).ToList();
        var parallel = new string[posts.Length * 8];
        Parallel.For(0, parallel.Length, i => parallel[i] = ForumMarkup.Render(posts[i % posts.Length]));
        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(once[i % posts.Length], parallel[i]);
        }
    }

    private static IEnumerable<IElement> Parse(string html)
    {
        var parser = new HtmlParser();
        var document = parser.ParseDocument("");
        return parser.ParseFragment(html, document.Body!).SelectMany(n => n is IElement e ? [e, .. e.QuerySelectorAll("*")] : Array.Empty<IElement>());
    }

    private static string Hrefs(string html) => string.Join(" ", Parse(html).Select(e => e.GetAttribute("href") ?? ""));

    private static void AssertInert(string html)
    {
        var parser = new HtmlParser();
        var document = parser.ParseDocument("");
        var nodes = parser.ParseFragment(html, document.Body!);
        Assert.DoesNotContain(nodes.SelectMany(n => n.GetDescendantsAndSelf()), n => n.NodeType is NodeType.Comment or NodeType.ProcessingInstruction);
        foreach (var element in Parse(html))
        {
            Assert.Contains(element.LocalName, AllowedElements);
            var names = element.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
            if (element.LocalName != "a")
            {
                Assert.Empty(names);
                continue;
            }
            Assert.Equal(["href", "rel"], names);
            Assert.Equal("nofollow ugc noopener", element.GetAttribute("rel"));
            var href = element.GetAttribute("href")!;
            Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri) && LinkSchemes.Contains(uri.Scheme), href);
            Assert.Matches("^(?i:https?://|mailto:)", href);
        }
    }
}
