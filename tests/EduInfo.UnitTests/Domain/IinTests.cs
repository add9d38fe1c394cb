using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Domain;

public sealed class IinTests
{
    // Check digits worked by hand: 9·1 + 1·4 + 1·6 + 3·7 = 40 ≡ 7 (mod 11) for 90010130000_.
    // 90010130081_: first pass 131 ≡ 10, so the second weights 3,4,…,11,1,2 give 78 ≡ 1.
    [Theory]
    [InlineData("900101300007", true)]   // first weights
    [InlineData("900101300017", true)]
    [InlineData("900101300811", true)]   // second weights
    [InlineData("900101300823", true)]
    [InlineData("900101300008", false)]  // wrong check digit
    [InlineData("900101300812", false)]  // wrong check digit on the second-weights path
    [InlineData("900101300800", false)]  // 10 on both passes: no digit is valid
    [InlineData("90010130000", false)]   // 11 digits
    [InlineData("9001013000070", false)] // 13 digits
    [InlineData("90010130000a", false)]
    [InlineData("９００１０１３０００７", false)] // full-width digits are not ASCII digits
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Validates_the_check_digit(string? iin, bool valid) => Assert.Equal(valid, Iin.IsValid(iin));

    [Theory]
    [InlineData("90010130000", 7)]
    [InlineData("90010130081", 1)]
    [InlineData("90010130080", null)]
    public void Computes_the_check_digit(string first11, int? expected) => Assert.Equal(expected, Iin.CheckDigit(first11));

    [Fact]
    public void A_card_masks_all_but_the_last_four_digits()
    {
        Assert.Equal("••••••••0007", EduInfo.Api.Contracts.StudentCardResponse.MaskIin("900101300007"));
        Assert.Equal("••••••••••••", EduInfo.Api.Contracts.StudentCardResponse.MaskIin("123"));
    }
}
