using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

/// <summary>Opening and closing organizations: each rule names its field and code; a closing's dry run names every pupil and member of staff in the way.</summary>
public sealed class OrganizationLifecycleValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static OrganizationOpeningDraft School => new("SCH-77", "№ 77 мектеп", "Школа № 77", "School No. 77", ["kk", "ru"], "school", false, new(2026, 11, 2));

    public static TheoryData<string, OrganizationOpeningDraft, NodeKind, bool, bool, string[]> Openings => new()
    {
        { "a school under a district", School, NodeKind.District, false, false, [] },
        { "a preschool under a district", School with { Kind = "preschool" }, NodeKind.District, false, false, [] },
        { "additional education under a district", School with { Kind = "additional" }, NodeKind.District, false, false, [] },
        { "a college under a region", School with { Kind = "college" }, NodeKind.Region, false, false, [] },
        { "a republican school by an operator", School, NodeKind.Republic, true, false, [] },
        { "opened today", School with { OpenedOn = Today }, NodeKind.District, false, false, [] },
        { "a republican school by an officer", School, NodeKind.Republic, false, false, ["nodeId:RepublicOperatorOnly"] },
        { "a college under the republic", School with { Kind = "college" }, NodeKind.Republic, true, false, ["kind:KindNotUnderNode"] },
        { "a college under a district", School with { Kind = "college" }, NodeKind.District, false, false, ["kind:KindNotUnderNode"] },
        { "a school under a region", School, NodeKind.Region, false, false, ["kind:KindNotUnderNode"] },
        { "under an organization", School, NodeKind.Organization, true, false, ["nodeId:NotArea"] },
        { "under a class", School, NodeKind.Class, true, false, ["nodeId:NotArea"] },
        { "no id", School with { Id = null }, NodeKind.District, false, false, ["id:Required"] },
        { "an id with a space", School with { Id = "SCH 77" }, NodeKind.District, false, false, ["id:IdInvalid"] },
        { "an id with a slash", School with { Id = "../KZ" }, NodeKind.District, false, false, ["id:IdInvalid"] },
        { "an id in Cyrillic", School with { Id = "ШКОЛА" }, NodeKind.District, false, false, ["id:IdInvalid"] },
        { "an id too long", School with { Id = new string('a', 65) }, NodeKind.District, false, false, ["id:IdInvalid"] },
        { "an id taken", School, NodeKind.District, false, true, ["id:IdTaken"] },
        { "a bidi override in a name", School with { NameEn = "School \u202Egnp.exe" }, NodeKind.District, false, false, ["nameEn:NameInvalid"] },
        { "no kind", School with { Kind = null }, NodeKind.District, false, false, ["kind:Required"] },
        { "a kind in capitals", School with { Kind = "School" }, NodeKind.District, false, false, ["kind:KindUnknown"] },
        { "no locality", School with { IsRural = null }, NodeKind.District, false, false, ["isRural:Required"] },
        { "no opening day", School with { OpenedOn = null }, NodeKind.District, false, false, ["openedOn:Required"] },
        { "opened tomorrow", School with { OpenedOn = Today.AddDays(1) }, NodeKind.District, false, false, ["openedOn:DateInFuture"] },
    };

    [Theory]
    [MemberData(nameof(Openings))]
    public void An_opening_names_each_problem(string name, OrganizationOpeningDraft draft, NodeKind parent, bool byOperator, bool idTaken, string[] expected)
    {
        var problems = OrganizationOpeningValidator.Validate(draft, parent, byOperator, idTaken, Today, out var opening);
        Assert.True(expected.SequenceEqual(problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"))}]");
        Assert.Equal(expected.Length == 0, opening is not null);
    }

    private static readonly ClosingOrganization Org = new("SCH-1", new DateOnly(2020, 9, 1), null,
        [new("C-5A", "2026-2027", 10), new("C-9A", "2026-2027", 0), new("C-1A", "2026-2027", 3)]);

    private static readonly IReadOnlyDictionary<string, TransferTarget> Targets = new Dictionary<string, TransferTarget>
    {
        ["T-5A"] = new("T-5A", "SCH-2", "2026-2027", false),
        ["T-1A"] = new("T-1A", "SCH-2", "2026-2027", false),
        ["OLD"] = new("OLD", "SCH-2", "2025-2026", false),
        ["SHUT"] = new("SHUT", "SCH-3", "2026-2027", true),
        ["C-9A"] = new("C-9A", "SCH-1", "2026-2027", false),
    };

    private static OrganizationClosingDraft End => new(Today, "Merged", "end", null);

    private static OrganizationClosingDraft Transfer(params (string? From, string? To)[] transfers) =>
        new(Today.AddDays(-1), "Merged", "transfer", transfers.Select(t => new ClassTransferDraft(t.From, t.To)).ToList());

    public static TheoryData<string, OrganizationClosingDraft, ClosingOrganization, string[]> Closings => new()
    {
        { "ending on its last day", End, Org, [] },
        { "moving every class with pupils", Transfer(("C-5A", "T-5A"), ("C-1A", "T-1A")), Org, [] },
        { "a class without pupils needs no target", Transfer(("C-5A", "T-5A"), ("C-1A", "T-5A")), Org, [] },
        { "no date", End with { Date = null }, Org, ["date:Required"] },
        { "tomorrow", End with { Date = Today.AddDays(1) }, Org, ["date:DateInFuture"] },
        { "before it opened", End with { Date = new DateOnly(2019, 5, 31) }, Org, ["date:DateBeforeOpening"] },
        { "already closed", End, Org with { ClosedOn = new DateOnly(2026, 11, 20) }, ["date:AlreadyClosed"] },
        { "no reason", End with { Reason = " " }, Org, ["reason:ReasonRequired"] },
        { "a reason too long", End with { Reason = new string('x', 501) }, Org, ["reason:ReasonTooLong"] },
        { "nothing said of the pupils", End with { Pupils = null }, Org, ["pupils:Required"] },
        { "pupils by number", End with { Pupils = "1" }, Org, ["pupils:PupilsUnknown"] },
        { "pupils expelled", End with { Pupils = "expel" }, Org, ["pupils:PupilsUnknown"] },
        { "moving from today's last day", Transfer(("C-5A", "T-5A"), ("C-1A", "T-1A")) with { Date = Today }, Org, ["date:TransferNotYet"] },
        { "a class left without a target", Transfer(("C-5A", "T-5A")), Org, ["classes[C-1A]:TransferMissing"] },
        { "a target of another year", Transfer(("C-5A", "OLD"), ("C-1A", "T-1A")), Org, ["transfers[0].toClassId:OtherAcademicYear"] },
        { "a target in a closed organization", Transfer(("C-5A", "SHUT"), ("C-1A", "T-1A")), Org, ["transfers[0].toClassId:OrganizationClosed"] },
        { "a target of its own", Transfer(("C-5A", "C-9A"), ("C-1A", "T-1A")), Org, ["transfers[0].toClassId:SameOrganization"] },
        { "an unknown target", Transfer(("C-5A", "NOPE"), ("C-1A", "T-1A")), Org, ["transfers[0].toClassId:ClassUnknown"] },
        { "no target", Transfer(("C-5A", null), ("C-1A", "T-1A")), Org, ["transfers[0].toClassId:Required"] },
        { "a class of another organization", Transfer(("T-5A", "T-1A"), ("C-5A", "T-5A"), ("C-1A", "T-1A")), Org, ["transfers[0].fromClassId:ClassUnknown"] },
        { "a class twice", Transfer(("C-5A", "T-5A"), ("C-5A", "T-1A"), ("C-1A", "T-1A")), Org, ["transfers[1].fromClassId:TransferDuplicate"] },
    };

    [Theory]
    [MemberData(nameof(Closings))]
    public void A_closing_request_names_each_problem(string name, OrganizationClosingDraft draft, ClosingOrganization organization, string[] expected)
    {
        var problems = OrganizationClosingValidator.ValidateRequest(draft, organization, Targets, Today, out var closing);
        Assert.True(expected.SequenceEqual(problems.Select(p => $"{p.Field}:{p.Error}")),
            $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", problems.Select(p => $"{p.Field}:{p.Error}"))}]");
        Assert.Equal(expected.Length == 0, closing is not null);
    }

    private static ClosingPupil Pupil(string id, string classId = "C-5A", DateOnly? from = null, DateOnly? to = null, params (long Seq, DateOnly Date)[] rows) =>
        new(id, new EnrolmentFacts(classId, from ?? new DateOnly(2026, 9, 1), to, "2026-2027"), rows.Select(r => new JournalRowRef(r.Seq, r.Date)).ToList());

    private static ClosingStaff Member(string id, DateOnly? hiredOn = null, params long[] rows) =>
        new(new StaffFacts(id, StaffPost.Teacher, hiredOn, null, false), rows);

    public static TheoryData<string, string, ClosingPupil[], ClosingStaff[], string[]> DryRuns => new()
    {
        { "everyone ends", "end", [Pupil("P1"), Pupil("P2")], [Member("T1")], [] },
        { "everyone moves", "transfer", [Pupil("P1"), Pupil("P2", "C-1A")], [Member("T1")], [] },
        { "a row after the last day", "end", [Pupil("P1", rows: (41, new DateOnly(2026, 11, 27)))], [], ["Leaving:P1:JournalRowsAfterDate:41|1"] },
        { "a row on the last day is no conflict", "end", [Pupil("P1", rows: (41, new DateOnly(2026, 11, 26)))], [], [] },
        { "a row after the day stops a move too", "transfer", [Pupil("P1", rows: (41, new DateOnly(2026, 11, 27)))], [], ["Leaving:P1:JournalRowsAfterDate:41|1"] },
        { "enrolled after the last day", "end", [Pupil("P1", from: new DateOnly(2026, 11, 27))], [], ["Leaving:P1:DateBeforeEnrolment:2026-11-27"] },
        { "enrolled on the last day, moved the next", "transfer", [Pupil("P1", from: new DateOnly(2026, 11, 26))], [], [] },
        { "in a class enrolled since the request was read", "transfer", [Pupil("P1", "C-9A")], [], ["Transfer:P1:Required"] },
        { "left after the last day", "end", [Pupil("P1", to: new DateOnly(2026, 11, 27))], [], ["Leaving:P1:NotEnrolled"] },
        { "a teacher hired after the last day", "end", [], [Member("T1", hiredOn: new DateOnly(2026, 11, 27))], ["Staff:T1:DateBeforeHiring"] },
        { "a teacher's row after the last day", "end", [], [Member("T1", null, 52, 51)], ["Staff:T1:JournalConflict:51, 52"] },
        { "every one in the way, by id", "end", [Pupil("P2", rows: (7, new DateOnly(2026, 11, 27))), Pupil("P1", rows: (8, new DateOnly(2026, 11, 27))), Pupil("P3")],
            [Member("T1", null, 7)], ["Leaving:P1:JournalRowsAfterDate:8|1", "Leaving:P2:JournalRowsAfterDate:7|1", "Staff:T1:JournalConflict:7"] },
    };

    [Theory]
    [MemberData(nameof(DryRuns))]
    public void A_dry_run_names_each_pupil_and_member_of_staff_in_the_way(string name, string mode, ClosingPupil[] pupils, ClosingStaff[] staff, string[] expected)
    {
        var draft = mode == "end" ? End with { Date = new DateOnly(2026, 11, 26) } : Transfer(("C-5A", "T-5A"), ("C-1A", "T-1A")) with { Date = new DateOnly(2026, 11, 26) };
        Assert.Empty(OrganizationClosingValidator.ValidateRequest(draft, Org, Targets, Today, out var closing));
        var conflicts = OrganizationClosingValidator.DryRun(closing!, pupils, staff, Targets, Today)
            .Select(c => $"{c.Source}:{c.Id}:{c.Code}" + (c.Arguments.Count > 0 ? ":" + string.Join("|", c.Arguments) : "")).ToList();
        Assert.True(expected.SequenceEqual(conflicts), $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", conflicts)}]");
    }

    [Fact]
    public void A_move_starts_the_day_after_the_last_day() =>
        Assert.Equal(new DateOnly(2026, 11, 27), new OrganizationClosing(new DateOnly(2026, 11, 26), "x", ClosingPupils.Transfer, new Dictionary<string, string>()).TransferDate);

    [Fact]
    public void A_closed_organization_takes_no_pupil_transfer_hire_or_assignment()
    {
        var enrolled = new EnrolmentFacts("C-5A", new DateOnly(2026, 9, 1), null, "2026-2027");
        Assert.Equal(["toClassId:OrganizationClosed"], TransferValidator.Validate(new TransferRequest("T-5A", Today, "Moved"), "2026-2027", enrolled, Today,
            destinationClosed: true).Select(p => $"{p.Field}:{p.Error}"));
        Assert.Empty(TransferValidator.Validate(new TransferRequest("T-5A", Today, "Moved"), "2026-2027", enrolled, Today, destinationClosed: false));
        var pupil = new PupilEnrolmentRequest("100101500008", "Сәрсенбаев", "Әлихан", null, new DateOnly(2010, 1, 1), "male", Today);
        Assert.Equal(["classId:OrganizationClosed"], PupilValidator.ValidateEnrolment(pupil, "2026-2027", null, Today, organizationClosed: true)
            .Select(p => $"{p.Field}:{p.Error}"));
        Assert.Equal([StaffError.OrganizationClosed], StaffValidator.ValidateHire("850101300000", "Жаңа", "Мұғалім", null, null, Today, false, organizationClosed: true)
            .Select(p => p.Error));
        var teacher = new StaffFacts("T1", StaffPost.Teacher, null, null, false);
        Assert.Equal([StaffError.OrganizationClosed], AssignmentChange.ValidateNew(teacher, new GroupFacts("C-5A", "C-5A", null), true, "MAT", Today, null, [],
            organizationClosed: true).Select(p => p.Error));
        Assert.Empty(AssignmentChange.ValidateNew(teacher, new GroupFacts("C-5A", "C-5A", null), true, "MAT", Today, null, [], organizationClosed: false));
    }
}
