using System.Text.Json;
using EduInfo.IntegrationTests.EServices;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Registry;

namespace EduInfo.IntegrationTests.Forums;

/// <summary>
/// Issue 23 through the real HTTP pipeline and PostgreSQL: a parent asks a school's head; the question waits for the
/// district's moderators (pre-moderation), is approved and answered officially; a student's post always waits; personal
/// data holds a post with the reason told to its author; reports reach the queue once per reader; a moderator's edit
/// keeps the original for the audit only; a blocked author cannot post; the rate of posting is limited; questions left
/// unanswered past the working days are counted for the area's officers; a closed thread takes no post. No account id,
/// IIN or full name reaches a public response or the audit.
/// </summary>
public sealed class ForumApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    private string School(int index) => api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).ElementAt(index).Id;

    private string DistrictOf(string school) => api.Registry.Data.Organizations.Single(o => o.Id == school).NodeId;

    private string Officer(string school) => $"user=forum-officer; roles=district_officer@{DistrictOf(school)}";

    private static string Head(string school) => $"user=forum-head-{school}; roles=head@{school}";

    /// <summary>A parent of the registry, a different one for each index (each test posts as its own, so rates do not mix).</summary>
    private (string Parent, string Child) ParentOf(int index)
    {
        var parent = api.Registry.Data.StudentParents.Select(p => p.ParentId).Distinct().Order(StringComparer.Ordinal).ElementAt(index);
        return (parent, api.Registry.Data.StudentParents.First(p => p.ParentId == parent).StudentId);
    }

    private static string StudentActor(string studentId) => $"user=student-{studentId}; person={studentId}; roles=student@{studentId}";

    [Fact]
    public async Task A_parents_question_waits_is_approved_and_answered_by_the_head_with_no_account_in_public()
    {
        var school = School(0);
        var (parentId, _) = ParentOf(0);
        var parent = ApplicationApiTests.Parent(parentId);
        var threadId = Guid.NewGuid();
        var asked = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads",
            new { threadId, title = "Мектеп формасы туралы", body = "Қыстағы **форма** қандай болады? [Ереже](https://edu.gov.kz/rules)" }, parent, "kk");
        Assert.True(asked.Status == 201, $"{asked.Status} {asked.Body}");
        Assert.Equal(("pending", "Хабарлама модератор тексергеннен кейін жарияланады."),
            (asked.Body.GetProperty("state").GetString(), asked.Body.GetProperty("notice").GetString()));
        // A retry with the same id answers as the first did and writes nothing twice.
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { threadId, title = "x", body = "y" }, parent)).Status);
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM forum_posts WHERE thread_id = @t", ("t", threadId)));

        // Not shown to the public while it waits; its author sees it and why; the district's officer has it in the queue.
        Assert.DoesNotContain(await ThreadIdsAsync(school, null), id => id == threadId);
        Assert.Contains(await ThreadIdsAsync(school, parent), id => id == threadId);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{threadId}", actor: null)).Status);
        var queue = await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-queue", Officer(school), "ru");
        Assert.Equal(200, queue.Status);
        var queued = queue.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("postId").GetGuid()).ToList();
        Assert.Contains(threadId, queued);
        // The next page starts after the item named: the queue's keyset, unmoved by decisions meanwhile.
        var next = await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-queue?after={queued[0]}", Officer(school));
        Assert.Equal(queued.Skip(1), next.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("postId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, queue.Body.GetProperty("next").ValueKind);
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-queue", Head(school))).Status);
        Assert.Equal(403, (await Moderate(school, threadId, Head(school), new { action = "approve" })).Status);

        Assert.Equal(200, (await Moderate(school, threadId, Officer(school), new { action = "approve" })).Status);
        var answer = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{threadId}/posts",
            new { postId = Guid.NewGuid(), body = "Форма өзгермейді." }, Head(school), "kk");
        Assert.True(answer.Status == 201, $"{answer.Status} {answer.Body}");
        Assert.Equal("published", answer.Body.GetProperty("state").GetString());

        var thread = await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{threadId}", actor: null, "ru");
        Assert.Equal(200, thread.Status);
        Assert.True(thread.Body.GetProperty("answered").GetBoolean());
        var posts = thread.Body.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal(["question", "answer"], posts.Select(p => p.GetProperty("kind").GetString()));
        var head = posts[1];
        Assert.True(head.GetProperty("official").GetBoolean());
        var schoolRu = api.Registry.Data.Organizations.Single(o => o.Id == school).NameRu;
        Assert.Equal($"Руководитель организации · {schoolRu}", head.GetProperty("author").GetString());
        var question = posts[0];
        Assert.Contains("<strong>форма</strong>", question.GetProperty("html").GetString());
        // The Markdown is a moderator's, to edit from the thread; the public reads the rendered text only.
        Assert.Equal(JsonValueKind.Null, question.GetProperty("markdown").ValueKind);
        var moderated = await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{threadId}", Officer(school));
        Assert.StartsWith("Қыстағы **форма**", moderated.Body.GetProperty("posts")[0].GetProperty("markdown").GetString());
        Assert.Contains("rel=\"nofollow ugc noopener\"", question.GetProperty("html").GetString());
        var parentRecord = api.Registry.Data.Parents.Single(p => p.Id == parentId);
        Assert.Equal($"{parentRecord.FirstName} {parentRecord.LastName[0]}. · родитель", question.GetProperty("author").GetString());
        var text = thread.Body.ToString();
        foreach (var secret in new[] { parentId, $"parent-{parentId}", $"forum-head-{school}", parentRecord.Iin, parentRecord.LastName })
        {
            Assert.DoesNotContain(secret, text);
        }
        var audit = await api.Db.ScalarAsync<string>("SELECT string_agg(action || detail::text, ' ') FROM audit_log WHERE target_kind = 'forum' AND target_id = @f",
            ("f", school));
        Assert.Contains("forum.ask", audit);
        Assert.Contains("forum.approve", audit);
        Assert.Contains("forum.reply", audit);
        Assert.DoesNotContain(parentRecord.LastName, audit);
    }

    [Fact]
    public async Task A_students_post_always_waits_and_personal_data_holds_a_post_telling_its_author_why()
    {
        var school = School(1);
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/forums/{school}/settings", new { moderation = "post" }, Officer(school))).Status);
        var student = api.Registry.Data.Enrolments.First(e => api.Registry.Data.Classes.Single(c => c.Id == e.ClassId).OrganizationId == school).StudentId;
        var studentAsked = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads",
            new { threadId = Guid.NewGuid(), title = "Үйірмелер", body = "Робототехника үйірмесі бар ма?" }, StudentActor(student));
        Assert.Equal((201, "pending"), (studentAsked.Status, studentAsked.Body.GetProperty("state").GetString()));
        var pupil = api.Registry.Data.Students.Single(s => s.Id == student);
        var thread = await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{studentAsked.Body.GetProperty("id").GetGuid()}", StudentActor(student), "ru");
        Assert.Equal($"{pupil.FirstName} {pupil.LastName[0]}. · ученик", thread.Body.GetProperty("posts")[0].GetProperty("author").GetString());

        var (parentId, _) = ParentOf(1);
        var parent = ApplicationApiTests.Parent(parentId);
        var open = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads",
            new { threadId = Guid.NewGuid(), title = "Асхана", body = "Асханада не береді?" }, parent);
        Assert.Equal((201, "published"), (open.Status, open.Body.GetProperty("state").GetString()));

        var iin = api.Registry.Data.Students.First().Iin;
        var held = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads",
            new { threadId = Guid.NewGuid(), title = $"Анықтама {iin}", body = "Балам үшін анықтама керек, тел. +7 701 234 56 78" }, parent, "kk");
        Assert.Equal((201, "held"), (held.Status, held.Body.GetProperty("state").GetString()));
        Assert.Contains("ЖСН, телефон нөмірі", held.Body.GetProperty("notice").GetString());
        var heldId = held.Body.GetProperty("id").GetGuid();
        var mine = await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{heldId}", parent, "kk");
        var post = mine.Body.GetProperty("posts")[0];
        Assert.Equal(["iin", "phone"], post.GetProperty("heldFor").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains("ЖСН, телефон нөмірі", post.GetProperty("notice").GetString());
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{heldId}", actor: null)).Status);
        // The title holds the IIN: the public list would show it if the held thread were listed.
        Assert.DoesNotContain(heldId, await ThreadIdsAsync(school, null));
        Assert.DoesNotContain(iin, (await api.Http.GetJsonAsync($"/api/v1/forums/{school}", actor: null)).Body.ToString());
        var queue = await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-queue", Officer(school));
        var item = queue.Body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("postId").GetGuid() == heldId);
        Assert.Equal("held", item.GetProperty("state").GetString());

        // The moderator takes the IIN out of the title and the phone out of the text, then approves: the earlier ones are kept for the audit only.
        var edited = await Moderate(school, heldId, Officer(school), new { action = "edit", reason = "Жеке деректер алынды", title = "Анықтама", body = "Балам үшін анықтама керек." });
        Assert.True(edited.Status == 200, $"{edited.Status} {edited.Body}");
        Assert.Equal(200, (await Moderate(school, heldId, Officer(school), new { action = "approve" })).Status);
        var shown = await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{heldId}", actor: null);
        Assert.Equal((200, "Анықтама"), (shown.Status, shown.Body.GetProperty("title").GetString()));
        Assert.DoesNotContain(iin, shown.Body.ToString());
        Assert.DoesNotContain("701", shown.Body.ToString());
        Assert.Equal($"Анықтама {iin}", await api.Db.ScalarAsync<string>("SELECT title FROM forum_post_revisions WHERE post_id = @p", ("p", heldId)));

        // An IIN spelled with a character reference is read as the page shows it, and holds the post.
        var spelled = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{heldId}/posts",
            new { postId = Guid.NewGuid(), body = $"ЖСН &#{(int)iin[0]};{iin[1..]}" }, parent, "ru");
        Assert.Equal((201, "held"), (spelled.Status, spelled.Body.GetProperty("state").GetString()));
        Assert.Contains("ИИН", spelled.Body.GetProperty("notice").GetString());
    }

    [Theory]
    [InlineData("title", "Директор\u202Eтерсі", "title:directionOverride")]
    [InlineData("body", "Дирeктор жауап берсін", "body:mixedScript")]
    [InlineData("body", "жасырын\u200Bмәтін", "body:invisibleCharacter")]
    [InlineData("body", "бас\u0007қару", "body:controlCharacter")]
    [InlineData("title", "", "title:required")]
    public async Task Hostile_text_is_refused_with_a_localized_400_and_nothing_written(string field, string text, string expected)
    {
        var school = School(2);
        var (parentId, _) = ParentOf(2);
        var threadId = Guid.NewGuid();
        var body = field == "title" ? new { threadId, title = text, body = "Сұрақ" } : new { threadId, title = "Сұрақ", body = text };
        var refused = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", body, ApplicationApiTests.Parent(parentId), "ru");
        Assert.Equal((400, expected), (refused.Status, ApplicationApiTests.Errors(refused.Body)));
        Assert.False(string.IsNullOrWhiteSpace(refused.Body.GetProperty("errors")[0].GetProperty("message").GetString()));
        Assert.Equal(0L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM forum_threads WHERE id = @t", ("t", threadId)));
    }

    [Fact]
    public async Task Stored_markup_is_inert_reports_reach_the_queue_once_and_an_edit_keeps_the_original_for_the_audit_only()
    {
        var school = School(3);
        var (parentId, _) = ParentOf(3);
        var parent = ApplicationApiTests.Parent(parentId);
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/forums/{school}/settings", new { moderation = "post" }, Officer(school))).Status);
        var asked = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new
        {
            threadId = Guid.NewGuid(), title = "<script>alert(1)</script>",
            body = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href=\"https://evil.example\" onclick=\"x()\">a</a>",
        }, parent);
        Assert.Equal(201, asked.Status);
        var id = asked.Body.GetProperty("id").GetGuid();
        var thread = await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{id}", actor: null);
        var html = thread.Body.GetProperty("posts")[0].GetProperty("html").GetString()!;
        // Raw HTML is shown as text (escaped), never as markup: no element but the allow-list's, no handler, no script link.
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotMatch("<[^>]*(onclick|onerror)", html);
        Assert.DoesNotMatch("href=\"(?!https?:)", html);
        Assert.Contains("&lt;img", html);
        // The title is text: JSON carries it as written and the pages encode it.
        Assert.Equal("<script>alert(1)</script>", thread.Body.GetProperty("title").GetString());

        var (readerId, _) = ParentOf(4);
        var reader = ApplicationApiTests.Parent(readerId);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/posts/{id}/reports", new { reason = "abuse" }, reader)).Status);
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/posts/{id}/reports", new { reason = "spam" }, reader)).Status);
        var queued = (await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-queue", Officer(school))).Body.GetProperty("items")
            .EnumerateArray().Single(i => i.GetProperty("postId").GetGuid() == id);
        Assert.Equal(1, queued.GetProperty("reports").GetInt32());

        var edited = await Moderate(school, id, Officer(school), new { action = "edit", reason = "Сілтеме алынды", body = "Сұрақ түзетілді." });
        Assert.True(edited.Status == 200, $"{edited.Status} {edited.Body}");
        var after = await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{id}", actor: null);
        Assert.Equal("<p>Сұрақ түзетілді.</p>", after.Body.GetProperty("posts")[0].GetProperty("html").GetString()!.Trim());
        Assert.True(after.Body.GetProperty("posts")[0].GetProperty("edited").GetBoolean());
        Assert.DoesNotContain("evil.example", after.Body.ToString());
        Assert.Contains("evil.example", await api.Db.ScalarAsync<string>("SELECT body FROM forum_post_revisions WHERE post_id = @p", ("p", id)));
        Assert.DoesNotContain((await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-queue", Officer(school))).Body
            .GetProperty("items").EnumerateArray(), i => i.GetProperty("postId").GetGuid() == id);
        // The decision's reason is in its audit row; a reader may report the edited text anew.
        Assert.Contains("Сілтеме алынды", await api.Db.ScalarAsync<string>(
            "SELECT detail::text FROM audit_log WHERE action = 'forum.edit' AND target_id = @f AND detail->>'postId' = @p", ("f", school), ("p", id.ToString())));
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/posts/{id}/reports", new { reason = "spam" }, reader)).Status);
        Assert.Equal(1, (await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-queue", Officer(school))).Body.GetProperty("items")
            .EnumerateArray().Single(i => i.GetProperty("postId").GetGuid() == id).GetProperty("reports").GetInt32());

        Assert.Equal(200, (await Moderate(school, id, Officer(school), new { action = "delete", reason = "Тақырыптан тыс" })).Status);
        Assert.Equal(404, (await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{id}", actor: null)).Status);
        var again = await Moderate(school, id, Officer(school), new { action = "approve" });
        Assert.Equal((409, "action:stateForbids"), (again.Status, ApplicationApiTests.Errors(again.Body)));
    }

    [Fact]
    public async Task A_blocked_author_cannot_post_and_the_rate_of_posting_is_limited()
    {
        var school = School(4);
        var (parentId, _) = ParentOf(5);
        var parent = ApplicationApiTests.Parent(parentId);
        var first = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { threadId = Guid.NewGuid(), title = "Бірінші", body = "Сұрақ" }, parent);
        Assert.Equal(201, first.Status);
        var blocked = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/posts/{first.Body.GetProperty("id").GetGuid()}/block",
            new { blocked = true, reason = "Спам" }, Officer(school));
        Assert.Equal(200, blocked.Status);
        var refused = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { threadId = Guid.NewGuid(), title = "Екінші", body = "Сұрақ" }, parent, "ru");
        Assert.Equal((403, "forum:blocked"), (refused.Status, ApplicationApiTests.Errors(refused.Body)));
        Assert.Equal("Модератор запретил вам писать на этом форуме.", refused.Body.GetProperty("detail").GetString());
        // Another forum is not this one's to block.
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/forums/{School(5)}/threads", new { threadId = Guid.NewGuid(), title = "Басқа", body = "Сұрақ" }, parent)).Status);

        // Five posts in ten minutes across forums, then a 429 until the window passes.
        var (busyId, _) = ParentOf(6);
        var busy = ApplicationApiTests.Parent(busyId);
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await api.Http.PostJsonAsync($"/api/v1/forums/{School(i % 2 == 0 ? 4 : 5)}/threads",
                new { threadId = Guid.NewGuid(), title = $"Сұрақ {i}", body = "Мәтін" }, busy)).Status);
        }
        Assert.Equal([201, 201, 201, 201, 201, 429], statuses);
    }

    [Fact]
    public async Task Questions_unanswered_past_the_working_days_are_counted_for_the_areas_officers_and_a_closed_thread_takes_no_post()
    {
        var school = School(6);
        var (parentId, _) = ParentOf(7);
        var parent = ApplicationApiTests.Parent(parentId);
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/forums/{school}/settings", new { moderation = "post" }, Officer(school))).Status);
        var old = (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { threadId = Guid.NewGuid(), title = "Ескі сұрақ", body = "Жауап жоқ" }, parent))
            .Body.GetProperty("id").GetGuid();
        var fresh = (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { threadId = Guid.NewGuid(), title = "Жаңа сұрақ", body = "Күтемін" }, parent))
            .Body.GetProperty("id").GetGuid();
        // Asked on Monday 23 November (the clock is Friday the 27th): three working days have passed by today; the other counts from today.
        await api.Db.ExecuteAsync("UPDATE forum_threads SET counts_from = '2026-11-23' WHERE id = @t", ("t", old));

        var unanswered = await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-unanswered", Officer(school), "ru");
        Assert.Equal(200, unanswered.Status);
        Assert.Equal((3, "2026-11-24"), (unanswered.Body.GetProperty("workingDays").GetInt32(), unanswered.Body.GetProperty("countingBy").GetString()));
        var forum = unanswered.Body.GetProperty("forums").EnumerateArray().Single(f => f.GetProperty("forumId").GetString() == school);
        Assert.Equal((1, "2026-11-23"), (forum.GetProperty("questions").GetInt32(), forum.GetProperty("oldest").GetString()));
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-unanswered", parent)).Status);

        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{old}/close", new { }, Head(school))).Status);
        var late = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{old}/posts", new { postId = Guid.NewGuid(), body = "Әлі де күтемін" }, parent, "kk");
        Assert.Equal((409, "threadId:threadClosed"), (late.Status, ApplicationApiTests.Errors(late.Body)));
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{fresh}/close", new { }, parent)).Status);
        // Closing is not answering: the question still counts; the head's answer (a closed thread still takes it) does.
        Assert.Equal(1, await UnansweredAsync(school));
        var answerId = Guid.NewGuid();
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{old}/posts", new { postId = answerId, body = "Жауап берілді." }, Head(school))).Status);
        Assert.Equal(0, await UnansweredAsync(school));
        // An answer rejected by a moderator answers nothing: the question counts again.
        Assert.Equal(200, (await Moderate(school, answerId, Officer(school), new { action = "reject", reason = "Жауап емес" })).Status);
        Assert.Equal(1, await UnansweredAsync(school));
        Assert.False((await api.Http.GetJsonAsync($"/api/v1/forums/{school}/threads/{old}", actor: null)).Body.GetProperty("answered").GetBoolean());
    }

    [Fact]
    public async Task A_write_without_its_id_is_refused_and_an_id_is_its_authors_in_its_own_thread_only()
    {
        var school = School(7);
        var (parentId, _) = ParentOf(8);
        var parent = ApplicationApiTests.Parent(parentId);
        var noId = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { title = "Сұрақ", body = "Мәтін" }, parent, "ru");
        Assert.Equal((400, "threadId:idRequired"), (noId.Status, ApplicationApiTests.Errors(noId.Body)));
        Assert.Equal(204, (await api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/forums/{school}/settings", new { moderation = "post" }, Officer(school))).Status);
        var first = (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { threadId = Guid.NewGuid(), title = "Бірінші", body = "Мәтін" }, parent))
            .Body.GetProperty("id").GetGuid();
        var second = (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads", new { threadId = Guid.NewGuid(), title = "Екінші", body = "Мәтін" }, parent))
            .Body.GetProperty("id").GetGuid();
        var noPostId = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{first}/posts", new { body = "Жауап" }, parent, "ru");
        Assert.Equal((400, "postId:idRequired"), (noPostId.Status, ApplicationApiTests.Errors(noPostId.Body)));

        var postId = Guid.NewGuid();
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{first}/posts", new { postId, body = "Бір" }, parent)).Status);
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{first}/posts", new { postId, body = "Бір" }, parent)).Status);
        // The same id in another thread, or a thread's id reused as a post's, is not a retry: a 409, nothing written.
        var elsewhere = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{second}/posts", new { postId, body = "Бір" }, parent);
        Assert.Equal((409, "postId:idTaken"), (elsewhere.Status, ApplicationApiTests.Errors(elsewhere.Body)));
        var threadAsPost = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads/{first}/posts", new { postId = second, body = "Бір" }, parent);
        Assert.Equal((409, "postId:idTaken"), (threadAsPost.Status, ApplicationApiTests.Errors(threadAsPost.Body)));
        Assert.Equal(3L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM forum_posts WHERE thread_id IN (@a, @b)", ("a", first), ("b", second)));
    }

    [Fact]
    public async Task A_republican_schools_forum_is_moderated_by_the_Ministry_having_no_office_between()
    {
        var republic = await api.Db.ScalarAsync<string>("SELECT id FROM nodes WHERE kind = 'republic'");
        var school = api.Registry.Data.Organizations.First(o => o.NodeId == republic).Id;
        var student = api.Registry.Data.Enrolments.First(e => api.Registry.Data.Classes.Single(c => c.Id == e.ClassId).OrganizationId == school).StudentId;
        var asked = await api.Http.PostJsonAsync($"/api/v1/forums/{school}/threads",
            new { threadId = Guid.NewGuid(), title = "Олимпиада", body = "Олимпиадаға қалай жазыламыз?" }, StudentActor(student));
        Assert.Equal((201, "pending"), (asked.Status, asked.Body.GetProperty("state").GetString()));
        var id = asked.Body.GetProperty("id").GetGuid();
        var region = await api.Db.ScalarAsync<string>("SELECT id FROM nodes WHERE kind = 'region' ORDER BY id LIMIT 1");
        Assert.Equal(403, (await Moderate(school, id, $"user=forum-region; roles=region_officer@{region}", new { action = "approve" })).Status);
        var ministry = $"user=forum-ministry; roles=ministry_analyst@{republic}";
        var forum = await api.Http.GetJsonAsync($"/api/v1/forums/{school}", ministry);
        Assert.True(forum.Body.GetProperty("moderates").GetBoolean());
        Assert.Contains(forum.Body.GetProperty("threads").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.False((await api.Http.GetJsonAsync($"/api/v1/forums/{school}", Officer(School(0)))).Body.GetProperty("moderates").GetBoolean());
        Assert.Equal(200, (await Moderate(school, id, ministry, new { action = "approve" })).Status);
        Assert.Contains(id, await ThreadIdsAsync(school, null));
    }

    [Fact]
    public async Task A_closed_organizations_forum_takes_no_more_posts_though_its_grain_was_live()
    {
        var district = DistrictOf(School(0));
        var officer = $"user=forum-officer; roles=district_officer@{district}";
        Assert.Equal(201, (await api.Http.PostJsonAsync($"/api/v1/nodes/{district}/organizations", OrganizationLifecycleApiTests.School("FORUM-CLOSING-1"), officer)).Status);
        var (parentId, _) = ParentOf(9);
        var parent = ApplicationApiTests.Parent(parentId);
        Assert.Equal(201, (await api.Http.PostJsonAsync("/api/v1/forums/FORUM-CLOSING-1/threads", new { threadId = Guid.NewGuid(), title = "Ашылу", body = "Қашан ашылады?" }, parent)).Status);
        var close = new { date = TestClock.Today.ToString("yyyy-MM-dd"), reason = "Ашылмады", pupils = "end" };
        var closed = await api.Http.PostJsonAsync("/api/v1/organizations/FORUM-CLOSING-1/closing", close, officer);
        Assert.True(closed.Status == 200, $"{closed.Status} {closed.Body}");
        var late = await api.Http.PostJsonAsync("/api/v1/forums/FORUM-CLOSING-1/threads", new { threadId = Guid.NewGuid(), title = "Тағы", body = "Жабылды ма?" }, parent);
        Assert.Equal(404, late.Status);
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM forum_threads WHERE forum_id = 'FORUM-CLOSING-1'"));
    }

    private async Task<int> UnansweredAsync(string school)
    {
        var counted = await api.Http.GetJsonAsync($"/api/v1/nodes/{DistrictOf(school)}/forum-unanswered", Officer(school));
        Assert.Equal(200, counted.Status);
        return counted.Body.GetProperty("forums").EnumerateArray().Where(f => f.GetProperty("forumId").GetString() == school)
            .Select(f => f.GetProperty("questions").GetInt32()).SingleOrDefault();
    }

    private Task<(int Status, JsonElement Body, string? ContentType)> Moderate(string school, Guid postId, string actor, object decision) =>
        api.Http.PostJsonAsync($"/api/v1/forums/{school}/posts/{postId}/moderation", decision, actor, "ru");

    private async Task<List<Guid>> ThreadIdsAsync(string school, string? actor)
    {
        var forum = await api.Http.GetJsonAsync($"/api/v1/forums/{school}", actor);
        Assert.Equal(200, forum.Status);
        return [.. forum.Body.GetProperty("threads").EnumerateArray().Select(t => t.GetProperty("id").GetGuid())];
    }
}
