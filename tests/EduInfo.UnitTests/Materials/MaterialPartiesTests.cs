using EduInfo.Domain.Materials;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Materials;

namespace EduInfo.UnitTests.Materials;

/// <summary>Who sees a material in each state: the one rule the grain, the material's read and its download share.</summary>
public sealed class MaterialPartiesTests
{
    private static readonly string[] SchoolPath = ["KZ", "KZ-AST", "KZ-AST-ESL", "O2"];
    private static readonly string[] RepublicanSchoolPath = ["KZ", "O9"];

    /// <summary>An actor from "role@scope" grants separated by commas (empty: no grants), as account U-reader.</summary>
    private static Actor Reader(string grants) => new(
        "U-reader",
        [.. grants.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => new ActorGrant(g[..g.IndexOf('@')], g[(g.IndexOf('@') + 1)..]))],
        null,
        null);

    public static TheoryData<string, MaterialState, string?, string, bool> Cases => new()
    {
        // published: everyone, signed in or not
        { "anonymous", MaterialState.Published, null, "U-author", true },
        { "a parent", MaterialState.Published, "parent@O2", "U-author", true },
        // before publication: the author and the reviewers of the district or region above the school
        { "anonymous, a draft", MaterialState.Draft, null, "U-author", false },
        { "the author, a draft", MaterialState.Draft, "teacher@O2", "U-reader", true },
        { "a colleague, a draft", MaterialState.Draft, "teacher@O2", "U-author", false },
        { "the school's head, in review", MaterialState.InReview, "head@O2", "U-author", false },
        { "the district officer, in review", MaterialState.InReview, "district_officer@KZ-AST-ESL", "U-author", true },
        { "the region officer, in review", MaterialState.InReview, "region_officer@KZ-AST", "U-author", true },
        { "another district's officer, in review", MaterialState.InReview, "district_officer@KZ-ALA-MED", "U-author", false },
        { "the Ministry's analyst over a regional school", MaterialState.InReview, "ministry_analyst@KZ", "U-author", false },
        { "a colleague, returned", MaterialState.Returned, "teacher@O2", "U-author", false },
        { "the author, returned", MaterialState.Returned, "teacher@O2", "U-reader", true },
        // withdrawn: gone for everyone but its author and reviewers
        { "a parent, withdrawn", MaterialState.Withdrawn, "parent@O2", "U-author", false },
        { "the author, withdrawn", MaterialState.Withdrawn, "teacher@O2", "U-reader", true },
        { "the district officer, withdrawn", MaterialState.Withdrawn, "district_officer@KZ-AST-ESL", "U-author", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_material_before_publication_is_seen_by_its_author_and_reviewers_only(string who, MaterialState state, string? grants, string author, bool sees) =>
        Assert.True(sees == MaterialParties.Sees(grants is null ? null : Reader(grants), state, author, SchoolPath), who);

    [Fact]
    public void The_Ministrys_analysts_review_a_republican_schools_materials()
    {
        Assert.True(MaterialParties.Sees(Reader("ministry_analyst@KZ"), MaterialState.InReview, "U-author", RepublicanSchoolPath));
        Assert.False(MaterialParties.Sees(Reader("district_officer@KZ-AST-ESL"), MaterialState.InReview, "U-author", RepublicanSchoolPath));
    }
}
