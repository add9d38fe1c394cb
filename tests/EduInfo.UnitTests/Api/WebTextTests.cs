using System.Text.RegularExpressions;
using EduInfo.Api.Web;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Localization;

namespace EduInfo.UnitTests.Api;

/// <summary>
/// Every text a page shows comes from the one catalogue (messages.json) and exists there: the keys are read from the
/// pages' sources, and a key built from a value (T[$"web.refusal.{Kind}.title"]) is expanded over every value of its
/// enumeration. <see cref="LocalizationTests"/> then checks each key has kk, ru and en.
/// </summary>
public sealed partial class WebTextTests
{
    // How the pages build keys from values: the prefix of an interpolated key → every value it can take.
    private static readonly Dictionary<string, IEnumerable<string>> Expansions = new()
    {
        ["web.refusal."] = Enum.GetNames<RefusalKind>(),
        ["web.open.children."] = Enum.GetNames<NodeKind>(),
        ["rating.level."] = ["regions", "districts", "schools"],
        ["web.signin.notice."] = Enum.GetNames<SignInNotice>(),
        ["web.attendance."] = Enum.GetNames<EduInfo.Domain.Journal.AbsenceCode>().Append("OnTime"),
        ["web.figures.group."] = Enum.GetNames<KpiGroupKind>(),
        ["web.figures.headcount."] = Enum.GetNames<KpiGroupKind>(),
        ["web.desk.notice."] = Enum.GetNames<DeskNotice>(),
        ["web.desk.ground."] = Enum.GetValues<EduInfo.Domain.Journal.ExemptionGround>().Select(EduInfo.Domain.Journal.JournalNames.Of),
        ["web.trend.metric."] = Enum.GetNames<EduInfo.Domain.Trends.TrendMetric>(),
        ["web.desk.outcome."] = EduInfo.Api.Web.Components.Pages.DeskPage.AuditOutcomes,
        ["timetable.error."] = EduInfo.Api.Web.Components.Pages.DeskTimetablePage.TimetableErrors.Values,
        ["journal.error."] = Enum.GetNames<EduInfo.Domain.Journal.JournalError>(),
        ["markKind."] = Enum.GetNames<EduInfo.Domain.Journal.MarkKind>(),
        ["absence."] = Enum.GetNames<EduInfo.Domain.Journal.AbsenceCode>(),
        ["web.journal.code."] = Enum.GetNames<EduInfo.Domain.Journal.AbsenceCode>(),
        ["web.staff.post."] = Enum.GetNames<EduInfo.Domain.Registry.StaffPost>(),
        ["role."] = typeof(Role).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
        ["web.diary.code."] = Enum.GetNames<EduInfo.Domain.Journal.AbsenceCode>(),
        ["web.diary.codeName."] = Enum.GetNames<EduInfo.Domain.Journal.AbsenceCode>(),
        ["component."] = Enum.GetNames<EduInfo.Domain.Assessment.ComponentKind>().Select(k => k.ToLowerInvariant()),
        ["web.org.field."] = OrganizationProfileValidator.Fields,
        ["web.org.kind."] = Enum.GetNames<OrganizationKind>(),
        ["organization.error."] = OrganizationProfileValidator.Errors.Concat(OrganizationLifecycleForms.Errors).Select(e => EduInfo.Api.Problems.JsonNaming.Camel(e.ToString())),
        ["web.pupils.relation."] = Enum.GetNames<ParentRelation>().Select(r => r.ToLowerInvariant()),
        ["web.pupils.document."] = Enum.GetNames<ParentDocumentKind>(),
        ["web.pupils.notice."] = Enum.GetNames<PupilNotice>(),
        ["pupil.error."] = Enum.GetNames<PupilError>(),
        ["breakdown.dimension."] = EduInfo.Domain.Metrics.Breakdown.Dimensions.Select(EduInfo.Domain.Metrics.Breakdown.NameOf),
        ["web.orgs.field."] = OrganizationLifecycleForms.OpeningFields,
        ["web.closing.field."] = OrganizationLifecycleForms.ClosingFields,
        ["web.closing.notice."] = Enum.GetNames<ClosingNotice>(),
        ["web.closing.who."] = Enum.GetNames<ClosingConflictSource>(),
        ["web.yearEnd.notice."] = Enum.GetNames<YearEndNotice>(),
        ["council."] = Enum.GetValues<EduInfo.Domain.YearEnd.CouncilDecision>().Select(EduInfo.Domain.YearEnd.CouncilValidator.NameOf),
        ["document."] = Enum.GetValues<EduInfo.Domain.YearEnd.EducationDocumentKind>().Select(EduInfo.Domain.YearEnd.DocumentValidator.NameOf),
        ["web.applications.notice."] = Enum.GetNames<ApplicationNotice>(),
        ["web.apply.office."] = Enum.GetNames<EduInfo.Domain.EServices.ResponsibleOffice>(),
        ["web.application.party."] = Enum.GetNames<EduInfo.Domain.EServices.WorkflowActor>(),
        ["application.priority."] = Camel<EduInfo.Domain.EServices.PriorityCategory>(),
        ["application.action."] = Camel<EduInfo.Domain.EServices.ApplicationAction>(),
        ["application.state."] = Camel<EduInfo.Domain.EServices.ApplicationState>(),
        ["application.ground."] = Camel<EduInfo.Domain.EServices.RefusalGround>(),
        ["notification.error."] = Camel<EduInfo.Domain.Notifications.ContactError>(),
        ["forum.page.state."] = Camel<EduInfo.Domain.Forums.ForumPostState>(),
        ["forum.page.reason."] = Camel<EduInfo.Domain.Forums.ReportReason>(),
        ["forum.page.moderation."] = Camel<EduInfo.Domain.Forums.ForumModeration>(),
        ["forum.page.switchTo."] = Camel<EduInfo.Domain.Forums.ForumModeration>(),
        ["forum.page.action."] = Camel<EduInfo.Domain.Forums.ModerationAction>(),
        ["forum.page.notice."] = Enum.GetNames<EduInfo.Api.Web.ForumNotice>().Select(n => n.ToLowerInvariant()),
        ["seminar.page.notice."] = Enum.GetNames<EduInfo.Api.Web.SeminarNotice>().Select(n => n.ToLowerInvariant()),
        ["seminar.page.language."] = EduInfo.Domain.Seminars.SeminarRules.Languages,
        ["forum.personal."] = Camel<EduInfo.Domain.Forums.PersonalDataKind>(),
        ["material.language."] = Camel<EduInfo.Domain.Materials.MaterialLanguage>(),
        ["material.state."] = Camel<EduInfo.Domain.Materials.MaterialState>(),
        ["material.page.action."] = Camel<EduInfo.Domain.Materials.ReviewAction>(),
        ["material.page.notice."] = Enum.GetNames<EduInfo.Api.Web.MaterialNotice>().Select(n => n.ToLowerInvariant()),
    };

    private static IEnumerable<string> Camel<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(EduInfo.Storage.EServices.ApplicationStore.Text);

    private static IEnumerable<string> PageSources()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EduInfo.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var web = Path.Combine(root.FullName, "src", "Api", "Web");
        return Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories));
    }

    public static TheoryData<string> Keys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in PageSources())
        {
            var source = File.ReadAllText(file);
            foreach (Match match in PlainKey().Matches(source))
            {
                keys.Add(match.Groups["key"].Value);
            }
            foreach (Match match in BuiltKey().Matches(source))
            {
                var key = match.Groups["key"].Value;
                var prefix = key[..key.IndexOf('{')];
                var suffix = key[(key.IndexOf('}') + 1)..];
                Assert.True(Expansions.TryGetValue(prefix, out var values), $"{Path.GetFileName(file)} builds the key '{key}': add its values to {nameof(Expansions)}");
                foreach (var value in values)
                {
                    keys.Add(prefix + value + suffix);
                }
            }
        }
        return new TheoryData<string>(keys);
    }

    [Fact]
    public void The_pages_use_texts_at_all() => Assert.True(Keys().Count > 40, "no page text found: did the pages move?");

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_text_a_page_shows_is_in_the_catalogue(string key) =>
        Assert.True(Messages.Catalog.ContainsKey(key), $"a page shows '{key}', which messages.json does not have");

    // T["key"], T.Format("key", …) (also through a WebText named text or _text) and Messages.Get("key", …) with a literal key.
    [GeneratedRegex("""(?:\b(?:T|_?text)(?:\[|\.Format\()|Messages\.Get\()"(?<key>[a-zA-Z][\w.]*)"[\],]""")]
    private static partial Regex PlainKey();

    // T[$"prefix.{value}.suffix"]: one placeholder.
    [GeneratedRegex("""(?:\b(?:T|_?text)(?:\[|\.Format\()|Messages\.Get\()\$"(?<key>[a-zA-Z][\w.]*\{[^}]+\}[\w.]*)"[\],]""")]
    private static partial Regex BuiltKey();
}
