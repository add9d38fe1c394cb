using System.Text.RegularExpressions;
using System.Xml.Linq;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace EduInfo.UnitTests.Architecture;

/// <summary>
/// The projects of DESIGN.md §3 as ArchUnitNET sees them (IL, so calls inside async methods and lambdas count), loaded
/// once. Assemblies are named, not referenced by a type: the Silo application is not in this test's output, and rules
/// about it look only at the assemblies that must not reach it.
/// </summary>
public static class Layers
{
    /// <summary>The deliberate violators compiled into this test assembly; loaded alone, fed to the rules as if production.</summary>
    public const string ViolatorNamespace = "EduInfo.UnitTests.Architecture.Violators";

    private static readonly string[] Production =
        [Assemblies.Domain, Assemblies.Interfaces, Assemblies.Storage, Assemblies.Grains, Assemblies.Api, Assemblies.Hosting, Assemblies.Silo, Assemblies.Tools];

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded = new(() => new ArchLoader()
        .LoadAssemblies(Production.Select(Find).OfType<System.Reflection.Assembly>().ToArray())
        .LoadNamespacesWithinAssembly(typeof(Layers).Assembly, ViolatorNamespace)
        // Providers are cached by their description; the rules run over production and violators alike, so no cache.
        .WithoutRuleEvaluationCache()
        .Build());

    public static ArchUnitNET.Domain.Architecture Model => Loaded.Value;

    /// <summary>Every type an assembly of ours declares (compiler- and Orleans-generated ones included).</summary>
    public static IObjectProvider<IType> In(string assembly) =>
        Types().That().FollowCustomPredicate(t => AssemblyName(t) == assembly, "in " + assembly).As(assembly);

    /// <summary>The types in one namespace of the violators, standing in for a production assembly.</summary>
    public static IObjectProvider<IType> Violating(string subNamespace) =>
        Types().That().ResideInNamespaceMatching($@"^{Regex.Escape(ViolatorNamespace)}\.{subNamespace}$").As("violators " + subNamespace);

    /// <summary>
    /// The simple name of the assembly a type comes from, also for types only referenced (Orleans, Npgsql); "" for a
    /// generic parameter, which belongs to no assembly.
    /// </summary>
    public static string AssemblyName(IType type) =>
        type.Assembly?.FullName is { } name ? new System.Reflection.AssemblyName(name).Name ?? "" : "";

    /// <summary>The assemblies <paramref name="assembly"/> was compiled against (the compiler keeps only those it used).</summary>
    public static IReadOnlyList<string> ReferencesOf(string assembly) =>
        Find(assembly)?.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList() ?? throw new FileNotFoundException(assembly);

    /// <summary>The Include of every item of <paramref name="kind"/> (ProjectReference, PackageReference, …) in a project file.</summary>
    public static IReadOnlyList<string> ItemsOf(string projectFile, params string[] kinds) =>
        XDocument.Load(Path.Combine(RepositoryRoot.FullName, projectFile)).Descendants()
            .Where(e => kinds.Contains(e.Name.LocalName))
            .Select(e => $"{e.Name.LocalName} {e.Attribute("Include")?.Value}")
            .ToList();

    private static DirectoryInfo RepositoryRoot
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(root.FullName, "EduInfo.sln")))
            {
                root = root.Parent ?? throw new DirectoryNotFoundException("EduInfo.sln not found above the test output.");
            }
            return root;
        }
    }

    private static System.Reflection.Assembly? Find(string name) =>
        File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".dll")) ? System.Reflection.Assembly.Load(name) : null;
}

/// <summary>Our assemblies by name (a namespace of the same name would hide a constant named Domain or Api).</summary>
public static class Assemblies
{
    public const string Domain = "EduInfo.Domain";
    public const string Interfaces = "EduInfo.Grains.Interfaces";
    public const string Storage = "EduInfo.Storage";
    public const string Grains = "EduInfo.Grains";
    public const string Api = "EduInfo.Api";
    public const string Silo = "EduInfo.Silo";

    /// <summary>The silo configuration the Silo application and the Api's co-hosted silo share.</summary>
    public const string Hosting = "EduInfo.Hosting";

    public const string Tools = "eduinfo";
}
