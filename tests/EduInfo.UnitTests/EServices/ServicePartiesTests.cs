using EduInfo.Domain.EServices;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.EServices;

namespace EduInfo.UnitTests.EServices;

public sealed class ServicePartiesTests
{
    private static Actor Of(params string[] grants) =>
        new("u", [.. grants.Select(g => new ActorGrant(g.Split('@')[0], g.Split('@')[1]))], null, null);

    /// <summary>Grants; the application's service, applicant, office and district; the parties the actor is.</summary>
    [Theory]
    [InlineData("parent@P1", ServiceKind.FirstGradeAdmission, "P1", "SCH", "D1", "Applicant")]
    [InlineData("parent@P2", ServiceKind.FirstGradeAdmission, "P1", "SCH", "D1", "")]
    [InlineData("head@SCH", ServiceKind.FirstGradeAdmission, "P1", "SCH", "D1", "Office")]
    [InlineData("head@OTHER", ServiceKind.FirstGradeAdmission, "P1", "SCH", "D1", "")]
    [InlineData("district_officer@D1", ServiceKind.FirstGradeAdmission, "P1", "SCH", "D1", "")] // a school's office is its head
    [InlineData("district_officer@D1", ServiceKind.KindergartenQueue, "P1", "D1", "D1", "Office")]
    [InlineData("head@D1", ServiceKind.KindergartenQueue, "P1", "D1", "D1", "")] // the department's office is its officers
    [InlineData("region_officer@R1", ServiceKind.KindergartenQueue, "P1", "D1", "D1", "")]
    [InlineData("head@SCH", ServiceKind.SchoolTransfer, "P1", "SCH", "D1", "ReceivingHead")]
    [InlineData("head@SCH,parent@P1", ServiceKind.FirstGradeAdmission, "P1", "SCH", "D1", "Applicant")] // nobody decides their own child's
    [InlineData("head@SCH,parent@P9", ServiceKind.FirstGradeAdmission, "P1", "SCH", "D1", "Office")]
    public void An_actor_is_the_applicant_the_office_or_nobody(string grants, ServiceKind service, string applicant, string office, string district, string parties) =>
        Assert.Equal(parties, string.Join(",", ServiceParties.Of(Of(grants.Split(',')), service, applicant, office, district)));
}
