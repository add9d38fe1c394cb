namespace EduInfo.Storage;

/// <summary>
/// One instance of each id read in one query's rows. The rows a class grain keeps (its timetable's slots, its teachers'
/// assignments, its subgroups) repeat a few groups, subjects and teachers; read one by one each would be its own
/// string, held for the grain's life (issue 26.3).
/// </summary>
internal sealed class SharedNames
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public SharedNames(params ReadOnlySpan<string> known)
    {
        foreach (var name in known)
        {
            _names.Add(name);
        }
    }

    public string Share(string name) => _names.TryGetValue(name, out var shared) ? shared : Add(name);

    private string Add(string name)
    {
        _names.Add(name);
        return name;
    }
}
