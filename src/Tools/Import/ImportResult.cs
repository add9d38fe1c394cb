using EduInfo.Storage.Registry.Model;

namespace EduInfo.Tools.Import;

/// <summary>The outcome of an import: every error (then nothing was written), or the rows written.</summary>
/// <param name="Errors">Every reason the import was refused, in file and line order; empty on success.</param>
/// <param name="Written">The rows loaded, or null when the import was refused.</param>
public sealed record ImportResult(IReadOnlyList<ImportError> Errors, RegistryData? Written)
{
    public bool Succeeded => Errors.Count == 0 && Written is not null;
}
