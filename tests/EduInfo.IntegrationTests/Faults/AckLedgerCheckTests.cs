namespace EduInfo.IntegrationTests.Faults;

public sealed class AckLedgerCheckTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void Every_acknowledged_entry_once_in_the_journal_is_clean()
    {
        var check = AckLedgerCheck.Compare([A, B], new Dictionary<Guid, long> { [A] = 1, [B] = 1, [C] = 1 });

        Assert.True(check.None, check.ToString());
    }

    [Fact]
    public void An_acknowledged_entry_missing_from_the_journal_is_lost()
    {
        var check = AckLedgerCheck.Compare([A, B, B], new Dictionary<Guid, long> { [A] = 1 });

        Assert.Equal([B], check.Lost);
        Assert.Empty(check.Duplicated);
    }

    [Fact]
    public void An_entry_with_two_rows_is_duplicated_whether_acknowledged_or_not()
    {
        var check = AckLedgerCheck.Compare([A], new Dictionary<Guid, long> { [A] = 2, [C] = 3 });

        Assert.Empty(check.Lost);
        Assert.Equal([A, C], check.Duplicated);
    }
}
