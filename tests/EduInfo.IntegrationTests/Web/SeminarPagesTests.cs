using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.IntegrationTests.Web.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduInfo.IntegrationTests.Web;

/// <summary>
/// The seminar pages (issue 24) in a real browser: a teacher finds a full seminar in the catalogue in Kazakh and joins
/// its waiting list; the seated teacher withdraws and the waiting one moves up; the district's officer, in Russian, reads
/// the participants and the waiting list and the area's participation by organization. axe on every page.
/// </summary>
public sealed class SeminarPagesTests(BrowserFixture browser, WebHost web, ITestOutputHelper output) : BrowserTest(browser, web, output)
{
    private async Task SignInAsAsync(string login)
    {
        await Session.Context.ClearCookiesAsync();
        var account = Web.Account(login);
        await Session.SignInAsync(account.Login, account.Password);
    }

    [Fact]
    public async Task A_teacher_joins_the_waiting_list_of_a_full_seminar_and_moves_up_when_a_seat_comes_free()
    {
        var officer = Web.Account("district.officer");
        var teacherId = await Web.Db.ScalarAsync<string>("SELECT person_id FROM users WHERE login = 'teacher'");
        var school = Web.Registry.Data.Teachers.Single(t => t.Id == teacherId).OrganizationId;
        var seated = Web.Registry.Data.Teachers.First(t => t.OrganizationId == school && t.Id != teacherId);
        var officerHeader = $"user=seminar-page-officer; roles=district_officer@{officer.ScopeId}";
        var startsAt = Web.Clock.UtcNow.AddDays(4);
        var created = await Web.Http.PostJsonAsync("/api/v1/seminars", new
        {
            organizerId = officer.ScopeId, topic = "Жиынтық бағалау тапсырмаларын құрастыру", description = "Практикум, дескрипторлармен.",
            audience = "teachers", language = "kk", startsAt, endsAt = startsAt.AddHours(3), place = "Әдістемелік кабинет, 2-қабат",
            onlineLink = "https://meet.example.kz/seminar", capacity = 1,
        }, officerHeader);
        Assert.True(created.Status == 201, $"{created.Status} {created.Body}");
        var seminar = created.Body.GetProperty("id").GetGuid();
        var seatedHeader = $"user=U-{seated.Id}; person={seated.Id}; roles=teacher@{school}";
        Assert.Equal(201, (await Web.Http.PostJsonAsync($"/api/v1/seminars/{seminar}/registrations", null, seatedHeader)).Status);

        // The teacher, in Kazakh: the catalogue says it is full; the seminar page offers the waiting list.
        await SignInAsAsync("teacher");
        await Session.OpenAsync("/seminars?audience=teachers&lang=kk");
        var card = Page.Locator($"li[data-seminar='{seminar}']");
        await Assertions.Expect(card.Locator(".seats")).ToHaveAttributeAsync("data-seats-left", "0");
        await Assertions.Expect(card.Locator(".seats")).ToHaveTextAsync("Орын жоқ, күту тізімінде: 0");
        await Session.CheckPageAsync("seminars", Output);
        await Session.OpenAsync($"/seminars/{seminar}?lang=kk");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Жиынтық бағалау тапсырмаларын құрастыру");
        await Assertions.Expect(Page.Locator("form[data-form=register] button")).ToHaveTextAsync("Күту тізіміне жазылу");
        await Page.ClickAsync("form[data-form=register] button");
        await Assertions.Expect(Page.Locator("[data-notice=waiting]")).ToHaveTextAsync("Орын жоқ: сіз күту тізімінде 1-орындасыз. Орын босаса, хабарлаймыз.");
        await Assertions.Expect(Page.Locator("[data-my-seat]")).ToHaveAttributeAsync("data-my-seat", "waiting");
        await Assertions.Expect(Page.Locator("[data-my-seat]")).ToHaveTextAsync("Сіз күту тізімінде 1-орындасыз.");
        // The organizers' list is not the teacher's to see.
        await Assertions.Expect(Page.Locator("#participants-title")).ToHaveCountAsync(0);
        await Session.CheckPageAsync("seminar-waiting", Output);

        // The seated teacher withdraws: the seat is the waiting teacher's, and the page says so.
        Assert.Equal(204, (await Web.Http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/seminars/{seminar}/registrations/me", null, seatedHeader)).Status);
        await Session.OpenAsync($"/seminars/{seminar}?lang=kk");
        await Assertions.Expect(Page.Locator("[data-my-seat]")).ToHaveAttributeAsync("data-my-seat", "seated");
        await Assertions.Expect(Page.Locator("[data-my-seat]")).ToHaveTextAsync("Орын сізде.");
        var inbox = await Web.Http.GetJsonAsync("/api/v1/me/notifications", $"user=U-{teacherId}; person={teacherId}; roles=teacher@{school}", "kk");
        Assert.Contains(inbox.Body.GetProperty("items").EnumerateArray(), i => i.GetProperty("link").GetString() == $"/seminars/{seminar}");

        // The district's officer, in Russian: the participants (the teacher seated, nobody waiting) and the sheet closed until the start.
        await SignInAsAsync("district.officer");
        await Session.OpenAsync($"/seminars/{seminar}?lang=ru");
        await Assertions.Expect(Page.Locator($"tr[data-participant='{teacherId}']")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("ol.waiting-list li")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("form[data-form=attendance] .note")).ToHaveTextAsync("Посещаемость отмечается с начала семинара в течение 30 дней.");
        await Session.CheckPageAsync("seminar-organizer", Output);
        await Session.OpenAsync($"/nodes/{officer.ScopeId}/seminar-participation?lang=ru");
        var row = Page.Locator($"tr[data-organization='{school}']");
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("1");
        await Session.CheckPageAsync("seminar-participation", Output);
    }
}
