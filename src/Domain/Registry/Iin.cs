namespace EduInfo.Domain.Registry;

/// <summary>
/// The individual identification number (ЖСН / ИИН): 12 digits, YYMMDD, a century-and-sex digit, a serial
/// and a check digit (DESIGN.md §2). Personal data: validate it, never log it.
/// </summary>
public static class Iin
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>True when the text is 12 digits with a correct check digit.</summary>
    public static bool IsValid(string? iin)
    {
        if (iin is not { Length: 12 } || !iin.All(char.IsAsciiDigit))
        {
            return false;
        }
        var check = CheckDigit(iin.AsSpan(0, 11));
        return check is not null && check == iin[11] - '0';
    }

    /// <summary>The check digit for the first 11 digits, or null when no digit can make them valid.</summary>
    public static int? CheckDigit(ReadOnlySpan<char> first11)
    {
        var digit = WeightedSum(first11, FirstWeights) % 11;
        if (digit == 10)
        {
            digit = WeightedSum(first11, SecondWeights) % 11;
            if (digit == 10)
            {
                return null;
            }
        }
        return digit;
    }

    private static int WeightedSum(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }
        return sum;
    }
}
