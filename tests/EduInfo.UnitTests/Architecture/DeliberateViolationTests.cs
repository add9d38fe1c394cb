using ArchUnitNET.Fluent;
using static EduInfo.UnitTests.Architecture.Layers;

namespace EduInfo.UnitTests.Architecture;

/// <summary>
/// Each rule of <see cref="LayeringTests"/> run over the deliberate violators in ./Violators (compiled into this test
/// assembly, never run): it names every violator and passes the well-behaved type beside them, so a rule that passes
/// on production passes because production obeys it, not because it cannot fail.
/// </summary>
public sealed class DeliberateViolationTests
{
    private const string V = ViolatorNamespace;

    [Fact]
    public void Domain_rule_names_each_type_that_uses_Npgsql_Orleans_or_Storage_and_passes_the_pure_one()
    {
        var failures = Failures(Rules.DomainIsPure(Violating("Domain")));

        Assert.Equal([$"{V}.Domain.RuleThatCallsGrains", $"{V}.Domain.RuleThatQueries", $"{V}.Domain.RuleThatReadsStorage", $"{V}.Domain.SerializedValue"],
            failures.Keys);
        Assert.Contains("Npgsql.NpgsqlDataSource", failures[$"{V}.Domain.RuleThatQueries"]);
        Assert.Contains("Orleans.IGrainFactory", failures[$"{V}.Domain.RuleThatCallsGrains"]);
        Assert.Contains("EduInfo.Storage.Journal.JournalStore", failures[$"{V}.Domain.RuleThatReadsStorage"]);
        Assert.Contains("Orleans.GenerateSerializerAttribute", failures[$"{V}.Domain.SerializedValue"]);
    }

    [Fact]
    public void Project_checks_name_a_package_and_the_projects_referenced()
    {
        var project = Path.Combine(Path.GetTempPath(), $"violator-{Guid.NewGuid():N}.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Npgsql" />
                <ProjectReference Include="..\Storage\EduInfo.Storage.csproj" />
                <ProjectReference Include="..\Silo\EduInfo.Silo.csproj" />
              </ItemGroup>
            </Project>
            """);
        try
        {
            Assert.Equal(["PackageReference Npgsql", @"ProjectReference ..\Storage\EduInfo.Storage.csproj", @"ProjectReference ..\Silo\EduInfo.Silo.csproj"],
                ItemsOf(project, "PackageReference", "ProjectReference"));
            Assert.Equal([@"ProjectReference ..\Silo\EduInfo.Silo.csproj"], Rules.ProjectReferencesTo(project, "Silo"));
            Assert.Empty(Rules.ProjectReferencesTo(project, "Api"));
        }
        finally
        {
            File.Delete(project);
        }
    }

    [Fact]
    public void Interfaces_rules_name_a_storage_row_in_the_contract_and_a_stateful_service()
    {
        var reach = Failures(Rules.InterfacesReachOnlyDomain(Violating("Interfaces")));
        var contracts = Failures(Rules.InterfacesHoldOnlyContracts(Violating("Interfaces")));

        Assert.Equal([$"{V}.Interfaces.IGrainServingStorageRows"], reach.Keys);
        Assert.Contains("EduInfo.Storage.Registry.StudentCard", reach[$"{V}.Interfaces.IGrainServingStorageRows"]);
        Assert.Equal([$"{V}.Interfaces.CachingService"], contracts.Keys);
        Assert.Empty(Failures(Rules.InterfacesHoldOnlyContracts(Violating("Interfaces"), $"{V}.Interfaces.CachingService")));
    }

    [Fact]
    public void Write_path_rule_names_every_shape_of_a_journal_write_and_lets_the_audit_through()
    {
        var failures = Failures(Rules.ApiWritesNothingToStorage(Violating("Api")));

        Assert.Equal(3, failures.Count);
        Assert.All(failures.Keys, method => Assert.Contains($" {V}.Api.EndpointsThatWriteTheJournal::", method));
        Assert.Contains(failures, f => f.Key.Contains("::Direct(") && f.Value.Contains("AppendMarksAsync"));
        Assert.Contains(failures, f => f.Key.Contains("::Awaited(") && f.Value.Contains("AppendLessonsAsync"));
        Assert.Contains(failures, f => f.Key.Contains("::InALambda(") && f.Value.Contains("AppendMarksAsync"));
    }

    [Fact]
    public void Arrow_rules_name_a_grain_that_reaches_the_Api_and_an_endpoint_that_holds_a_grain_class()
    {
        var grains = Failures(Rules.GrainsReachNeitherApiNorSilo(Violating("Grains")));
        var api = Failures(Rules.ApiReachesNoGrainImplementation(Violating("Api")));

        Assert.Equal([$"{V}.Grains.GrainThatReadsApiOptions"], grains.Keys);
        Assert.Contains("EduInfo.Api.Security.AuthOptions", grains[$"{V}.Grains.GrainThatReadsApiOptions"]);
        Assert.Equal([$"{V}.Api.EndpointsThatHoldAGrain"], api.Keys);
        Assert.Contains("EduInfo.Grains.Classes.ClassGrain", api[$"{V}.Api.EndpointsThatHoldAGrain"]);
    }

    /// <summary>The objects a rule fails on, by full name, with ArchUnitNET's account of why.</summary>
    private static SortedDictionary<string, string> Failures(IArchRule rule) =>
        new(rule.Evaluate(Model).Where(r => !r.Passed)
            .GroupBy(r => r.EvaluatedObjectIdentifier.Identifier)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(r => r.Description))), StringComparer.Ordinal);
}
