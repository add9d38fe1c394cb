using ArchUnitNET.Domain;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static EduInfo.UnitTests.Architecture.Layers;

namespace EduInfo.UnitTests.Architecture;

/// <summary>DESIGN.md §3 and issue 14: the arrows that must never exist, checked on the production assemblies.</summary>
public sealed class LayeringTests
{
    private static readonly IObjectProvider<IType> InterfacesNamespace =
        Types().That().ResideInNamespaceMatching(@"^EduInfo\.Grains\.Interfaces(\.|$)").As("Grains.Interfaces' own namespaces");

    // (a) Domain

    [Fact]
    public void Domain_depends_on_nothing_of_Orleans_Npgsql_or_our_other_assemblies() =>
        Rules.DomainIsPure(In(Assemblies.Domain)).Check(Model);

    [Fact]
    public void Domain_project_references_no_package_and_no_project() =>
        Assert.Empty(ItemsOf("src/Domain/EduInfo.Domain.csproj", "PackageReference", "ProjectReference", "Reference", "FrameworkReference"));

    [Fact]
    public void Domain_assembly_is_compiled_against_the_base_class_library_alone() =>
        Assert.All(ReferencesOf(Assemblies.Domain), r => Assert.Matches(@"^(System|netstandard|mscorlib)(\.|$)", r));

    // (b) Grains.Interfaces

    [Fact]
    public void Grains_Interfaces_reach_no_database_and_of_ours_only_the_Domain() =>
        Rules.InterfacesReachOnlyDomain(In(Assemblies.Interfaces)).Check(Model);

    [Fact]
    public void Grains_Interfaces_hold_only_contracts() =>
        Rules.InterfacesHoldOnlyContracts(InterfacesNamespace).Check(Model);

    [Fact]
    public void Grains_Interfaces_reference_no_project_but_the_Domain() =>
        Assert.Equal(["ProjectReference ..\\Domain\\EduInfo.Domain.csproj"], ItemsOf("src/Grains.Interfaces/EduInfo.Grains.Interfaces.csproj", "ProjectReference"));

    // (c) One write path

    [Fact]
    public void No_Api_method_calls_a_Storage_write_of_data_of_record() =>
        Rules.ApiWritesNothingToStorage(In(Assemblies.Api)).Check(Model);

    [Theory]
    [InlineData("EduInfo.Storage.Journal.JournalStore")]
    [InlineData("EduInfo.Storage.Registry.RegistryWriter")]
    [InlineData("EduInfo.Storage.Registry.RegistryStore")]
    [InlineData("EduInfo.Storage.Registry.TransferStore")]
    [InlineData("EduInfo.Storage.Registry.RegionalTargetStore")]
    [InlineData("EduInfo.Storage.Assessment.TimetableStore")]
    [InlineData("EduInfo.Storage.Assessment.AssessmentStore")]
    [InlineData("EduInfo.Storage.EServices.ApplicationStore")]
    public void Every_store_of_data_of_record_has_its_writes_found(string store) =>
        Assert.Contains(StorageWrites.PublicStorageMethods, m => m.DeclaringType.FullName == store && StorageWrites.IsWriteOfRecord(m));

    [Fact]
    public void The_exemptions_name_existing_Storage_types_or_methods_and_account_creation_is_not_one()
    {
        var names = StorageWrites.PublicStorageMethods.SelectMany(m => new[] { StorageWrites.KeyOf(m), m.DeclaringType.FullName }).ToHashSet();
        Assert.All(StorageWrites.NotDataOfRecord, exempt => Assert.Contains(exempt, names));
        // Creating accounts is administration, not sign-in bookkeeping: it stays a write the Api may not make.
        Assert.Contains(StorageWrites.PublicStorageMethods,
            m => StorageWrites.KeyOf(m) == "EduInfo.Storage.Security.AccountStore.CreateAsync" && StorageWrites.IsWriteOfRecord(m));
    }

    // (d) The other arrows

    [Fact]
    public void Grains_reference_neither_the_Api_nor_the_Silo()
    {
        Rules.GrainsReachNeitherApiNorSilo(In(Assemblies.Grains)).Check(Model);
        Assert.DoesNotContain(ReferencesOf(Assemblies.Grains), r => r is Assemblies.Api or Assemblies.Silo);
        Assert.Empty(Rules.ProjectReferencesTo("src/Grains/EduInfo.Grains.csproj", "Api"));
        Assert.Empty(Rules.ProjectReferencesTo("src/Grains/EduInfo.Grains.csproj", "Silo"));
    }

    [Fact]
    public void Api_code_does_not_depend_on_grain_implementations() =>
        Rules.ApiReachesNoGrainImplementation(In(Assemblies.Api)).Check(Model);

    [Fact]
    public void Api_project_does_not_reference_the_Silo_application()
    {
        Assert.Empty(Rules.ProjectReferencesTo("src/Api/EduInfo.Api.csproj", "Silo"));
        Assert.DoesNotContain(Assemblies.Silo, ReferencesOf(Assemblies.Api));
    }

    [Fact]
    public void Api_code_does_not_depend_on_the_Silo_application() =>
        Rules.ApiReachesNoSiloApplication(In(Assemblies.Api)).Check(Model);
}
