using System.IO.Compression;
using EduInfo.Domain.Materials;

namespace EduInfo.UnitTests.Materials;

public sealed class MaterialRulesTests
{
    private static MaterialDraft Draft(string? title = "Бөлшектер", string? summary = "Қысқаша", string? body = "Мәтін", string? subject = "MAT", int? grade = 5,
        MaterialLanguage? language = MaterialLanguage.Kk) => new(title, summary, body, subject, grade, language);

    public static TheoryData<MaterialDraft, string> Refusals => new()
    {
        { Draft(title: null), "title:required" },
        { Draft(title: new string('а', 201)), "title:tooLong" },
        { Draft(title: "Екі\nжол"), "title:controlCharacter" },
        { Draft(title: "Ив\u0430нов Ivаnov"), "title:mixedScript" },
        { Draft(summary: " "), "summary:required" },
        { Draft(body: "мәтін\u202Eжасырын"), "body:directionOverride" },
        { Draft(body: new string('ә', 50_001)), "body:tooLong" },
        { Draft(subject: ""), "subjectId:subjectRequired" },
        { Draft(subject: new string('M', 65)), "subjectId:subjectRequired" },
        { Draft(grade: -1), "grade:gradeOutOfRange" },
        { Draft(grade: 12), "grade:gradeOutOfRange" },
        { Draft(grade: null), "grade:gradeOutOfRange" },
        { Draft(language: null), "language:languageRequired" },
        { Draft(language: (MaterialLanguage)9), "language:languageRequired" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_draft_is_refused_with_each_problem_named(MaterialDraft draft, string expected)
    {
        var problems = MaterialRules.Check(draft, out var facts);
        Assert.Null(facts);
        Assert.Equal(expected, string.Join(',', problems.Select(p => $"{p.Field}:{p.Code}")));
    }

    [Fact]
    public void A_good_draft_is_normalized()
    {
        Assert.Empty(MaterialRules.Check(Draft(title: "  Бөлшектер  ", body: "бірінші\r\nекінші", grade: 0), out var facts));
        Assert.Equal(("Бөлшектер", "бірінші\nекінші", 0), (facts!.Title, facts.Body, facts.Grade));
    }

    [Theory]
    [InlineData(MaterialState.InReview, ReviewAction.Publish, MaterialState.Published)]
    [InlineData(MaterialState.InReview, ReviewAction.Return, MaterialState.Returned)]
    [InlineData(MaterialState.Published, ReviewAction.Withdraw, MaterialState.Withdrawn)]
    [InlineData(MaterialState.Draft, ReviewAction.Publish, null)]
    [InlineData(MaterialState.Returned, ReviewAction.Publish, null)]
    [InlineData(MaterialState.Published, ReviewAction.Publish, null)]
    [InlineData(MaterialState.Published, ReviewAction.Return, null)]
    [InlineData(MaterialState.Withdrawn, ReviewAction.Publish, null)]
    [InlineData(MaterialState.InReview, ReviewAction.Withdraw, null)]
    public void A_review_moves_only_from_the_state_it_expects(MaterialState from, ReviewAction action, MaterialState? to) =>
        Assert.Equal(to, MaterialRules.After(from, action));

    [Theory]
    [InlineData(MaterialState.Draft, true)]
    [InlineData(MaterialState.Returned, true)]
    [InlineData(MaterialState.InReview, false)]
    [InlineData(MaterialState.Published, false)]
    [InlineData(MaterialState.Withdrawn, false)]
    public void Only_a_draft_or_a_returned_material_is_editable(MaterialState state, bool editable) => Assert.Equal(editable, MaterialRules.Editable(state));

    [Theory]
    [InlineData(MaterialLanguage.Ru, "russian")]
    [InlineData(MaterialLanguage.Kk, "simple")]
    [InlineData(MaterialLanguage.En, "english")]
    public void The_language_picks_the_search_configuration(MaterialLanguage language, string configuration) =>
        Assert.Equal(configuration, MaterialRules.SearchConfiguration(language));

    [Theory]
    [InlineData("ӘЛІППЕ ҒЫЛЫМ ҚАЗАҚ ҢӨҰҮҺІ", "әліппе ғылым қазақ ңөұүһі")]
    [InlineData("Ёлка ЁЖ", "елка еж")]
    [InlineData("Уравнения", "уравнения")]
    public void Search_text_is_lower_cased_here_not_by_the_database(string text, string indexed) => Assert.Equal(indexed, MaterialRules.SearchText(text));

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("a\u0000b", null)]
    [InlineData("қазақ\u0007", null)]
    [InlineData(" Уравнение ", "уравнение")]
    public void A_query_is_words_or_nothing(string? typed, string? words) => Assert.Equal(words, MaterialRules.Query(typed));

    [Fact]
    public void A_query_over_200_characters_is_none() => Assert.Null(MaterialRules.Query(new string('а', 201)));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(null, false)]
    public void Stars_are_one_to_five(int? stars, bool valid) => Assert.Equal(valid, MaterialRules.ValidStars(stars));
}

public sealed class AttachmentRulesTests
{
    private static byte[] Package(params string[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                zip.CreateEntry(part);
            }
        }
        return stream.ToArray();
    }

    public static TheoryData<string, byte[], AttachmentType?, AttachmentError?> Files => new()
    {
        { "pdf", "%PDF-1.4\n"u8.ToArray(), AttachmentType.Pdf, null },
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], AttachmentType.Png, null },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE0], AttachmentType.Jpeg, null },
        { "docx", Package("[Content_Types].xml", "word/document.xml"), AttachmentType.Docx, null },
        { "pptx", Package("[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml"), AttachmentType.Pptx, null },
        { "docm", Package("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), null, AttachmentError.MacrosNotAllowed },
        { "pptm", Package("[Content_Types].xml", "ppt/presentation.xml", "ppt/vbaProject.bin"), null, AttachmentError.MacrosNotAllowed },
        { "xlsx", Package("[Content_Types].xml", "xl/workbook.xml"), null, AttachmentError.TypeNotAllowed },
        { "zip without content types", Package("word/document.xml"), null, AttachmentError.TypeNotAllowed },
        { "broken zip", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], null, AttachmentError.TypeNotAllowed },
        { "html", "<!DOCTYPE html><script>"u8.ToArray(), null, AttachmentError.TypeNotAllowed },
        { "svg", "<svg onload=alert(1)>"u8.ToArray(), null, AttachmentError.TypeNotAllowed },
        { "empty", [], null, AttachmentError.Empty },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_is_told_by_its_bytes(string _, byte[] content, AttachmentType? type, AttachmentError? error)
    {
        Assert.Equal(error, AttachmentRules.Check(content, 0, out var found));
        Assert.Equal(type, error is null ? found : null);
    }

    [Fact]
    public void Size_and_count_are_capped()
    {
        var big = new byte[AttachmentRules.MaxBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Equal(AttachmentError.TooLarge, AttachmentRules.Check(big, 0, out _));
        Assert.Null(AttachmentRules.Check(big.AsMemory(0, AttachmentRules.MaxBytes), 0, out _));
        Assert.Equal(AttachmentError.TooMany, AttachmentRules.Check("%PDF-"u8.ToArray(), AttachmentRules.MaxPerMaterial, out _));
    }

    [Fact]
    public void A_package_is_read_where_it_lies_in_the_callers_bytes()
    {
        // The ZIP's directory is read over the caller's array, offsets included (no copy of up to 20 MiB).
        var docx = Package("[Content_Types].xml", "word/document.xml");
        var around = new byte[docx.Length + 10];
        docx.CopyTo(around, 3);
        Assert.Null(AttachmentRules.Check(around.AsMemory(3, docx.Length), 0, out var type));
        Assert.Equal(AttachmentType.Docx, type);
        Assert.Equal(AttachmentError.TypeNotAllowed, AttachmentRules.Check(around.AsMemory(3, docx.Length - 30), 0, out _));
    }

    [Theory]
    [InlineData("Жоспар.pdf", AttachmentType.Pdf, "Жоспар.pdf")]
    [InlineData(@"C:\Users\мұғалім\тапсырма.pdf", AttachmentType.Docx, "тапсырма.docx")]
    [InlineData("../../etc/passwd", AttachmentType.Pdf, "passwd.pdf")]
    [InlineData("slides", AttachmentType.Pptx, "slides.pptx")]
    [InlineData("a\"b.pdf", AttachmentType.Pdf, null)]
    [InlineData("жол\nжол.pdf", AttachmentType.Pdf, null)]
    [InlineData("  ", AttachmentType.Pdf, null)]
    [InlineData(".pdf", AttachmentType.Pdf, ".pdf.pdf")]
    public void The_name_keeps_no_folder_and_takes_the_extension_of_the_bytes(string sent, AttachmentType type, string? shown) =>
        Assert.Equal(shown, AttachmentRules.DisplayName(sent, type));
}
