using System.Collections;

namespace EduInfo.Domain.Registry;

/// <summary>
/// The pupils' sexes of a class by student id, as its record keeps them: the ids sorted in one array and a byte each in
/// another, not a dictionary. Every class grain holds one for its roster for the grain's life, and a dictionary of 25
/// entries (buckets, entries with hash codes and links) takes about three times the bytes (issue 26.3).
/// </summary>
public sealed class PupilSexes : IReadOnlyDictionary<string, PupilSex>
{
    private readonly string[] _ids;
    private readonly byte[] _sexes;

    public PupilSexes(IReadOnlyDictionary<string, PupilSex> sexes)
    {
        _ids = [.. sexes.Keys];
        Array.Sort(_ids, StringComparer.Ordinal);
        _sexes = new byte[_ids.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            _sexes[i] = (byte)sexes[_ids[i]];
        }
    }

    public int Count => _ids.Length;

    public IEnumerable<string> Keys => _ids;

    public IEnumerable<PupilSex> Values => _sexes.Select(s => (PupilSex)s);

    public PupilSex this[string key] => TryGetValue(key, out var sex) ? sex : throw new KeyNotFoundException($"No pupil '{key}' in the class's record.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out PupilSex value)
    {
        var i = Array.BinarySearch(_ids, key, StringComparer.Ordinal);
        value = i >= 0 ? (PupilSex)_sexes[i] : default;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, PupilSex>> GetEnumerator()
    {
        for (var i = 0; i < _ids.Length; i++)
        {
            yield return new(_ids[i], (PupilSex)_sexes[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
