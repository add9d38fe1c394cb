using EduInfo.Domain.Calendar;
using EduInfo.Domain.EServices;

namespace EduInfo.UnitTests.EServices;

/// <summary>What must hold of any catalogue an operator keeps; checked on the default one.</summary>
public sealed class ServiceCatalogueTests
{
    public static TheoryData<ServiceKind> Kinds => new(Enum.GetValues<ServiceKind>());

    [Fact]
    public void Every_kind_of_service_is_in_the_catalogue_once()
    {
        Assert.Equal(Enum.GetValues<ServiceKind>(), ServiceCatalogue.Default.Select(s => s.Kind).Order());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_service_has_its_name_in_kazakh_russian_and_english_and_a_term_within_a_year(ServiceKind kind)
    {
        var service = ServiceCatalogue.Of(kind);

        Assert.All(new[] { service.Name.Kk, service.Name.Ru, service.Name.En }, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        Assert.Equal(3, new[] { service.Name.Kk, service.Name.Ru, service.Name.En }.Distinct().Count());
        Assert.NotEmpty(service.Applicants);
        Assert.True(service.DecisionWorkingDays is null or >= 1 and <= LabourCalendar.MaxWorkingDays, $"{service.DecisionWorkingDays}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_workflow_starts_filed_never_leaves_a_closed_state_is_deterministic_and_every_open_state_can_close(ServiceKind kind)
    {
        var service = ServiceCatalogue.Of(kind);

        Assert.All(service.Steps, s => Assert.False(s.From.IsClosed(), $"{s} leaves a closed state"));
        Assert.Equal(service.Steps.Count, service.Steps.Select(s => (s.From, s.Action, s.Actor)).Distinct().Count());
        // Every state the steps name is reached from Filed, and from each a closed state is reached.
        var reached = Reach(service, [ApplicationState.Filed], forward: true);
        var named = service.Steps.SelectMany(s => new[] { s.From, s.To }).ToHashSet();
        Assert.Subset(reached, named);
        var closing = Reach(service, named.Where(s => s.IsClosed()).ToHashSet(), forward: false);
        Assert.Subset(closing, named);
        // Refusal steps exist exactly when grounds are listed.
        Assert.Equal(service.RefusalGrounds.Count > 0, service.Steps.Any(s => s.Action == ApplicationAction.Refuse));
    }

    [Fact]
    public void A_certificate_is_issued_at_once_and_the_others_have_terms()
    {
        Assert.Equal(
            [(ServiceKind.FirstGradeAdmission, 5), (ServiceKind.KindergartenQueue, 1), (ServiceKind.SchoolTransfer, 3), (ServiceKind.StudyCertificate, (int?)null), (ServiceKind.DocumentDuplicate, 15)],
            ServiceCatalogue.Default.Select(s => (s.Kind, s.DecisionWorkingDays)));
    }

    /// <summary>The documents a filing lacks: any one of a requirement's documents meets it; "where needed" never lacks.</summary>
    [Theory]
    [InlineData(new[] { ServiceDocument.BirthCertificate, ServiceDocument.HealthForm063, ServiceDocument.HealthForm026, ServiceDocument.Photos }, new ServiceDocument[0])]
    [InlineData(new[] { ServiceDocument.BirthCertificate, ServiceDocument.HealthForm065, ServiceDocument.HealthForm026, ServiceDocument.Photos }, new ServiceDocument[0])]
    [InlineData(new[] { ServiceDocument.BirthCertificate, ServiceDocument.HealthForm026, ServiceDocument.Photos }, new[] { ServiceDocument.HealthForm065 })]
    [InlineData(new ServiceDocument[0], new[] { ServiceDocument.BirthCertificate, ServiceDocument.HealthForm065, ServiceDocument.HealthForm026, ServiceDocument.Photos })]
    public void A_first_grade_filing_lacks_only_the_required_documents_not_attached(ServiceDocument[] attached, ServiceDocument[] lacking)
    {
        var missing = ServiceCatalogue.Of(ServiceKind.FirstGradeAdmission).Missing(attached.ToHashSet());

        Assert.Equal(lacking, missing.Select(r => r.AnyOf[0]));
    }

    [Theory]
    [InlineData("2027-03-31", false)]
    [InlineData("2027-04-01", true)]
    [InlineData("2027-08-31", true)]
    [InlineData("2027-09-01", false)]
    public void The_first_grade_window_holds_both_its_ends(string day, bool open)
    {
        Assert.Equal(open, ServiceCatalogue.Of(ServiceKind.FirstGradeAdmission).Window!.Contains(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-12-31", true)]
    [InlineData("2027-01-15", true)]
    [InlineData("2026-11-30", false)]
    [InlineData("2027-02-01", false)]
    public void A_window_may_span_the_new_year(string day, bool open)
    {
        Assert.Equal(open, new ApplicationWindow(12, 1, 1, 31).Contains(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static HashSet<ApplicationState> Reach(ServiceDefinition service, HashSet<ApplicationState> from, bool forward)
    {
        var reached = new HashSet<ApplicationState>(from);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var step in service.Steps)
            {
                var (a, b) = forward ? (step.From, step.To) : (step.To, step.From);
                grew |= reached.Contains(a) && reached.Add(b);
            }
        }
        return reached;
    }
}
