using EduInfo.Api.Contracts;
using EduInfo.Api.Reads;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Audit;
using EduInfo.Storage.Registry;

namespace EduInfo.UnitTests.Api;

/// <summary>The diary page's own rules: the role a read is shown as, the components "what do I need" starts from, the term shown.</summary>
public sealed class DiaryReadsTests
{
    // Student S1 of class C1 in organization O1; parents P1 and P2; taught by teacher T1.
    private static readonly StudentAccess Student = new("S1", "C1", "O1", ["KZ", "KZ-ALA", "KZ-ALA-BOS", "O1", "C1"], ["P1", "P2"], ["T1"]);

    private static Actor Actor(string grants, string? person = null) => new("U-test",
        grants.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => new ActorGrant(g[..g.IndexOf('@')], g[(g.IndexOf('@') + 1)..])).ToList(), person, null);

    [Theory]
    [InlineData("parent@P1", null, "parent")]
    [InlineData("student@S1", null, "student")]
    [InlineData("head@O1", null, "head")]
    [InlineData("class_teacher@C1,teacher@O1", "T9", "class_teacher")]            // not assigned here: only the class makes them a reader
    [InlineData("class_teacher@C1,teacher@O1", "T1", "class_teacher,teacher")]
    [InlineData("parent@P9,teacher@O1", "T1", "teacher")]                        // a parent of another child reads as the teacher
    [InlineData("parent@P9,head@O1", null, "head")]
    [InlineData("teacher@O1", "T9", "")]                                         // a teacher of the school not teaching the class
    [InlineData("district_officer@KZ-ALA-BOS,ministry_analyst@KZ", null, "")]    // aggregates only
    public void The_roles_that_admit_a_reader_are_those_the_diary_rule_admits_one_by_one(string grants, string? person, string roles) =>
        Assert.Equal(roles.Split(',', StringSplitOptions.RemoveEmptyEntries), DiaryReaders.RolesAdmitting(Actor(grants, person), Student));

    [Theory]
    [InlineData("{\"as\":[\"teacher\"]}", "parent,teacher", "teacher")]
    [InlineData("{\"iin\":\"masked\",\"as\":[\"class_teacher\",\"teacher\"]}", "class_teacher,teacher", "class_teacher")]
    [InlineData("{}", "parent,teacher", "parent")]           // a record older than the detail: the first reader role held
    [InlineData("{\"iin\":\"full\"}", "head", "head")]
    [InlineData("not json", "student", "student")]
    [InlineData("{\"as\":\"teacher\"}", "head", "head")]        // a detail of another shape says nothing
    public void A_read_is_shown_as_the_role_that_admitted_it(string detail, string roles, string shown) =>
        Assert.Equal(shown, DiaryReaders.RoleOf(new AuditRecord(1, DateTimeOffset.UnixEpoch, "U", roles.Split(','), null, "diary.read", "student", "S1", "O1", "ok", detail)));

    [Fact]
    public void The_detail_of_a_read_names_the_admitting_roles_and_for_a_card_the_IIN_shown()
    {
        Assert.Equal("{\"as\":[\"parent\"]}", DiaryReaders.Detail(Actor("parent@P2"), Student));
        Assert.Equal("{\"iin\":\"masked\",\"as\":[\"teacher\"]}", DiaryReaders.Detail(Actor("parent@P9,teacher@O1", "T1"), Student, card: true));
        Assert.Equal("{\"iin\":\"full\",\"as\":[\"head\"]}", DiaryReaders.Detail(Actor("head@O1"), Student, card: true));
    }

    private static StandingResponse Standing(string subjectId, int term, IReadOnlyList<string> pending, IReadOnlyList<string>? excused = null) => new(
        subjectId, term, "pending", "", false, null, null, null, null, null, null, null, null, new Dictionary<string, decimal>(), pending, excused ?? [], "");

    private static DiaryMarkResponse Mark(string subjectId, int term, string kind, int score, int max) =>
        new(1, subjectId, new DateOnly(2026, 11, 16), term, kind, kind, score, max, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Components_are_summed_from_the_diary_marks_of_the_subject_and_term_with_the_standings_pending_and_excused()
    {
        var marks = new[]
        {
            Mark("MAT", 2, "formative", 6, 10), Mark("MAT", 2, "formative", 9, 10), Mark("MAT", 2, "section", 12, 20),
            Mark("MAT", 1, "term", 20, 20), Mark("PHY", 2, "section", 1, 20),   // another term, another subject: not these
        };
        var components = DiaryNeeds.Components(marks, Standing("MAT", 2, ["term"]));
        Assert.Equal([(15, 20)], components.Single(c => c.Kind == ComponentKind.Formative).Works);
        Assert.Equal([(12, 20)], components.Single(c => c.Kind == ComponentKind.Section).Works);
        Assert.Equal(ComponentState.Pending, components.Single(c => c.Kind == ComponentKind.Term).State);

        var excused = DiaryNeeds.Components(marks, Standing("MAT", 2, [], ["term"]));
        Assert.Equal(ComponentState.Excused, excused.Single(c => c.Kind == ComponentKind.Term).State);
        var notHeld = DiaryNeeds.Components([], Standing("MAT", 2, ["section"]));
        Assert.Equal([ComponentState.NotHeld, ComponentState.Pending, ComponentState.NotHeld], notHeld.Select(c => c.State));
    }

    [Fact]
    public void The_summatives_held_are_one_per_maximum_from_the_first_day_written()
    {
        JournalGridStudent With(params JournalGridMark[] marks) => new("S", marks, [], null);
        JournalGridMark M(int day, MarkKind kind, int score, int max) => new(day, new DateOnly(2026, 11, day), kind, score, max);
        var journal = new ClassJournalView("C1", "MAT", 2, null, null, false, [],
        [
            With(M(12, MarkKind.Term, 15, 20), M(10, MarkKind.Section, 8, 10)),
            With(M(11, MarkKind.Term, 17, 20), M(13, MarkKind.Section, 20, 25), M(11, MarkKind.Formative, 7, 10)),
        ], 9);
        Assert.Equal([(new DateOnly(2026, 11, 11), 20)], DiaryNeeds.Held(journal, ComponentKind.Term));
        Assert.Equal([(new DateOnly(2026, 11, 10), 10), (new DateOnly(2026, 11, 13), 25)], DiaryNeeds.Held(journal, ComponentKind.Section));
        Assert.Empty(DiaryNeeds.Held(null, ComponentKind.Term));
    }

    [Fact]
    public void A_need_is_given_for_each_summative_held_of_a_pending_kind()
    {
        var components = new[]
        {
            new StudentComponent(ComponentKind.Formative, [(29, 50)]), new StudentComponent(ComponentKind.Section, [(10, 20)]),
            new StudentComponent(ComponentKind.Term, [], Missed: true),
        };
        var needs = DiaryNeeds.Of(new AssessmentPolicy(), 7, components, kind => kind == ComponentKind.Term ? [(new DateOnly(2026, 11, 20), 20)] : []);
        var need = Assert.Single(needs);
        Assert.Equal((ComponentKind.Term, 20), (need.Kind, need.MaxScore));
        Assert.Equal([5, 15, null], need.Targets.Select(t => t.LeastScore));
        Assert.Empty(need.AlsoPending);
    }

    private static readonly IReadOnlyList<DiaryTermResponse> Quarters =
    [
        new(1, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 25), true),
        new(2, new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 29), false),
        new(3, new DateOnly(2027, 1, 8), new DateOnly(2027, 3, 19), false),
    ];

    [Theory]
    [InlineData(null, "2026-11-27", 2)]   // today's term
    [InlineData(1, "2026-11-27", 1)]      // the one asked for
    [InlineData(9, "2026-11-27", 2)]      // a term the year lacks is no choice
    [InlineData(null, "2026-10-30", 1)]   // in the autumn break: the last begun
    [InlineData(null, "2026-08-20", 1)]   // before the year: the first
    public void The_term_shown(int? asked, string today, int shown) =>
        Assert.Equal(shown, DiaryPageView.TermShown(Quarters, asked, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
