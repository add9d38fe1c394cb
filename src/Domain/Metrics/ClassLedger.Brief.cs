using EduInfo.Domain.Assessment;

namespace EduInfo.Domain.Metrics;

public sealed partial class ClassLedger
{
    /// <summary>
    /// What the cells need of a result: its outcome, rounded percent and mark (not the exact percent and weights a view
    /// shows). Cached packed in an int per pupil, subject and term: 0 is no result (the pupil is left out there).
    /// </summary>
    private readonly record struct Brief(TermOutcome Outcome, int? Percent, int? Mark)
    {
        public const int None = 0;

        public bool IsSome { get; private init; } = true;

        public static Brief Of(TermResult result) => new(result.Outcome, result.Percent, result.Mark);

        public static int Pack(TermResult? result)
        {
            if (result is null)
            {
                return None;
            }
            if (result.Mark is < 0 or > 14 || result.Percent is < 0 or > 0x7FFFFE)
            {
                throw new ArgumentOutOfRangeException(nameof(result), result, "A mark 0–14 and a percent ≥ 0 fit the packed result.");
            }
            return ((int)result.Outcome + 1) | ((result.Mark + 1 ?? 0) << 4) | ((result.Percent + 1 ?? 0) << 8);
        }

        public static Brief Unpack(int packed) => packed == None
            ? new Brief { IsSome = false }
            : new Brief((TermOutcome)((packed & 0xF) - 1), packed >> 8 is var p and > 0 ? p - 1 : null, ((packed >> 4) & 0xF) is var m and > 0 ? m - 1 : null);
    }
}
