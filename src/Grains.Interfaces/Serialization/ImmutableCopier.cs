using Orleans.Serialization.Cloning;

namespace EduInfo.Grains.Interfaces.Serialization;

/// <summary>
/// The Domain knows nothing of Orleans (DESIGN.md §3), so its values that cross a grain call carry no
/// [GenerateSerializer]: each has a generated surrogate and a converter here, with field ids as they were when the
/// types lived in this project. They are immutable records, so a call within a silo passes them as they are instead of
/// copying through the surrogate.
/// </summary>
public abstract class ImmutableCopier<T> : IDeepCopier<T>
{
    public T? DeepCopy(T? input, CopyContext context) => input;
}
