using System.Globalization;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;
using EduInfo.Storage.EServices;

namespace EduInfo.UnitTests.EServices;

public sealed class FilingRulesTests
{
    private static readonly HashSet<ServiceDocument> FirstGradeSet =
        [ServiceDocument.BirthCertificate, ServiceDocument.HealthForm063, ServiceDocument.HealthForm026, ServiceDocument.Photos];

    private static Filing Of(ServiceKind kind, string birth = "2021-03-10", string? pupilOrg = null, string office = "SCH-1", OfficeKind officeKind = OfficeKind.School,
        IEnumerable<ServiceDocument>? documents = null, PriorityCategory priority = PriorityCategory.None, string at = "2027-05-04T10:00:00+05:00") =>
        new(ServiceCatalogue.Of(kind), DateOnly.Parse(birth, CultureInfo.InvariantCulture), pupilOrg, office, officeKind,
            (documents ?? FirstGradeSet).ToHashSet(), priority, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));

    private static string Problems(Filing filing) => string.Join(",", FilingRules.Check(filing).Select(p => $"{p.Field}:{p.Error}"));

    public static TheoryData<string, Filing, string> Cases => new()
    {
        { "first grade: a child turning 6, at a school, in the window, with the documents", Of(ServiceKind.FirstGradeAdmission), "" },
        { "first grade: 063/у instead of 065/у meets the same requirement", Of(ServiceKind.FirstGradeAdmission), "" },
        { "first grade: no photos", Of(ServiceKind.FirstGradeAdmission, documents: [ServiceDocument.BirthCertificate, ServiceDocument.HealthForm065, ServiceDocument.HealthForm026]), "documents:DocumentsMissing" },
        { "first grade: in November", Of(ServiceKind.FirstGradeAdmission, at: "2026-11-27T10:00:00+05:00"), "service:OutsideWindow" },
        { "first grade: a child turning 5", Of(ServiceKind.FirstGradeAdmission, birth: "2022-01-01"), "child:TooYoung" },
        { "first grade: a child turning 8", Of(ServiceKind.FirstGradeAdmission, birth: "2019-06-01"), "child:TooOld" },
        { "first grade: at a kindergarten", Of(ServiceKind.FirstGradeAdmission, officeKind: OfficeKind.OtherOrganization), "officeId:OfficeWrong" },
        { "first grade: at a district", Of(ServiceKind.FirstGradeAdmission, officeKind: OfficeKind.DistrictDepartment), "officeId:OfficeWrong" },
        { "first grade: a pupil already", Of(ServiceKind.FirstGradeAdmission, pupilOrg: "SCH-2"), "child:ChildKindWrong" },
        { "first grade: a priority claimed", Of(ServiceKind.FirstGradeAdmission, priority: PriorityCategory.LargeFamily), "priority:PriorityNotApplicable" },
        { "queue: a two-year-old at the district, any month", Of(ServiceKind.KindergartenQueue, birth: "2024-10-01", office: "D-1", officeKind: OfficeKind.DistrictDepartment,
            documents: [ServiceDocument.BirthCertificate], priority: PriorityCategory.LargeFamily, at: "2026-11-27T10:00:00+05:00"), "" },
        { "queue: at a school", Of(ServiceKind.KindergartenQueue, birth: "2024-10-01", documents: [ServiceDocument.BirthCertificate]), "officeId:OfficeWrong" },
        { "queue: six today", Of(ServiceKind.KindergartenQueue, birth: "2020-11-27", office: "D-1", officeKind: OfficeKind.DistrictDepartment,
            documents: [ServiceDocument.BirthCertificate], at: "2026-11-27T10:00:00+05:00"), "child:TooOld" },
        { "queue: not yet born", Of(ServiceKind.KindergartenQueue, birth: "2026-12-01", office: "D-1", officeKind: OfficeKind.DistrictDepartment,
            documents: [ServiceDocument.BirthCertificate], at: "2026-11-27T10:00:00+05:00"), "child:TooYoung" },
        { "certificate: a pupil of the school asked", Of(ServiceKind.StudyCertificate, pupilOrg: "SCH-1", documents: []), "" },
        { "certificate: from another school", Of(ServiceKind.StudyCertificate, pupilOrg: "SCH-2", documents: []), "officeId:OfficeWrong" },
        { "certificate: not a pupil (so of no school either)", Of(ServiceKind.StudyCertificate, documents: []), "child:ChildKindWrong,officeId:OfficeWrong" },
        { "transfer: to another school", Of(ServiceKind.SchoolTransfer, pupilOrg: "SCH-2", documents: [ServiceDocument.BirthCertificate]), "" },
        { "transfer: to the pupil's own school", Of(ServiceKind.SchoolTransfer, pupilOrg: "SCH-1", documents: [ServiceDocument.BirthCertificate]), "officeId:OfficeWrong" },
        { "duplicate: from the pupil's school with photos", Of(ServiceKind.DocumentDuplicate, pupilOrg: "SCH-1", documents: [ServiceDocument.Photos]), "" },
        { "duplicate: without photos", Of(ServiceKind.DocumentDuplicate, pupilOrg: "SCH-1", documents: []), "documents:DocumentsMissing" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_filing_is_refused_only_for_what_the_rules_say(string because, Filing filing, string expected)
    {
        _ = because;
        Assert.Equal(expected, Problems(filing));
    }

    [Theory]
    [InlineData(ServiceKind.FirstGradeAdmission, "2027-05-14T17:00:00+05:00", "2027-05-21")] // a Friday before the office closes
    [InlineData(ServiceKind.FirstGradeAdmission, "2027-05-14T19:00:00+05:00", "2027-05-24")] // after hours: counts from Monday
    [InlineData(ServiceKind.FirstGradeAdmission, "2027-05-07T10:00:00+05:00", "2027-05-18")] // 7 May is a holiday, 9 May a Sunday: from Tuesday 11 May
    [InlineData(ServiceKind.KindergartenQueue, "2026-11-27T10:00:00+05:00", "2026-11-30")] // one working day from a Friday
    [InlineData(ServiceKind.StudyCertificate, "2026-11-27T10:00:00+05:00", null)]
    public void The_office_s_term_ends_on_a_working_day(ServiceKind kind, string filedAt, string? due)
    {
        var dueOn = FilingRules.DueOn(ServiceCatalogue.Of(kind), DateTimeOffset.Parse(filedAt, CultureInfo.InvariantCulture), new LabourCalendar([]));
        Assert.Equal(due, dueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("I-АЛ 0123456", "i-ал0123456", true)]
    [InlineData("I-АЛ 0123456", " I АЛ 0123-456 ", true)]
    [InlineData("I-АЛ 0123456", "I-АЛ 0123457", false)]
    [InlineData("I-АЛ 0123456", null, false)]
    public void Staff_confirm_the_certificate_the_parent_named(string claimed, string? read, bool same) =>
        Assert.Equal(same, ChildClaimRules.SameCertificate(claimed, read));

    [Fact]
    public void A_child_is_claimed_with_a_valid_IIN_that_encodes_the_birth_date_and_a_certificate_number()
    {
        var problems = ChildClaimRules.Validate(new ChildClaim("123456789012", "Әлиев", "Нұр", null, new DateOnly(2021, 3, 10), ""), new DateOnly(2026, 11, 27));
        Assert.Contains(problems, p => p.Field == "iin");
        Assert.Contains(problems, p => p.Field == "birthCertificate");
        Assert.DoesNotContain(problems, p => p.Field is "lastName" or "firstName");
    }

    [Fact]
    public void An_operator_s_change_of_term_and_window_applies_but_a_service_done_at_once_keeps_no_term()
    {
        var firstGrade = ServiceDesk.Apply(ServiceCatalogue.Of(ServiceKind.FirstGradeAdmission),
            new ServiceSetting(ServiceKind.FirstGradeAdmission, 7, new ApplicationWindow(11, 1, 11, 30)));
        Assert.Equal(7, firstGrade.DecisionWorkingDays);
        Assert.True(firstGrade.Window!.Contains(new DateOnly(2026, 11, 27)));
        var certificate = ServiceDesk.Apply(ServiceCatalogue.Of(ServiceKind.StudyCertificate), new ServiceSetting(ServiceKind.StudyCertificate, 7, null));
        Assert.Null(certificate.DecisionWorkingDays);
    }
}
