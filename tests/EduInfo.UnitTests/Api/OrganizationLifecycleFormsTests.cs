using EduInfo.Api.Web;
using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Api;

/// <summary>
/// What the closing form's answer carries in the address and the profile page shows of it: only a conflict of a known
/// source, an id of the registry's shape and a code of that source's rule, with at most three values cut short.
/// </summary>
public sealed class OrganizationLifecycleFormsTests
{
    public static TheoryData<string?, ClosingConflictSource?, string?, int> Conflicts() => new()
    {
        // text                                                   source                               code                      values
        { "Leaving|S-1|JournalRowsAfterDate|12, 13|2",            ClosingConflictSource.Leaving,       "JournalRowsAfterDate",   2 },
        { "Leaving|S-1|DateBeforeEnrolment|2026-11-20",           ClosingConflictSource.Leaving,       "DateBeforeEnrolment",    1 },
        { "Transfer|S-2|OtherAcademicYear",                       ClosingConflictSource.Transfer,      "OtherAcademicYear",      0 },
        { "Staff|T-9|JournalConflict|1, 2, 3",                    ClosingConflictSource.Staff,         "JournalConflict",        1 },
        { "Staff|T-9|JournalConflict|a|b|c|d|e",                  ClosingConflictSource.Staff,         "JournalConflict",        3 },
        // A code of another source's rule, an unknown source, a number for a source, an id that is no id, too few parts.
        { "Leaving|S-1|JournalConflict",                          null,                                null,                     0 },
        { "Transfer|S-1|JournalRowsAfterDate",                    null,                                null,                     0 },
        { "Expelled|S-1|NotEnrolled",                             null,                                null,                     0 },
        { "0|S-1|NotEnrolled",                                    null,                                null,                     0 },
        { "Leaving|<script>|NotEnrolled",                         null,                                null,                     0 },
        { "Leaving|S-1",                                          null,                                null,                     0 },
        { "",                                                     null,                                null,                     0 },
        { null,                                                   null,                                null,                     0 },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public void A_conflict_is_read_from_the_address_only_when_it_is_one(string? text, ClosingConflictSource? source, string? code, int values)
    {
        var conflict = OrganizationLifecycleForms.ReadConflict(text);
        Assert.Equal(source, conflict?.Source);
        Assert.Equal(code, conflict?.Code);
        Assert.Equal(values, conflict?.Arguments.Count ?? 0);
    }

    [Fact]
    public void A_value_is_cut_short()
    {
        var conflict = OrganizationLifecycleForms.ReadConflict("Staff|T-9|JournalConflict|" + new string('1', 500));
        Assert.Equal(80, conflict!.Arguments[0].Length);
    }

    [Fact]
    public void Every_code_a_form_shows_is_one_an_opening_or_closing_refuses_with()
    {
        // The opening's and closing's rules over junk: each code they name is one the pages know.
        var opening = OrganizationOpeningValidator.Validate(new OrganizationOpeningDraft("../x", "", "\u202E", null, ["xx", "xx"], "college", null, new DateOnly(2030, 1, 1)),
            NodeKind.District, byOperator: false, idTaken: false, new DateOnly(2026, 11, 27), out _);
        var closing = OrganizationClosingValidator.ValidateRequest(new OrganizationClosingDraft(null, "", "transfer", [new("x", "y")]),
            new ClosingOrganization("O", null, null, [new ClosingClass("C", "2026-2027", 3)]), new Dictionary<string, TransferTarget>(), new DateOnly(2026, 11, 27), out _);
        Assert.NotEmpty(opening);
        Assert.NotEmpty(closing);
        Assert.All(opening.Concat(closing), p => Assert.Contains(p.Error, OrganizationLifecycleForms.Errors));
    }
}
