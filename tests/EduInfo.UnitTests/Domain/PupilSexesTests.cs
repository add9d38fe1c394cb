using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

/// <summary>A class record's compact sexes answer every lookup as the dictionary they are built from.</summary>
public sealed class PupilSexesTests
{
    // Pupils as id:M|F; then the ids looked up, some of them not in the class.
    [Theory]
    [InlineData("", "S1 ")]
    [InlineData("S1:M", "S1 S2 s1 ")]
    [InlineData("S2:F S1:M S3:F", "S1 S2 S3 S0 S4 S10")]
    [InlineData("S10:M S9:F S100:F S1:M", "S1 S9 S10 S100 S11 S99")]
    [InlineData("Ä:F A:M a:F Z:M", "A a Ä Z z Б")]
    public void Every_lookup_answers_as_the_dictionary(string pupils, string lookups)
    {
        var dictionary = pupils.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(p => p.Split(':')[0], p => p.Split(':')[1] == "M" ? PupilSex.Male : PupilSex.Female, StringComparer.Ordinal);
        var compact = new PupilSexes(dictionary);

        Assert.Equal(dictionary.Count, compact.Count);
        Assert.Equal(dictionary.OrderBy(p => p.Key, StringComparer.Ordinal), compact);
        Assert.Equal(dictionary.Keys.Order(StringComparer.Ordinal), compact.Keys);
        foreach (var id in lookups.Split(' ').Concat(dictionary.Keys))
        {
            Assert.Equal(dictionary.TryGetValue(id, out var expected), compact.TryGetValue(id, out var actual));
            Assert.Equal(expected, actual);
            Assert.Equal(dictionary.ContainsKey(id), compact.ContainsKey(id));
            if (dictionary.ContainsKey(id))
            {
                Assert.Equal(dictionary[id], compact[id]);
            }
            else
            {
                Assert.Throws<KeyNotFoundException>(() => compact[id]);
            }
        }
    }
}
