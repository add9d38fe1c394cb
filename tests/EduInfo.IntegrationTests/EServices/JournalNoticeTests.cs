using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace EduInfo.IntegrationTests.EServices;

/// <summary>
/// Issue 22, item 5: parents subscribe to their children's new marks, absences and term marks, each kind switched by
/// the parent. The journal's feed tells each following parent once — in the inbox and by the channels they chose —
/// with the subject, the score or attendance, the day and a link to the diary, never the child's name or IIN; a
/// roll-call corrected without a new absence tells nothing new; a kind switched off tells nothing; passes run side by
/// side and over rows already passed write nothing twice.
/// </summary>
public sealed class JournalNoticeTests(NotificationHost api) : IClassFixture<NotificationHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Parents_hear_of_the_kinds_they_follow_once_in_their_language_without_the_childs_name()
    {
        var data = api.Registry.Data;
        var t = api.Registry.InSchoolClass(0);
        var school = data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        string[] ParentsOf(string student) => [.. data.StudentParents.Where(p => p.StudentId == student).Select(p => p.ParentId).Order()];
        var a = t.Roster.First(s => ParentsOf(s).Length > 0);
        var b = t.Roster.First(s => s != a && ParentsOf(s).Length > 0 && !ParentsOf(s).Intersect(ParentsOf(a)).Any()
                                    && !data.StudentParents.Any(p => ParentsOf(s).Contains(p.ParentId) && p.StudentId != s && t.Roster.Contains(p.StudentId)));
        var (parentA, parentB) = (ParentsOf(a)[0], ParentsOf(b)[0]);
        var emailA = $"follows-{parentA}@example.kz".ToLowerInvariant();
        var cursorBefore = await api.Db.ScalarAsync<long>("SELECT seq FROM journal_feed");

        await SaveAsync(parentA, "ru", new { email = emailA, emailOn = true, marksOn = true, absencesOn = true, termMarksOn = false });
        await SaveAsync(parentB, "kk", new { termMarksOn = true });
        var saved = (await api.Http.GetJsonAsync("/api/v1/me/notification-channels", ApplicationApiTests.Parent(parentA))).Body;
        Assert.Equal((true, true, false), (saved.GetProperty("marksOn").GetBoolean(), saved.GetProperty("absencesOn").GetBoolean(), saved.GetProperty("termMarksOn").GetBoolean()));

        var teacher = $"user={t.TeacherId}; roles=teacher";
        await PostAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[]
            {
                new { entryId = Guid.NewGuid(), studentId = a, subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 9 },
                new { entryId = Guid.NewGuid(), studentId = b, subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score = 7 },
            },
        }, teacher);
        var lesson = await PostAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[]
            {
                new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-19", period = 2,
                      absentees = new[] { new { studentId = a, code = "sick" }, new { studentId = b, code = "late" } } },
            },
        }, teacher);
        // The roll-call corrected: the pupil still sick (nothing new to tell), the other one absent after all.
        await PostAsync($"/api/v1/classes/{t.ClassId}/corrections", new
        {
            entryId = Guid.NewGuid(), supersedes = lesson.GetProperty("entries")[0].GetProperty("sequence").GetInt64(), action = "replace",
            reason = "Roll-call corrected", absentees = new[] { new { studentId = a, code = "sick" }, new { studentId = b, code = "unexcused" } },
        }, teacher);
        await FeedCoversTheJournalAsync();

        var inboxA = await JournalInboxAsync(parentA, "ru");
        Assert.Equal(["journalAbsence", "journalMark"], inboxA.Select(m => m.Kind).Order());
        var subjectRu = data.Subjects.Single(s => s.Id == t.SubjectId).NameRu;
        var mark = inboxA.Single(m => m.Kind == "journalMark");
        Assert.StartsWith($"Новая оценка: {subjectRu}, 9/", mark.Text);
        Assert.EndsWith("(16.11.2026)", mark.Text);
        Assert.Equal($"Посещаемость: {subjectRu}, 19.11.2026 — отсутствие по болезни", inboxA.Single(m => m.Kind == "journalAbsence").Text);
        Assert.All(inboxA, m => Assert.Equal($"/students/{a}/diary", m.Link));
        Assert.Empty(await JournalInboxAsync(parentB, "kk"));

        // A client that sends no subscriptions keeps them; then marks switched off: the next mark tells nothing, and the
        // term's close tells the parent who follows term marks.
        await SaveAsync(parentA, "ru", new { email = emailA, emailOn = true });
        Assert.True((await api.Http.GetJsonAsync("/api/v1/me/notification-channels", ApplicationApiTests.Parent(parentA))).Body.GetProperty("marksOn").GetBoolean());
        await SaveAsync(parentA, "ru", new { email = emailA, emailOn = true, marksOn = false, absencesOn = true });
        await PostAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = a, subjectId = t.SubjectId, date = "2026-11-18", kind = "formative", score = 8 } },
        }, teacher);
        await PostAsync($"/api/v1/classes/{t.ClassId}/terms/2/close", new { }, $"user=notice-head; roles=head@{school}");
        await FeedCoversTheJournalAsync();
        Assert.Equal(2, (await JournalInboxAsync(parentA, "ru")).Count);
        var inboxB = await JournalInboxAsync(parentB, "kk");
        Assert.Equal(("termMarks", "2-кезең жабылды: қорытынды бағалар қойылды", $"/students/{b}/diary"), Assert.Single(inboxB));
        // A parent who follows nothing hears nothing: the other parents of both pupils saved no subscription.
        Assert.Equal(0L, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE journal_seq IS NOT NULL AND student_id = ANY (@s) AND NOT (recipient = ANY (@r))",
            ("s", new[] { a, b }), ("r", new[] { parentA, parentB })));

        // Parent A's e-mail: one per notice, the link to the diary, no name or IIN in any message.
        var mails = await Eventually.MatchesAsync(() => Task.FromResult(api.Relay.Received.Where(m => m.Recipient == emailA).Select(m => m.Data).ToList()),
            m => m.Count >= 2, Patience, "both notices e-mailed");
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Contains($"https://eduinfo.example.kz/students/{a}/diary", m));
        var pupils = data.Students.Where(s => s.Id == a || s.Id == b).ToList();
        foreach (var text in mails.Concat(inboxA.Concat(inboxB).Select(m => m.Text)))
        {
            foreach (var pupil in pupils)
            {
                Assert.DoesNotContain(pupil.Iin, text);
                Assert.DoesNotContain(pupil.LastName, text);
                Assert.DoesNotContain(pupil.FirstName, text);
            }
        }

        // The cursor set back over every row: two passes race each other and the silo's own feed, and write nothing twice.
        var (notices, outgoing) = await CountsAsync();
        await api.Db.ExecuteAsync("UPDATE journal_feed SET seq = @s", ("s", cursorBefore));
        var store = api.Services.GetRequiredService<JournalFeedStore>();
        var upTo = await NewestAsync();
        var passes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var written = 0;
            while (await store.PassAsync(upTo, 3, new DateOnly(2026, 11, 27), api.Time.GetUtcNow(), CancellationToken.None) is { } pass)
            {
                written += pass.Notices;
            }
            return written;
        })));
        await FeedCoversTheJournalAsync();
        Assert.Equal(0, passes.Sum());
        Assert.Equal((notices, outgoing), await CountsAsync());
    }

    [Fact]
    public async Task A_row_whose_writer_stalled_past_the_feeds_horizon_is_told_by_the_recheck()
    {
        var data = api.Registry.Data;
        var t = api.Registry.InSchoolClass(1);
        var pupil = t.Roster.First(s => data.StudentParents.Any(p => p.StudentId == s));
        var parent = data.StudentParents.First(p => p.StudentId == pupil).ParentId;
        await SaveAsync(parent, "en", new { marksOn = true });
        var model = await PostAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date = "2026-11-20", kind = "formative", score = 9 } },
        }, $"user={t.TeacherId}; roles=teacher");
        var modelSeq = model.GetProperty("entries")[0].GetProperty("sequence").GetInt64();

        // A writer takes its number, then stalls (a lock wait) until the feed's horizon and cursor have gone past it;
        // its row commits afterwards with a transaction id above the boundary of the segment that held its number.
        var stalled = await api.Db.ScalarAsync<long>("SELECT nextval('journal_seq')");
        await Eventually.MatchesAsync(() => api.Db.ScalarAsync<long>("SELECT seq FROM journal_feed"), seq => seq >= stalled, Patience, "the feed passed the number");
        await api.Db.ExecuteAsync("""
            INSERT INTO journal (seq, academic_year, entry_id, entry_kind, class_id, group_id, organization_id, subject_id, lesson_date, student_id,
                                 mark_kind, score, max_score, author_id, payload_hash)
            SELECT @n, academic_year, gen_random_uuid(), entry_kind, class_id, group_id, organization_id, subject_id, DATE '2026-11-23', student_id,
                   mark_kind, 4, max_score, author_id, payload_hash
            FROM journal WHERE seq = @m
            """, ("n", stalled), ("m", modelSeq));

        // The pass never comes back below its cursor; the recheck of the recent segments tells of it, once.
        var told = await Eventually.MatchesAsync(() => JournalInboxAsync(parent, "en"), inbox => inbox.Any(m => m.Text.Contains("(23.11.2026)")),
            Patience, "the stalled row told");
        Assert.Single(told, m => m.Text.Contains("(23.11.2026)"));
        Assert.Equal(1L, await api.Db.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE journal_seq = @n", ("n", stalled)));
    }

    private async Task SaveAsync(string parent, string language, object channels)
    {
        var response = await api.Http.SendJsonAsync(HttpMethod.Put, "/api/v1/me/notification-channels", channels, ApplicationApiTests.Parent(parent), language);
        Assert.True(response.Status == 204, $"{response.Status} {response.Body}");
    }

    private async Task<JsonElement> PostAsync(string path, object body, string actor)
    {
        var response = await api.Http.PostJsonAsync(path, body, actor);
        Assert.True(response.Status is 200 or 201, $"{path}: {response.Status} {response.Body}");
        return response.Body;
    }

    private async Task<List<(string Kind, string Text, string Link)>> JournalInboxAsync(string parent, string language)
    {
        var inbox = await api.Http.GetJsonAsync("/api/v1/me/notifications", ApplicationApiTests.Parent(parent), language);
        Assert.Equal(200, inbox.Status);
        return [.. inbox.Body.GetProperty("items").EnumerateArray()
            .Select(m => (m.GetProperty("kind").GetString()!, m.GetProperty("text").GetString()!, m.GetProperty("link").GetString()!))
            .Where(m => m.Item1 is "journalMark" or "journalAbsence" or "termMarks")];
    }

    private Task<long> NewestAsync() =>
        api.Db.ScalarAsync<long>("SELECT greatest((SELECT coalesce(max(seq), 0) FROM journal), (SELECT coalesce(max(seq), 0) FROM term_events))");

    /// <summary>Waits for the silo's feed to pass every journal row and term event written so far.</summary>
    private async Task FeedCoversTheJournalAsync()
    {
        var newest = await NewestAsync();
        await Eventually.MatchesAsync(() => api.Db.ScalarAsync<long>("SELECT seq FROM journal_feed"), seq => seq >= newest, Patience, "the feed passed the journal");
    }

    private async Task<(long Notices, long Outgoing)> CountsAsync() =>
        (await api.Db.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE journal_seq IS NOT NULL"),
         await api.Db.ScalarAsync<long>("SELECT count(*) FROM notification_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.journal_seq IS NOT NULL"));
}
