using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;
using Npgsql;

namespace EduInfo.IntegrationTests.Materials;

/// <summary>
/// Issue 24's methodological materials through the real HTTP pipeline and PostgreSQL: a teacher writes a material with
/// attachments told by their bytes, the district returns it with a reason and then publishes it; full-text search finds
/// Kazakh words whole (whatever their case) and Russian words in any form; readers download attachments as attachments,
/// comment under the forums' rules (personal data holds a comment) and rate. Every write is audited.
/// </summary>
public sealed class MaterialApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private (string Teacher, string Organization, string District) Author(int index)
    {
        var data = api.Registry.Data;
        var teacher = data.Teachers.OrderBy(t => t.Id, StringComparer.Ordinal).Skip(index).First();
        return (teacher.Id, teacher.OrganizationId, data.Organizations.Single(o => o.Id == teacher.OrganizationId).NodeId);
    }

    private static string TeacherActor(string teacherId, string organizationId) => $"user=U-{teacherId}; person={teacherId}; roles=teacher@{organizationId}";

    private static string Officer(string district) => $"user=material-officer-{district}; roles=district_officer@{district}";

    private static object Material(string title, string body, string subjectId, int grade, string language, string summary = "Сабақ жоспары") =>
        new { title, summary, body, subjectId, grade, language };

    private async Task<Guid> CreateAsync(object material, string actor)
    {
        var created = await api.Http.PostJsonAsync("/api/v1/materials", material, actor, "ru");
        Assert.True(created.Status == 201, $"{created.Status} {created.Body}");
        return created.Body.GetProperty("material").GetProperty("id").GetGuid();
    }

    private async Task<Guid> PublishedAsync(object material, (string Teacher, string Organization, string District) author)
    {
        var id = await CreateAsync(material, TeacherActor(author.Teacher, author.Organization));
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/submission", null, TeacherActor(author.Teacher, author.Organization))).Status);
        var published = await api.Http.PostJsonAsync($"/api/v1/materials/{id}/review", new { action = "publish" }, Officer(author.District));
        Assert.True(published.Status == 200, $"{published.Status} {published.Body}");
        return id;
    }

    private async Task<(int Status, JsonElement Body)> UploadAsync(Guid material, string name, byte[] content, string actor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/materials/{material}/attachments?name={Uri.EscapeDataString(name)}")
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add(HttpExtensions.ActorHeader, actor);
        request.Headers.AcceptLanguage.ParseAdd("kk");
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>An Office Open XML package with the given parts (each a line of XML).</summary>
    internal static byte[] Package(params string[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }
        return stream.ToArray();
    }

    private static string Errors(JsonElement body) =>
        string.Join(',', body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}"));

    private async Task<IReadOnlyList<Guid>> SearchAsync(string query)
    {
        var found = await api.Http.GetJsonAsync(query, actor: null, "kk");
        Assert.True(found.Status == 200, $"{found.Status} {found.Body}");
        return [.. found.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    [Fact]
    public async Task A_teachers_material_with_attachments_is_returned_with_a_reason_published_downloaded_commented_and_rated_and_every_write_is_audited()
    {
        var author = Author(0);
        var teacher = TeacherActor(author.Teacher, author.Organization);
        var id = await CreateAsync(Material("Бөлшектерді қосу", "## Мақсаты\nОқушылар **бөлшектерді** қосуды үйренеді.", "MAT", 5, "kk"), teacher);

        // Attachments are told by their bytes: a PDF, a Word document named .pdf downloads as .docx; a page, a macro, a bare ZIP are refused.
        var pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8.ToArray();
        var stored = await UploadAsync(id, "Жоспар.pdf", pdf, teacher);
        Assert.True(stored.Status == 201, $"{stored.Status} {stored.Body}");
        var docx = Package("[Content_Types].xml", "word/document.xml");
        Assert.Equal(201, (await UploadAsync(id, @"C:\Users\мұғалім\тапсырмалар.pdf", docx, teacher)).Status);
        Assert.Equal(201, (await UploadAsync(id, "слайдтар.pptx", Package("[Content_Types].xml", "ppt/presentation.xml"), teacher)).Status);
        var html = await UploadAsync(id, "page.pdf", "<!DOCTYPE html><script>alert(1)</script>"u8.ToArray(), teacher);
        Assert.Equal((400, "file:typeNotAllowed"), (html.Status, Errors(html.Body)));
        Assert.Equal((400, "file:macrosNotAllowed"), await UploadAsync(id, "m.docx", Package("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), teacher)
            is var macro ? (macro.Status, Errors(macro.Body)) : default);
        Assert.Equal((400, "file:typeNotAllowed"), await UploadAsync(id, "a.docx", Package("readme.txt"), teacher) is var zip ? (zip.Status, Errors(zip.Body)) : default);
        var big = new byte[EduInfo.Domain.Materials.AttachmentRules.MaxBytes + 1];
        pdf.CopyTo(big, 0);
        Assert.Equal(413, (await UploadAsync(id, "big.pdf", big, teacher)).Status);
        Assert.Equal("Тек PDF, DOCX, PPTX, PNG немесе JPEG файлдары (түрі мазмұнынан анықталады).", html.Body.GetProperty("errors")[0].GetProperty("message").GetString());

        // A draft is its author's: not in the search, no one else's to read or edit.
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/materials/{id}", actor: null)).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/materials/{id}", TeacherActor(Author(1).Teacher, Author(1).Organization))).Status);
        Assert.DoesNotContain(id, await SearchAsync("/api/v1/materials?q=бөлшектерді"));

        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/submission", null, teacher)).Status);
        var queue = await api.Http.GetJsonAsync($"/api/v1/nodes/{author.District}/material-reviews", Officer(author.District));
        Assert.Contains(queue.Body.EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal(409, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{id}", Material("Өзгерген", "мәтін", "MAT", 5, "kk"), teacher)).Status);
        // Returned with a reason the author reads; edited; submitted again; published.
        var noReason = await api.Http.PostJsonAsync($"/api/v1/materials/{id}/review", new { action = "return" }, Officer(author.District));
        Assert.Equal((400, "reason:required"), (noReason.Status, Errors(noReason.Body)));
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/review", new { action = "return", reason = "Бағалау критерийлерін қосыңыз" },
            Officer(author.District))).Status);
        var returned = await api.Http.GetJsonAsync($"/api/v1/materials/{id}", teacher);
        Assert.Equal(("returned", "Бағалау критерийлерін қосыңыз"), (returned.Body.GetProperty("material").GetProperty("state").GetString(),
            returned.Body.GetProperty("reviewReason").GetString()));
        var edited = await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{id}",
            Material("Бөлшектерді қосу", "## Мақсаты\nОқушылар **бөлшектерді** қосуды үйренеді.\n\nБағалау: дескрипторлар.", "MAT", 5, "kk"), teacher);
        Assert.True(edited.Status == 200, $"{edited.Status} {edited.Body}");
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/submission", null, teacher)).Status);
        var elsewhere = api.Registry.Data.Organizations.First(o => o.NodeId != author.District).NodeId;
        Assert.Equal(404, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/review", new { action = "publish" }, Officer(elsewhere))).Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/review", new { action = "publish" }, Officer(author.District))).Status);

        // Anyone reads it, by organization, never by its author's name; its Markdown rendered inert.
        var read = await api.Http.GetJsonAsync($"/api/v1/materials/{id}", actor: null, "kk");
        Assert.Equal(200, read.Status);
        Assert.Contains("<strong>бөлшектерді</strong>", read.Body.GetProperty("html").GetString());
        Assert.Equal(JsonValueKind.Null, read.Body.GetProperty("markdown").ValueKind);
        var names = api.Registry.Data.Teachers.Single(t => t.Id == author.Teacher);
        Assert.DoesNotContain(names.LastName, read.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(author.Teacher, read.Body.GetRawText(), StringComparison.Ordinal);
        var attachments = read.Body.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(new[] { "Жоспар.pdf", "тапсырмалар.docx", "слайдтар.pptx" }.Order(StringComparer.Ordinal),
            attachments.Select(a => a.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        attachments = [.. attachments.Where(a => a.GetProperty("name").GetString() == "Жоспар.pdf")];

        // Downloaded as an attachment with nosniff, the bytes as sent.
        using (var download = await api.Http.GetAsync(attachments[0].GetProperty("href").GetString()))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // Comments under the forums' rules: shown at once; one with an IIN is held (its author and the reviewers see it, no one else).
        var reader = Author(1);
        var readerActor = TeacherActor(reader.Teacher, reader.Organization);
        var comment = await api.Http.PostJsonAsync($"/api/v1/materials/{id}/comments", new { commentId = Guid.NewGuid(), body = "Рақмет, *өте* пайдалы!" }, readerActor, "kk");
        Assert.Equal((201, "published"), (comment.Status, comment.Body.GetProperty("commentState").GetString()));
        var iin = api.Registry.Data.Students[0].Iin;
        var held = await api.Http.PostJsonAsync($"/api/v1/materials/{id}/comments", new { commentId = Guid.NewGuid(), body = $"Оқушы ЖСН {iin} жұмысы" }, readerActor, "kk");
        Assert.Equal((201, "held"), (held.Status, held.Body.GetProperty("commentState").GetString()));
        var heldId = held.Body.GetProperty("id").GetGuid();
        Assert.DoesNotContain(iin, (await api.Http.GetJsonAsync($"/api/v1/materials/{id}", actor: null)).Body.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(iin, (await api.Http.GetJsonAsync($"/api/v1/materials/{id}", readerActor)).Body.GetRawText(), StringComparison.Ordinal);
        // The material's author moderates nothing: a held comment is not theirs to see (404), a shown one not theirs to judge (403).
        Assert.Equal(404, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/comments/{heldId}/moderation", new { action = "approve" }, teacher)).Status);
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/comments/{comment.Body.GetProperty("id").GetGuid()}/moderation",
            new { action = "reject", reason = "Ұнамады" }, teacher)).Status);
        var rejected = await api.Http.PostJsonAsync($"/api/v1/materials/{id}/comments/{heldId}/moderation", new { action = "reject", reason = "Жеке деректер" },
            Officer(author.District));
        Assert.True(rejected.Status == 200, $"{rejected.Status} {rejected.Body}");
        Assert.Equal(409, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/comments/{heldId}/moderation", new { action = "approve" }, Officer(author.District))).Status);
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/comments", new { commentId = Guid.NewGuid(), body = "Сұрақ" },
            $"user=material-parent; roles=parent@{api.Registry.Data.StudentParents[0].ParentId}")).Status);

        // Ratings: one per reader, replaced by a new one; not the author's own; 1–5.
        Assert.Equal(200, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{id}/rating", new { stars = 3 }, readerActor)).Status);
        Assert.Equal(200, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{id}/rating", new { stars = 4 }, readerActor)).Status);
        Assert.Equal(200, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{id}/rating", new { stars = 5 }, Officer(author.District))).Status);
        Assert.Equal(403, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{id}/rating", new { stars = 5 }, teacher)).Status);
        Assert.Equal(400, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{id}/rating", new { stars = 6 }, readerActor)).Status);
        var rated = (await api.Http.GetJsonAsync($"/api/v1/materials/{id}", readerActor)).Body;
        Assert.Equal((4.5, 2, 4), (rated.GetProperty("material").GetProperty("stars").GetDouble(), rated.GetProperty("material").GetProperty("ratings").GetInt32(),
            rated.GetProperty("myStars").GetInt32()));

        // Withdrawn by a reviewer: gone from the search and the public page.
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/materials/{id}/review", new { action = "withdraw", reason = "Авторлық құқық туралы шағым" },
            Officer(author.District))).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/materials/{id}", actor: null)).Status);

        // Every write one audit row of the material, none naming the author.
        await using var command = api.Db.DataSource.CreateCommand("SELECT action, detail::text FROM audit_log WHERE target_kind = 'material' AND target_id = @id ORDER BY id");
        command.Parameters.AddWithValue("id", id.ToString());
        var actions = new List<string>();
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                actions.Add(r.GetString(0));
                Assert.DoesNotContain(names.LastName, r.GetString(1), StringComparison.Ordinal);
            }
        }
        Assert.Equal(["material.create", "material.attach", "material.attach", "material.attach", "material.submit", "material.return", "material.edit",
            "material.submit", "material.publish", "material.comment", "material.comment", "material.moderate", "material.rate", "material.rate", "material.rate",
            "material.withdraw"], actions);
    }

    [Fact]
    public async Task Search_finds_kazakh_words_whole_in_any_case_and_russian_words_in_any_form_ranked_and_filtered()
    {
        var author = Author(2);
        var marker = Guid.NewGuid().ToString("N")[..8];
        // Kazakh: every letter of its own (ә ғ қ ң ө ұ ү һ і) in the words searched.
        var kazakh = await PublishedAsync(Material($"Әліппе: ғылыми қызықты ертегілер {marker}",
            "Оқушылар өлеңдер мен ұлттық ойындар арқылы үйренеді. Һәм дыбыстар: ә, ғ, қ, ң, ө, ұ, ү, һ, і. Ақпараттық сауаттылық.", "KAZ", 1, "kk"), author);
        var russian = await PublishedAsync(Material($"Решение квадратных уравнений {marker}",
            "Ученики решают квадратные уравнения через дискриминант. Уравнения с параметром; уравнением называют равенство.", "MAT", 8, "ru"), author);
        var russianOnce = await PublishedAsync(Material($"Неравенства {marker}", "Системы неравенств; одно уравнение для проверки.", "MAT", 8, "ru"), author);
        var english = await PublishedAsync(Material($"Reading strategies {marker}", "Pupils are reading short stories and answering questions.", "ENG", 6, "en"), author);

        // Kazakh words are matched whole, whatever their case (lower-cased here, not by the database's locale).
        Assert.Contains(kazakh, await SearchAsync("/api/v1/materials?q=ғылыми"));
        Assert.Contains(kazakh, await SearchAsync("/api/v1/materials?q=ӘЛІППЕ"));
        Assert.Contains(kazakh, await SearchAsync("/api/v1/materials?q=" + Uri.EscapeDataString("ұлттық ойындар")));
        Assert.Contains(kazakh, await SearchAsync("/api/v1/materials?q=һәм"));
        Assert.Contains(kazakh, await SearchAsync("/api/v1/materials?q=" + Uri.EscapeDataString("ақпараттық сауаттылық")));
        // Kazakh has no stemmer in PostgreSQL: another form of a word is another word (a known limit, docs/materials.md).
        Assert.DoesNotContain(kazakh, await SearchAsync("/api/v1/materials?q=ертегі"));
        // Russian words in any form: «уравнение» finds «уравнений», «уравнения», «уравнением»; «ё» is read as «е».
        Assert.Contains(russian, await SearchAsync("/api/v1/materials?q=уравнение"));
        Assert.Contains(russian, await SearchAsync("/api/v1/materials?q=" + Uri.EscapeDataString("квадратное уравнение")));
        Assert.Contains(russian, await SearchAsync("/api/v1/materials?q=РЕШЕНИЯ"));
        Assert.Contains(english, await SearchAsync("/api/v1/materials?q=story"));
        // Ranked: the material about equations before the one that names an equation once.
        var ranked = (await SearchAsync($"/api/v1/materials?q=уравнения+{marker}")).Where(x => x == russian || x == russianOnce).ToList();
        Assert.Equal([russian, russianOnce], ranked);
        // Filters: subject, grade, language; a Russian query finds no Kazakh material.
        Assert.Equal(new[] { russian, russianOnce }.Order(), (await SearchAsync($"/api/v1/materials?q={marker}&subjectId=MAT&grade=8&language=ru")).Order());
        Assert.DoesNotContain(kazakh, await SearchAsync($"/api/v1/materials?q={marker}&language=ru"));
        Assert.Equal([kazakh], await SearchAsync($"/api/v1/materials?q={marker}&grade=1"));
        Assert.DoesNotContain(kazakh, await SearchAsync("/api/v1/materials?q=уравнение"));
        // Search syntax is the web's (quotes, minus), never SQL: a stray operator finds nothing and fails nothing.
        Assert.Equal([russian], await SearchAsync($"/api/v1/materials?q=" + Uri.EscapeDataString($"\"квадратных уравнений\" {marker} -неравенства")));
        Assert.Empty(await SearchAsync("/api/v1/materials?q=" + Uri.EscapeDataString("')); DROP TABLE materials; --")));
        var invalid = await api.Http.GetJsonAsync("/api/v1/materials?q=" + new string('а', 201), actor: null, "ru");
        Assert.Equal((400, "q:queryInvalid"), (invalid.Status, Errors(invalid.Body)));
    }
}
