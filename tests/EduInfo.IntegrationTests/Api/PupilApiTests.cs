using EduInfo.Domain.Registry;
using EduInfo.IntegrationTests.Infrastructure;

namespace EduInfo.IntegrationTests.Api;

/// <summary>
/// Pupils and parents kept by the school over the real HTTP pipeline and PostgreSQL (issue 18): a pupil enrolled
/// mid-year counts from that day, an IIN enrolled anywhere is refused with the transfer to use, leaving before rows the
/// journal holds is refused naming them, corrections and parent links are audited.
/// </summary>
public sealed class PupilApiTests(ApiHost api) : IClassFixture<ApiHost>
{
    /// <summary>
    /// A valid IIN nobody holds yet: a random birth day in 2010–2017 (or the one given) and a random serial, never one
    /// this test process has handed out before. A fixed day leaves about 9,000 serials, and the tests share one
    /// database: by chance alone two claims of the same child would meet often enough to fail a run.
    /// </summary>
    internal static string FreshIin(string? yymmdd = null, char centurySex = '5')
    {
        while (true)
        {
            var day = yymmdd ?? new DateOnly(2010, 1, 1).AddDays(Random.Shared.Next(8 * 365)).ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            var first11 = $"{day}{centurySex}{Random.Shared.Next(10000):D4}";
            if (Iin.CheckDigit(first11) is { } check && PupilRules.BirthDateOf(first11 + check) is not null && Issued.TryAdd(first11 + check, 0))
            {
                return first11 + check;
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Issued = new();

    /// <summary>An enrolment body for the IIN: the birth date and sex it encodes, Kazakh names.</summary>
    internal static object Pupil(string iin, string date = "2026-11-16", string last = "Сәрсенбаев", string first = "Әлихан") =>
        new { iin, lastName = last, firstName = first, birthDate = PupilRules.BirthDateOf(iin)!.Value.ToString("yyyy-MM-dd"), sex = PupilRules.SexOf(iin).ToString().ToLowerInvariant(), date };

    [Fact]
    public async Task A_pupil_enrolled_mid_year_counts_from_that_day_and_leaves_only_after_their_last_row()
    {
        var t = api.Registry.InClass(3);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var head = $"user=pupil-head; roles=head@{organization}";
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var iin = FreshIin();
        var before = await StudentsAsync(t.ClassId);

        var enrolled = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils", Pupil(iin), head);
        Assert.True(enrolled.Status == 201, $"{enrolled.Status} {enrolled.Body}");
        var pupil = enrolled.Body.GetProperty("studentId").GetString()!;
        await Eventually.MatchesAsync(() => StudentsAsync(t.ClassId), n => n == before + 1, TimeSpan.FromSeconds(20), "the class counts the new pupil");
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'pupil.enrol' AND target_id = @s AND outcome = 'committed'", ("s", pupil)));
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE detail::text LIKE '%' || @iin || '%'", ("iin", iin)));

        // The roster follows the date: a mark from that day on, none before it.
        var mark = (string date) => new { entries = new[] { new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date, kind = "formative", score = 7 } } };
        var early = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", mark("2026-11-13"), teacher);
        Assert.Equal("studentNotInClass", early.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        var written = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", mark("2026-11-18"), teacher);
        Assert.True(written.Status == 200, $"{written.Status} {written.Body}");
        var sequence = written.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();

        // The same person cannot be enrolled a second time, here or anywhere: the transfer is named instead.
        var other = api.Registry.Data.Classes.First(c => c.OrganizationId == organization && c.Id != t.ClassId).Id;
        var twice = await api.Http.PostJsonAsync($"/api/v1/classes/{other}/pupils", Pupil(iin, last: "Басқа", first: "Адам"), head, acceptLanguage: "ru");
        Assert.True(twice.Status == 409, $"{twice.Status} {twice.Body}");
        Assert.Equal("https://eduinfo.kz/problems/pupil-enrolled", twice.Body.GetProperty("type").GetString());
        Assert.Equal($"/api/v1/students/{pupil}/transfers", twice.Body.GetProperty("transfer").GetString());
        Assert.Equal("alreadyEnrolled", twice.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students WHERE iin = @iin", ("iin", iin)));
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM enrolments WHERE student_id = @s", ("s", pupil)));

        // Leaving before the mark would orphan it: refused, the row named by its sequence number, nothing written.
        var leaveEarly = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/leaving", new { date = "2026-11-17", reason = "Moved to Almaty" }, head);
        Assert.True(leaveEarly.Status == 409, $"{leaveEarly.Status} {leaveEarly.Body}");
        var error = leaveEarly.Body.GetProperty("errors")[0];
        Assert.Equal("journalRowsAfterDate", error.GetProperty("code").GetString());
        Assert.Contains(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), error.GetProperty("message").GetString());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM enrolments WHERE student_id = @s AND to_date IS NULL", ("s", pupil)));

        var left = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/leaving", new { date = "2026-11-20", reason = "Moved to Almaty" }, head);
        Assert.True(left.Status == 200, $"{left.Status} {left.Body}");
        await Eventually.MatchesAsync(() => StudentsAsync(t.ClassId), n => n == before, TimeSpan.FromSeconds(20), "the class no longer counts the pupil who left");
        Assert.Equal(new DateOnly(2026, 11, 20), await api.Db.ScalarAsync<DateOnly>("SELECT to_date FROM enrolments WHERE student_id = @s", ("s", pupil)));

        // Gone from this school, the same person returns as themselves after their last day, never as a second person.
        var back = await api.Http.PostJsonAsync($"/api/v1/classes/{other}/pupils", Pupil(iin, date: "2026-11-23"), head);
        Assert.True(back.Status == 201, $"{back.Status} {back.Body}");
        Assert.Equal(pupil, back.Body.GetProperty("studentId").GetString());

        // A head of another school may neither enrol into this class nor touch the pupil; the refusal is audited.
        var stranger = $"user=pupil-stranger; roles=head@{api.Registry.Data.Organizations.First(o => o.Kind == "school" && o.Id != organization).Id}";
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils", Pupil(FreshIin()), stranger)).Status);
        Assert.Equal(403, (await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/corrections", new { lastName = "Басқа", reason = "x" }, stranger)).Status);
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor_id = 'pupil-stranger' AND action = 'pupil.correct' AND outcome = 'denied'"));
    }

    [Fact]
    public async Task A_backdated_enrolment_over_past_roll_calls_taken_without_the_pupil_is_refused_naming_them()
    {
        var t = api.Registry.InClass(7);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var head = $"user=pupil-head; roles=head@{organization}";
        var lesson = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/lessons", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), subjectId = t.SubjectId, date = "2026-11-18", period = 2, absentees = Array.Empty<object>() } },
        }, $"user={t.TeacherId}; roles=teacher");
        Assert.True(lesson.Status == 200, $"{lesson.Status} {lesson.Body}");
        var sequence = lesson.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        var iin = FreshIin();

        var refused = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils", Pupil(iin, date: "2026-11-16"), head, acceptLanguage: "ru");
        Assert.True(refused.Status == 409, $"{refused.Status} {refused.Body}");
        var error = refused.Body.GetProperty("errors")[0];
        Assert.Equal("rollCallsBeforeEnrolment", error.GetProperty("code").GetString());
        Assert.Contains(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), error.GetProperty("message").GetString());
        Assert.Contains("2026-11-19", error.GetProperty("message").GetString());
        Assert.Equal(0, await api.Db.ScalarAsync<long>("SELECT count(*) FROM students WHERE iin = @iin", ("iin", iin)));

        // From the day after that roll-call the pupil's seats are all in roll-calls still to come.
        var enrolled = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils", Pupil(iin, date: "2026-11-19"), head);
        Assert.True(enrolled.Status == 201, $"{enrolled.Status} {enrolled.Body}");
    }

    [Fact]
    public async Task A_mark_voided_after_the_day_no_longer_holds_a_leaving_back()
    {
        var t = api.Registry.InClass(9);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var head = $"user=pupil-head; roles=head@{organization}";
        var teacher = $"user={t.TeacherId}; roles=teacher";
        var enrolled = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils", Pupil(FreshIin()), head);
        Assert.True(enrolled.Status == 201, $"{enrolled.Status} {enrolled.Body}");
        var pupil = enrolled.Body.GetProperty("studentId").GetString()!;
        // The enrolment answered after the class reloaded its roster: the mark of the new pupil is taken at once.
        var mark = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/marks", new
        {
            entries = new[] { new { entryId = Guid.NewGuid(), studentId = pupil, subjectId = t.SubjectId, date = "2026-11-18", kind = "formative", score = 6 } },
        }, teacher);
        Assert.True(mark.Status == 200, $"{mark.Status} {mark.Body}");
        var sequence = mark.Body.GetProperty("entries")[0].GetProperty("sequence").GetInt64();
        Assert.Equal(409, (await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/leaving", new { date = "2026-11-17", reason = "Moved" }, head)).Status);
        var voided = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/corrections",
            new { entryId = Guid.NewGuid(), supersedes = sequence, action = "void", reason = "Entered for the wrong pupil" }, teacher);
        Assert.True(voided.Status == 200, $"{voided.Status} {voided.Body}");

        var left = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/leaving", new { date = "2026-11-17", reason = "Moved" }, head);
        Assert.True(left.Status == 200, $"{left.Status} {left.Body}");
    }

    [Fact]
    public async Task A_correction_is_audited_old_to_new_without_the_iin()
    {
        var t = api.Registry.InClass(4);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var head = $"user=correcting-head; roles=head@{organization}";
        var iin = FreshIin("150314");
        var pupil = (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils", Pupil(iin, first: "Алихан"), head)).Body.GetProperty("studentId").GetString()!;

        var corrected = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/corrections", new { firstName = "Әлихан", middleName = "Ержанұлы", reason = "Birth certificate spelling" }, head);
        Assert.True(corrected.Status == 200, $"{corrected.Status} {corrected.Body}");
        Assert.Equal("Әлихан", await api.Db.ScalarAsync<string>("SELECT first_name FROM students WHERE id = @s", ("s", pupil)));
        var detail = await api.Db.ScalarAsync<string>("SELECT detail::text FROM audit_log WHERE action = 'pupil.correct' AND target_id = @s", ("s", pupil));
        Assert.Contains("Алихан", detail);
        Assert.Contains("Әлихан", detail);
        Assert.Contains("Birth certificate spelling", detail);
        Assert.DoesNotContain(iin, detail);

        // A birth date the IIN does not encode, and a right-to-left override, are refused in the caller's language.
        var wrongDate = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/corrections", new { birthDate = "2015-03-15", reason = "x" }, head, acceptLanguage: "kk");
        Assert.Equal(400, wrongDate.Status);
        Assert.Equal("iinBirthDateMismatch", wrongDate.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        var bidi = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/corrections", new { lastName = "Сәрсен\u202Eбаев", reason = "x" }, head);
        Assert.Equal("nameInvalid", bidi.Body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'pupil.correct' AND target_id = @s", ("s", pupil)));
    }

    [Fact]
    public async Task A_parent_linked_against_a_document_reads_the_diary_until_unlinked()
    {
        var t = api.Registry.InClass(5);
        var organization = api.Registry.Data.Classes.Single(c => c.Id == t.ClassId).OrganizationId;
        var district = api.Registry.Data.Organizations.Single(o => o.Id == organization).NodeId;
        var officer = $"user=linking-officer; roles=district_officer@{district}";
        var pupil = (await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils", Pupil(FreshIin()), officer)).Body.GetProperty("studentId").GetString()!;
        var motherIin = FreshIin(centurySex: '4');

        var linked = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/parents", new
        {
            iin = motherIin, lastName = "Сәрсенбаева", firstName = "Гүлнар", relation = "mother", from = "2026-11-16",
            documentKind = "birthCertificate", documentNumber = "I-АЛ № 0123456",
        }, officer);
        Assert.True(linked.Status == 200, $"{linked.Status} {linked.Body}");
        var parent = linked.Body.GetProperty("parentId").GetString()!;
        var mother = $"user=mother-{parent}; person={parent}; roles=parent@{parent}";
        Assert.Equal(200, (await api.Http.GetJsonAsync($"/api/v1/students/{pupil}/diary", mother)).Status);
        Assert.Equal("birthCertificate", await api.Db.ScalarAsync<string>("SELECT document_kind FROM student_parents WHERE parent_id = @p", ("p", parent)));
        var detail = await api.Db.ScalarAsync<string>("SELECT detail::text FROM audit_log WHERE action = 'parent.link' AND target_id = @s", ("s", pupil));
        Assert.DoesNotContain("0123456", detail);
        Assert.DoesNotContain(motherIin, detail);

        var again = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/parents", new
        {
            iin = motherIin, relation = "mother", from = "2026-11-17", documentKind = "birthCertificate", documentNumber = "I-АЛ 0123456",
        }, officer);
        Assert.Equal(409, again.Status);
        Assert.Equal("alreadyLinked", again.Body.GetProperty("errors")[0].GetProperty("code").GetString());

        var unlinked = await api.Http.PostJsonAsync($"/api/v1/students/{pupil}/parents/{parent}/unlink", new { date = "2026-11-20", reason = "Court decision" }, officer);
        Assert.True(unlinked.Status == 200, $"{unlinked.Status} {unlinked.Body}");
        Assert.Equal(403, (await api.Http.GetJsonAsync($"/api/v1/students/{pupil}/diary", mother)).Status);
        Assert.Equal(1, await api.Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'parent.unlink' AND target_id = @s", ("s", pupil)));
    }

    [Theory]
    [InlineData("Kazakh Cyrillic", "Өмірзақова", "Іңкәр")]
    [InlineData("Russian Cyrillic", "Ёлкина-Щукина", "Анна")]
    [InlineData("Latin", "O'Neil", "Ünal")]
    public async Task Names_are_kept_as_written_in_every_script(string script, string last, string first)
    {
        var t = api.Registry.InClass(6);
        var response = await api.Http.PostJsonAsync($"/api/v1/classes/{t.ClassId}/pupils",
            new { iin = FreshIin("150314", '6'), lastName = last, firstName = first, birthDate = "2015-03-14", sex = "female", date = "2026-11-16" },
            $"user=op; roles=operator@KZ");
        Assert.True(response.Status == 201, $"{script}: {response.Status} {response.Body}");
        Assert.Equal(last, await api.Db.ScalarAsync<string>("SELECT last_name FROM students WHERE id = @s", ("s", response.Body.GetProperty("studentId").GetString()!)));
    }

    private async Task<long> StudentsAsync(string classId) =>
        (await api.Http.GetJsonAsync($"/api/v1/nodes/{classId}/summary")).Body.GetProperty("figures").GetProperty("students").GetInt64();
}
