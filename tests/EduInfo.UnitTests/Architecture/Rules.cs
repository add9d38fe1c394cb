using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Conditions;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static EduInfo.UnitTests.Architecture.Layers;

namespace EduInfo.UnitTests.Architecture;

/// <summary>
/// The arrows DESIGN.md §3 forbids, as ArchUnitNET rules over a subject: the production assembly in the tests, a
/// namespace of deliberate violators in <see cref="DeliberateViolationTests"/>, so each rule is shown to bite.
/// </summary>
public static partial class Rules
{
    /// <summary>(a) The pure rules reach nothing of Orleans, Npgsql or any other assembly of ours.</summary>
    public static IArchRule DomainIsPure(IObjectProvider<IType> domain) =>
        NotDependOn(domain, "Orleans, Npgsql or another assembly of ours",
            (self, target) => IsOrleans(target) || IsNpgsql(target) || IsOurs(target, AssemblyName(self)));

    /// <summary>(b) The contract reaches no database and of ours only the Domain's value types (and Orleans, its serializer).</summary>
    public static IArchRule InterfacesReachOnlyDomain(IObjectProvider<IType> interfaces) =>
        NotDependOn(interfaces, "Npgsql or an assembly of ours but the Domain",
            (self, target) => IsNpgsql(target) || IsOurs(target, AssemblyName(self), Assemblies.Domain));

    /// <summary>
    /// (b) Every type the contract declares is one of: an interface (the grain interfaces); a
    /// [GenerateSerializer] record, struct or enum (the messages, and the surrogates of Domain values); a serialization
    /// converter or copier in a Serialization namespace; a static class (constants, key formats, pure helpers such as
    /// Role, Messages, RollupStreams, SummaryCells). Compiler- and Orleans-generated types are not ours to judge.
    /// </summary>
    public static IArchRule InterfacesHoldOnlyContracts(IObjectProvider<IType> interfaces, params string[] allowed) =>
        Types().That().Are(interfaces).And().FollowCustomPredicate(t => !t.Name.Contains('<'), "written by hand")
            .Should().FollowCustomCondition(t => IsContract(t) || allowed.Any(a => t.FullName.StartsWith(a, StringComparison.Ordinal)),
                "be contracts: interfaces, [GenerateSerializer] types, serialization converters and copiers, static helpers",
                "is not a contract");

    /// <summary>(c) Data of record is written through a grain: no Api method calls a Storage write (<see cref="StorageWrites"/>).</summary>
    public static IArchRule ApiWritesNothingToStorage(IObjectProvider<IType> api) =>
        MethodMembers().That().AreDeclaredIn(api).Should().NotCallAny(StorageWrites.OfRecord);

    /// <summary>(d) Grains → Api or Silo never exists.</summary>
    public static IArchRule GrainsReachNeitherApiNorSilo(IObjectProvider<IType> grains) =>
        NotDependOn(grains, "the Api or the Silo", (_, target) => AssemblyName(target) is Assemblies.Api or Assemblies.Silo);

    /// <summary>(d) The Api speaks to grains through their interfaces, never to the grain classes.</summary>
    public static IArchRule ApiReachesNoGrainImplementation(IObjectProvider<IType> api) =>
        NotDependOn(api, "grain implementations (" + Assemblies.Grains + ")", (_, target) => AssemblyName(target) == Assemblies.Grains);

    /// <summary>(d) The Api co-hosts a silo through a shared hosting library, not through the Silo application.</summary>
    public static IArchRule ApiReachesNoSiloApplication(IObjectProvider<IType> api) =>
        NotDependOn(api, "the Silo application (" + Assemblies.Silo + ")", (_, target) => AssemblyName(target) == Assemblies.Silo);

    /// <summary>A project file's references to projects whose path names <paramref name="project"/> (e.g. "Silo").</summary>
    public static IReadOnlyList<string> ProjectReferencesTo(string projectFile, string project) =>
        ItemsOf(projectFile, "ProjectReference").Where(r => Regex.IsMatch(r, $@"[\\/]{project}[\\/]")).ToList();

    public static bool IsOrleans(IType type) => Named(type, @"^(Microsoft\.)?Orleans(\.|$)");

    public static bool IsNpgsql(IType type) => Named(type, @"^Npgsql(\.|$)");

    /// <summary>An assembly of ours (EduInfo.*, and Tools' "eduinfo") other than <paramref name="allowed"/>.</summary>
    public static bool IsOurs(IType type, params string[] allowed) =>
        OurAssembly().IsMatch(AssemblyName(type)) && !allowed.Contains(AssemblyName(type));

    private static bool IsContract(IType type) => type switch
    {
        Interface => true,
        _ when HasAttribute(type, "Orleans.GenerateSerializerAttribute") => true,
        Class { IsAbstract: true, IsSealed: true } => true,
        Class c => c.Namespace.FullName.EndsWith(".Serialization", StringComparison.Ordinal)
            && (HasAttribute(c, "Orleans.RegisterConverterAttribute", "Orleans.RegisterCopierAttribute")
                || c.ImplementedInterfaces.Any(i => i.FullName.StartsWith("Orleans.Serialization.", StringComparison.Ordinal))),
        _ => false,
    };

    private static bool HasAttribute(IType type, params string[] fullNames) => type.Attributes.Any(a => fullNames.Contains(a.FullName));

    /// <summary>Matched on the assembly and on the namespace: Orleans' types live in Orleans.* assemblies and namespaces alike.</summary>
    private static bool Named(IType type, string pattern) =>
        Regex.IsMatch(AssemblyName(type), pattern) || Regex.IsMatch(type.Namespace?.FullName ?? "", pattern);

    private static IArchRule NotDependOn(IObjectProvider<IType> subject, string what, Func<IType, IType, bool> forbidden) =>
        Types().That().Are(subject).Should().FollowCustomCondition(type =>
        {
            var reached = type.Dependencies.Select(d => d.Target).Where(target => forbidden(type, target))
                .Select(target => target.FullName).Distinct().Order(StringComparer.Ordinal).ToList();
            return new ConditionResult(type, reached.Count == 0, "depends on " + string.Join(", ", reached));
        }, "not depend on " + what);

    [GeneratedRegex(@"^eduinfo(\.|$)", RegexOptions.IgnoreCase)]
    private static partial Regex OurAssembly();
}
