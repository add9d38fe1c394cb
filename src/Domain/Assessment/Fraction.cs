using System.Numerics;

namespace EduInfo.Domain.Assessment;

/// <summary>
/// An exact non-negative rational for assessment arithmetic: term percentages are computed at full precision and
/// rounded once, half-up (never binary floating point, never banker's rounding).
/// </summary>
public readonly record struct Fraction
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A fraction needs a non-zero denominator.");
        }
        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        (Numerator, Denominator) = gcd.IsOne || gcd.IsZero ? (numerator, denominator) : (numerator / gcd, denominator / gcd);
    }

    public static Fraction Zero { get; } = new(0, 1);

    public static Fraction Of(long value) => new(value, 1);

    public static Fraction operator +(Fraction a, Fraction b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Rounds half away from zero for non-negative values: 64.5 → 65, 39.49 → 39.</summary>
    public int RoundHalfUp() => (int)BigInteger.Divide(2 * Numerator + Denominator, 2 * Denominator);

    public decimal ToDecimal() => (decimal)Numerator / (decimal)Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
