using EduInfo.Domain.Registry;
using System.Text.Json;
using EduInfo.IntegrationTests.Infrastructure;
using Npgsql;
using static EduInfo.IntegrationTests.Security.SecurityHttp;

namespace EduInfo.IntegrationTests.Security;

/// <summary>
/// The audit log: journal writes record their row in the statement that writes the journal rows, reads of personal
/// data and logins are recorded, the log is read-only over HTTP and append-only in PostgreSQL, purged only past the
/// retention period. Callers are named by the development header (each test its own user ids), logins by tokens.
/// </summary>
public sealed class AuditTests(ApiHost api) : IClassFixture<ApiHost>
{
    private sealed record Row(
        long Id, string ActorId, string[] Roles, string? ClientAddress, string Action, string TargetKind, string TargetId,
        string? OrganizationId, string Outcome, JsonElement Detail, string Transaction);

    private async Task<List<Row>> AuditRowsAsync(string where, params (string Name, object Value)[] parameters)
    {
        await using var command = api.Db.DataSource.CreateCommand($"""
            SELECT id, actor_id, roles, client_address, action, target_kind, target_id, organization_id, outcome, detail::text, xmin::text
            FROM audit_log WHERE {where} ORDER BY id
            """);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
                JsonDocument.Parse(reader.GetString(9)).RootElement.Clone(), reader.GetString(10)));
        }
        return rows;
    }

    private Task<long> JournalRows(string classId) => api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", classId));

    private string Organization(DemoRegistry.Teaching t) => api.Registry.OrganizationOf(t.ClassId);

    /// <summary>A teacher through the development header: account <paramref name="user"/>, the registry person, a grant on the school.</summary>
    private string Teacher(string user, DemoRegistry.Teaching t) => $"user={user}; person={t.TeacherId}; roles=teacher@{Organization(t)}";

    private static object Mark(DemoRegistry.Teaching t, int student, int score, Guid? id = null) =>
        new { entryId = id ?? Guid.NewGuid(), studentId = t.Roster[student], subjectId = t.SubjectId, date = "2026-11-16", kind = "formative", score };

    private static long? Long(JsonElement detail, string name) =>
        detail.GetProperty(name).ValueKind == JsonValueKind.Null ? null : detail.GetProperty(name).GetInt64();

    // ---- journal writes --------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_committed_mark_batch_writes_exactly_one_audit_row_in_the_same_statement()
    {
        var t = api.Registry.InClass(0);
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
            new { entries = new[] { Mark(t, 0, 7), Mark(t, 1, 9), Mark(t, 2, 4) } }, Teacher("audit-writer-0", t));
        Assert.Equal(200, response.Status);

        var row = Assert.Single(await AuditRowsAsync("target_id = @c", ("c", t.ClassId)));
        Assert.Equal(("audit-writer-0", "journal.marks.record", "class", t.ClassId), (row.ActorId, row.Action, row.TargetKind, row.TargetId));
        Assert.Equal((Organization(t), "committed"), (row.OrganizationId, row.Outcome));
        Assert.Equal(["teacher"], row.Roles);
        Assert.Equal("127.0.0.1", row.ClientAddress);

        var min = await api.Db.ScalarAsync<long>("SELECT min(seq) FROM journal WHERE class_id = @c", ("c", t.ClassId));
        var max = await api.Db.ScalarAsync<long>("SELECT max(seq) FROM journal WHERE class_id = @c", ("c", t.ClassId));
        Assert.Equal(3, await JournalRows(t.ClassId));
        Assert.Equal(2, max - min); // one statement numbers its rows in a row
        Assert.Equal((3L, 3L, min, max),
            (Long(row.Detail, "entries")!.Value, Long(row.Detail, "inserted")!.Value, Long(row.Detail, "firstSequence"), Long(row.Detail, "lastSequence")));
        var acknowledged = response.Body.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal((min, max), (acknowledged.Min(), acknowledged.Max()));

        // Written by the very transaction that wrote the journal rows.
        var journalTransactions = await api.Db.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT xmin::text, ',') FROM journal WHERE class_id = @c", ("c", t.ClassId));
        Assert.Equal(row.Transaction, journalTransactions);
    }

    [Fact]
    public async Task A_retried_batch_writes_a_second_row_with_nothing_inserted()
    {
        var t = api.Registry.InClass(1);
        var batch = new { entries = new[] { Mark(t, 0, 5), Mark(t, 1, 6) } };
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", batch, Teacher("audit-writer-1", t))).Status);
        var retry = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", batch, Teacher("audit-writer-1", t));
        Assert.Equal(200, retry.Status);
        Assert.Equal(2, retry.Body.GetProperty("duplicates").GetInt32());

        var rows = await AuditRowsAsync("target_id = @c", ("c", t.ClassId));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(("journal.marks.record", "committed", "audit-writer-1"), (r.Action, r.Outcome, r.ActorId)));
        Assert.Equal((2L, 2L), (Long(rows[0].Detail, "entries")!.Value, Long(rows[0].Detail, "inserted")!.Value));
        Assert.Equal((2L, 0L), (Long(rows[1].Detail, "entries")!.Value, Long(rows[1].Detail, "inserted")!.Value));
        Assert.Equal((null, null), (Long(rows[1].Detail, "firstSequence"), Long(rows[1].Detail, "lastSequence")));
        Assert.NotEqual(rows[0].Transaction, rows[1].Transaction);
        Assert.Equal(2, await JournalRows(t.ClassId));
    }

    [Fact]
    public async Task A_conflicting_batch_writes_a_conflict_row_and_no_journal_rows()
    {
        var t = api.Registry.InClass(2);
        var id = Guid.NewGuid();
        Assert.Equal(200, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
            new { entries = new[] { Mark(t, 0, 6, id) } }, Teacher("audit-writer-2", t))).Status);
        var newcomer = Guid.NewGuid();
        var conflict = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks",
            new { entries = new[] { Mark(t, 1, 8, newcomer), Mark(t, 0, 7, id) } }, Teacher("audit-writer-2", t));
        AssertProblem(409, conflict);

        Assert.Equal(1, await JournalRows(t.ClassId));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE entry_id = @e", ("e", newcomer)));
        var rows = await AuditRowsAsync("target_id = @c", ("c", t.ClassId));
        Assert.Equal(["committed", "conflict"], rows.Select(r => r.Outcome));
        var row = rows[1];
        Assert.Equal(("audit-writer-2", "journal.marks.record", Organization(t)), (row.ActorId, row.Action, row.OrganizationId));
        Assert.Equal((2L, 0L), (Long(row.Detail, "entries")!.Value, Long(row.Detail, "inserted")!.Value));
        Assert.Equal((null, null), (Long(row.Detail, "firstSequence"), Long(row.Detail, "lastSequence")));
    }

    [Fact]
    public async Task A_roll_call_is_audited_as_a_lessons_record()
    {
        var t = api.Registry.InClass(3);
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[]
            {
                new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-17", period = 2,
                      absentees = new[] { new { studentId = t.Roster[0], code = "sick" } } },
            },
        }, Teacher("audit-writer-3", t));
        Assert.Equal(200, response.Status);
        var seq = response.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();

        var row = Assert.Single(await AuditRowsAsync("target_id = @c", ("c", t.ClassId)));
        Assert.Equal(("journal.lessons.record", "committed", "audit-writer-3"), (row.Action, row.Outcome, row.ActorId));
        Assert.Equal((1L, 1L, seq, seq),
            (Long(row.Detail, "entries")!.Value, Long(row.Detail, "inserted")!.Value, Long(row.Detail, "firstSequence"), Long(row.Detail, "lastSequence")));
        Assert.Equal(row.Transaction, await api.Db.ScalarAsync<string>("SELECT xmin::text FROM journal WHERE seq = @s", ("s", seq)));
    }

    // ---- reads of personal data ------------------------------------------------------------------------------------

    [Fact]
    public async Task Diary_reads_are_audited_allowed_and_refused_alike()
    {
        var t = api.Registry.InClass(4);
        var student = t.Roster[0];
        var organization = Organization(t);

        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", $"user=audit-head-4; roles=head@{organization}")).Status);
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", Teacher("audit-teacher-4", t))).Status);
        AssertProblem(403, await api.Http.GetJsonAsync($"/api/v1/students/{student}/diary", "user=audit-analyst-4; roles=ministry_analyst@KZ"));

        var rows = await AuditRowsAsync("target_id = @s", ("s", student));
        Assert.Equal(
            [("audit-head-4", "ok"), ("audit-teacher-4", "ok"), ("audit-analyst-4", "denied")],
            rows.Select(r => (r.ActorId, r.Outcome)));
        Assert.All(rows, r => Assert.Equal(("diary.read", "student", organization, "127.0.0.1"), (r.Action, r.TargetKind, r.OrganizationId, r.ClientAddress)));
        Assert.Equal(["head", "teacher", "ministry_analyst"], rows.Select(r => string.Join(",", r.Roles)));
    }

    // ---- reading the log -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Operators_see_the_whole_log_heads_their_organization_others_nothing()
    {
        var a = api.Registry.InClass(5);
        var b = api.Registry.Teachings().First(x => api.Registry.OrganizationOf(x.ClassId) != Organization(a));
        var (orgA, orgB) = (Organization(a), api.Registry.OrganizationOf(b.ClassId));
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{a.Roster[1]}/diary", $"user=audit-head-5; roles=head@{orgA}")).Status);
        AssertProblem(403, await api.Http.GetJsonAsync($"/api/v1/students/{b.Roster[1]}/diary", "user=audit-analyst-5; roles=ministry_analyst@KZ"));
        Assert.Equal(200, (await api.Http.LoginAsync("operator", "demo-operator")).Status); // a row of no organization

        var operatorView = await api.Http.GetJsonAsync("/api/v1/audit?limit=1000", "user=audit-operator-5; roles=operator@KZ");
        Assert.Equal(200, operatorView.Status);
        var all = operatorView.Body.EnumerateArray().ToList();
        Assert.Equal(await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log"), all.Count);
        Assert.Contains(all, r => r.GetProperty("actorId").GetString() == "audit-head-5" && r.GetProperty("organizationId").GetString() == orgA);
        Assert.Contains(all, r => r.GetProperty("actorId").GetString() == "audit-analyst-5" && r.GetProperty("organizationId").GetString() == orgB);
        Assert.Contains(all, r => r.GetProperty("action").GetString() == "auth.login" && r.GetProperty("organizationId").ValueKind == JsonValueKind.Null);
        var ids = all.Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids); // newest first

        var headView = await api.Http.GetJsonAsync("/api/v1/audit?limit=1000", $"user=audit-head-5; roles=head@{orgA}");
        Assert.Equal(200, headView.Status);
        var mine = headView.Body.EnumerateArray().ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, r => Assert.Equal(orgA, r.GetProperty("organizationId").GetString()));
        Assert.Equal(await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE organization_id = @o", ("o", orgA)), mine.Count);
        Assert.Contains(mine, r => r.GetProperty("actorId").GetString() == "audit-head-5");
        Assert.DoesNotContain(mine, r => r.GetProperty("actorId").GetString() == "audit-analyst-5");

        // a filter does not widen a head's view
        var widened = await api.Http.GetJsonAsync($"/api/v1/audit?targetId={b.Roster[1]}", $"user=audit-head-5; roles=head@{orgA}");
        Assert.Equal(200, widened.Status);
        Assert.Empty(widened.Body.EnumerateArray());

        foreach (var refused in new[]
        {
            $"user=audit-teacher-5; person={a.TeacherId}; roles=teacher@{orgA}",
            "user=audit-analyst-5; roles=ministry_analyst@KZ",
            $"user=audit-class-teacher-5; roles=class_teacher@{a.ClassId}",
            $"user=audit-officer-5; roles=district_officer@{api.Registry.Data.Organizations.Single(o => o.Id == orgA).NodeId}",
            $"user={a.Roster[1]}; roles=student@{a.Roster[1]}",
        })
        {
            AssertProblem(403, await api.Http.GetJsonAsync("/api/v1/audit", refused));
        }
        AssertProblem(401, await api.Http.GetJsonAsync("/api/v1/audit", actor: null));
    }

    [Fact]
    public async Task No_endpoint_changes_the_audit_log()
    {
        const string Operator = "user=audit-operator-6; roles=operator@KZ";
        Assert.Equal(200, (await api.Http.LoginAsync("class.teacher", "demo-class-teacher")).Status);
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log");
        var last = await api.Db.ScalarAsync<long>("SELECT max(id) FROM audit_log");
        var snapshot = await api.Db.ScalarAsync<string>("SELECT string_agg(a::text, E'\\n' ORDER BY id) FROM audit_log a");

        var body = new { actorId = "someone", outcome = "ok" };
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Post })
        {
            var response = await api.Http.SendJsonAsync(method, "/api/v1/audit", body, Operator);
            Assert.True(response.Status is 404 or 405, $"{method} /api/v1/audit answered {response.Status}");
            AssertProblem(response.Status, response);
        }
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            var response = await api.Http.SendJsonAsync(method, $"/api/v1/audit/{last}", body, Operator);
            Assert.True(response.Status is 404 or 405, $"{method} /api/v1/audit/{{id}} answered {response.Status}");
            AssertProblem(response.Status, response);
        }
        Assert.Equal(before, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log"));
        Assert.Equal(snapshot, await api.Db.ScalarAsync<string>("SELECT string_agg(a::text, E'\\n' ORDER BY id) FROM audit_log a WHERE id <= @l", ("l", last)));
    }

    // ---- the table itself ------------------------------------------------------------------------------------------

    private async Task<long> InsertAsync(string actor, string at = "now()")
    {
        await using var command = api.Db.DataSource.CreateCommand($"""
            INSERT INTO audit_log (at, actor_id, roles, action, target_kind, target_id, outcome)
            VALUES ({at}, @a, ARRAY['operator'], 'test.row', 'test', @a, 'ok') RETURNING id
            """);
        command.Parameters.AddWithValue("a", actor);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_database_refuses_updates_and_deletes_of_audit_rows()
    {
        var id = await InsertAsync("audit-db-7");
        foreach (var sql in new[]
        {
            "UPDATE audit_log SET outcome = 'denied' WHERE id = @id",
            "UPDATE audit_log SET actor_id = 'someone-else' WHERE id = @id",
            "DELETE FROM audit_log WHERE id = @id",
            "DELETE FROM audit_log WHERE at < now() + interval '1 day'",
        })
        {
            await using var command = api.Db.DataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("id", id);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        var row = Assert.Single(await AuditRowsAsync("id = @id", ("id", id)));
        Assert.Equal(("audit-db-7", "ok"), (row.ActorId, row.Outcome));
    }

    [Fact]
    public async Task The_purge_removes_only_rows_older_than_the_retention()
    {
        var old = await InsertAsync("audit-purge-old", "now() - interval '4 years'");
        var almost = await InsertAsync("audit-purge-almost", "now() - interval '2 years 11 months'");
        var fresh = await InsertAsync("audit-purge-fresh");
        var before = await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log");

        await using (var connection = await api.Db.DataSource.OpenConnectionAsync())
        {
            await using var purge = new NpgsqlCommand("SELECT audit_log_purge(interval '3 years')", connection);
            Assert.Equal(1L, (long)(await purge.ExecuteScalarAsync())!);

            // The purge's permission ends with it: the same session still cannot delete.
            await using var delete = new NpgsqlCommand("DELETE FROM audit_log WHERE id = @id", connection);
            delete.Parameters.AddWithValue("id", fresh);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).SqlState);

            // Nor the rest of a transaction that purged.
            await using var transaction = await connection.BeginTransactionAsync();
            await using var purgeAgain = new NpgsqlCommand("SELECT audit_log_purge(interval '3 years')", connection, transaction);
            Assert.Equal(0L, (long)(await purgeAgain.ExecuteScalarAsync())!);
            await using var deleteInTransaction = new NpgsqlCommand("DELETE FROM audit_log WHERE id = @id", connection, transaction);
            deleteInTransaction.Parameters.AddWithValue("id", fresh);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => deleteInTransaction.ExecuteNonQueryAsync())).SqlState);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await AuditRowsAsync("id = @id", ("id", old)));
        Assert.Single(await AuditRowsAsync("id = @id", ("id", almost)));
        Assert.Single(await AuditRowsAsync("id = @id", ("id", fresh)));
        Assert.Equal(before - 1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log"));
    }

    // ---- logins ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Logins_are_audited_without_passwords_logins_or_IINs()
    {
        var ghost = "ghost-" + Guid.NewGuid().ToString("N")[..8];
        var ghostPassword = "ghost-password-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(200, (await api.Http.LoginAsync("analyst", "demo-analyst")).Status);
        AssertProblem(401, await api.Http.LoginAsync("student", "wrong-password-student"));
        for (var i = 1; i <= 5; i++)
        {
            AssertProblem(401, await api.Http.LoginAsync("district.officer", $"wrong-password-{i}"));
        }
        AssertProblem(401, await api.Http.LoginAsync("district.officer", "demo-district-officer"));
        AssertProblem(401, await api.Http.LoginAsync(ghost, ghostPassword));

        var logins = await AuditRowsAsync("action = 'auth.login'");
        Assert.All(logins, r => Assert.Equal(("account", "127.0.0.1"), (r.TargetKind, r.ClientAddress)));
        Assert.All(logins, r => Assert.Equal(r.ActorId, r.TargetId));

        var analyst = Assert.Single(logins, r => r.ActorId == "U-analyst");
        Assert.Equal("ok", analyst.Outcome);
        Assert.Equal(["ministry_analyst"], analyst.Roles);
        Assert.Equal(["refused-password"], logins.Where(r => r.ActorId == "U-student").Select(r => r.Outcome));
        Assert.Equal(
            ["refused-password", "refused-password", "refused-password", "refused-password", "refused-password", "refused-locked"],
            logins.Where(r => r.ActorId == "U-district.officer").Select(r => r.Outcome));
        var unknown = Assert.Single(logins, r => r.Outcome == "refused-unknown-login");
        Assert.Equal(("unknown", "unknown"), (unknown.ActorId, unknown.TargetId));
        Assert.Empty(unknown.Roles);

        // Nothing secret or identifying anywhere in the log.
        var everything = await api.Db.ScalarAsync<string>("SELECT coalesce(string_agg(a::text, E'\\n'), '') FROM audit_log a");
        string[] secrets = ["demo-analyst", "demo-district-officer", "wrong-password", ghost, ghostPassword];
        Assert.All(secrets, s => Assert.DoesNotContain(s, everything, StringComparison.Ordinal));
        var iins = api.Registry.Data.Students.Select(s => s.Iin)
            .Concat(api.Registry.Data.Parents.Select(p => p.Iin))
            .Concat(api.Registry.Data.Teachers.Select(t => t.Iin))
            .ToList();
        Assert.NotEmpty(iins);
        Assert.All(iins, iin => Assert.DoesNotContain(iin, everything, StringComparison.Ordinal));
        string[] loginNames = ["analyst", "student", "district.officer", ghost];
        Assert.Equal(0, await api.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor_id = ANY (@l) OR target_id = ANY (@l)", ("l", loginNames)));
    }

    // ---- forums (issue 23) -------------------------------------------------------------------------------------------

    /// <summary>
    /// Every forum write records one audit row — who, which action, the forum — in the write's own transaction; a
    /// moderator's edit names the post and the version replaced, never the text; no name or IIN of the author.
    /// </summary>
    [Fact]
    public async Task Every_forum_write_records_one_row_in_its_own_transaction_without_the_authors_name()
    {
        var school = api.Registry.Data.Organizations.Where(o => o.Kind == "school").OrderBy(o => o.Id).Last().Id;
        var officer = $"user=audit-forum-officer; roles=district_officer@{api.Registry.Data.Organizations.Single(o => o.Id == school).NodeId}";
        var parentId = api.Registry.Data.StudentParents.OrderBy(p => p.ParentId).Last().ParentId;
        var parent = $"user=audit-forum-parent; person={parentId}; roles=parent@{parentId}";
        var forum = $"/api/v1/forums/{school}";
        var thread = Guid.NewGuid();
        async Task Expect(int status, Task<(int Status, JsonElement Body, string? ContentType)> call)
        {
            var response = await call;
            Assert.True(response.Status == status, $"{response.Status} {response.Body}");
        }
        await Expect(201, api.Http.PostJsonAsync($"{forum}/threads", new { threadId = thread, title = "Аудит", body = "Сұрақ" }, parent));
        await Expect(200, api.Http.PostJsonAsync($"{forum}/posts/{thread}/moderation", new { action = "approve" }, officer));
        var reply = Guid.NewGuid();
        await Expect(201, api.Http.PostJsonAsync($"{forum}/threads/{thread}/posts", new { postId = reply, body = "Тағы бір сұрақ" }, parent));
        await Expect(200, api.Http.PostJsonAsync($"{forum}/posts/{thread}/reports", new { reason = "other" }, officer));
        await Expect(200, api.Http.PostJsonAsync($"{forum}/posts/{reply}/moderation", new { action = "edit", reason = "Түзету", body = "Түзетілген" }, officer));
        await Expect(200, api.Http.PostJsonAsync($"{forum}/posts/{reply}/block", new { blocked = true, reason = "Сынақ" }, officer));
        await Expect(204, api.Http.SendJsonAsync(HttpMethod.Put, $"{forum}/settings", new { moderation = "post" }, officer));
        await Expect(200, api.Http.PostJsonAsync($"{forum}/threads/{thread}/close", new { }, officer));

        var rows = await AuditRowsAsync("target_kind = 'forum' AND target_id = @f", ("f", school));
        Assert.Equal(["forum.ask", "forum.approve", "forum.reply", "forum.report", "forum.edit", "forum.block", "forum.settings", "forum.close"],
            rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((school, "committed", "127.0.0.1"), (r.OrganizationId, r.Outcome, r.ClientAddress)));
        Assert.Equal(["audit-forum-parent", "audit-forum-officer", "audit-forum-parent"], rows.Take(3).Select(r => r.ActorId));
        // The close and its audit row in one transaction (the thread's last change), the edit and its revision too.
        Assert.Equal(rows[7].Transaction, await api.Db.ScalarAsync<string>("SELECT xmin::text FROM forum_threads WHERE id = @t", ("t", thread)));
        Assert.Equal(rows[4].Transaction, await api.Db.ScalarAsync<string>("SELECT xmin::text FROM forum_post_revisions WHERE post_id = @p", ("p", reply)));
        Assert.Equal((reply.ToString(), 1L), (rows[4].Detail.GetProperty("postId").GetString(), rows[4].Detail.GetProperty("version").GetInt64()));
        var text = string.Join('\n', rows.Select(r => r.Detail.ToString()));
        var person = api.Registry.Data.Parents.Single(p => p.Id == parentId);
        Assert.DoesNotContain(person.LastName, text);
        Assert.DoesNotContain(person.Iin, text);
        Assert.DoesNotContain("Тағы бір сұрақ", text);
    }

    /// <summary>
    /// Every material write records one audit row — who, which action, the material — in the write's own transaction;
    /// ids, states and counts only: no name of the author, no text of a comment.
    /// </summary>
    [Fact]
    public async Task Every_material_write_records_one_row_in_its_own_transaction_without_the_authors_name()
    {
        var teacher = api.Registry.Data.Teachers.OrderBy(t => t.Id, StringComparer.Ordinal).Skip(5).First();
        var district = api.Registry.Data.Organizations.Single(o => o.Id == teacher.OrganizationId).NodeId;
        var author = $"user=audit-material-author; person={teacher.Id}; roles=teacher@{teacher.OrganizationId}";
        var officer = $"user=audit-material-officer; roles=district_officer@{district}";
        var material = Guid.NewGuid();
        var comment = Guid.NewGuid();
        async Task Expect(int status, Task<(int Status, JsonElement Body, string? ContentType)> call)
        {
            var response = await call;
            Assert.True(response.Status == status, $"{response.Status} {response.Body}");
        }
        await Expect(201, api.Http.PostJsonAsync($"/api/v1/materials?materialId={material}",
            new { title = "Аудит жоспары", summary = "Қысқаша", body = "Мәтін", subjectId = "MAT", grade = 5, language = "kk" }, author));
        await Expect(200, api.Http.PostJsonAsync($"/api/v1/materials/{material}/submission", null, author));
        await Expect(200, api.Http.PostJsonAsync($"/api/v1/materials/{material}/review", new { action = "publish" }, officer));
        await Expect(201, api.Http.PostJsonAsync($"/api/v1/materials/{material}/comments", new { commentId = comment, body = "Аудиттің пікірі" }, officer));
        await Expect(200, api.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/materials/{material}/rating", new { stars = 4 }, officer));
        await Expect(200, api.Http.PostJsonAsync($"/api/v1/materials/{material}/comments/{comment}/moderation", new { action = "reject", reason = "Сынақ" }, officer));

        var rows = await AuditRowsAsync("target_kind = 'material' AND target_id = @m", ("m", material.ToString()));
        Assert.Equal(["material.create", "material.submit", "material.publish", "material.comment", "material.rate", "material.moderate"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(("committed", "127.0.0.1"), (r.Outcome, r.ClientAddress)));
        Assert.Equal(["audit-material-author", "audit-material-author", "audit-material-officer"], rows.Take(3).Select(r => r.ActorId));
        Assert.All(rows.Take(3), r => Assert.Equal(teacher.OrganizationId, r.OrganizationId));
        // The publication, the rating and the moderation each with its audit row in one transaction.
        Assert.Equal(rows[2].Transaction, await api.Db.ScalarAsync<string>("SELECT xmin::text FROM materials WHERE id = @m", ("m", material)));
        Assert.Equal(rows[4].Transaction, await api.Db.ScalarAsync<string>("SELECT xmin::text FROM material_ratings WHERE material_id = @m", ("m", material)));
        Assert.Equal(rows[5].Transaction, await api.Db.ScalarAsync<string>("SELECT xmin::text FROM material_comments WHERE id = @c", ("c", comment)));
        var text = string.Join('\n', rows.Select(r => r.Detail.ToString()));
        Assert.DoesNotContain(teacher.LastName, text);
        Assert.DoesNotContain(teacher.Iin, text);
        Assert.DoesNotContain("Аудиттің пікірі", text);
    }
}
