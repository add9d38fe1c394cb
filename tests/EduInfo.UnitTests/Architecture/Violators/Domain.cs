using EduInfo.Storage.Journal;
using Npgsql;
using Orleans;

// Deliberate violations, never run: fed to the rules as if they were the Domain (DeliberateViolationTests).
namespace EduInfo.UnitTests.Architecture.Violators.Domain;

/// <summary>A rule that opens a connection itself.</summary>
public static class RuleThatQueries
{
    public static bool Exists(NpgsqlDataSource dataSource) => dataSource.CreateCommand("select 1") is not null;
}

/// <summary>A rule that talks to the cluster.</summary>
public sealed class RuleThatCallsGrains(IGrainFactory grains)
{
    public object Factory => grains;
}

/// <summary>A value that carries Orleans' serializer attributes (the Domain's values get surrogates in Grains.Interfaces instead).</summary>
[GenerateSerializer]
public sealed record SerializedValue([property: Id(0)] int Score);

/// <summary>A rule that reads the journal through Storage.</summary>
public sealed class RuleThatReadsStorage(JournalStore journal)
{
    public object Journal => journal;
}

/// <summary>What a Domain type should be: a pure function.</summary>
public static class PureRule
{
    public static int Percent(int part, int whole) => whole == 0 ? 0 : part * 100 / whole;
}
