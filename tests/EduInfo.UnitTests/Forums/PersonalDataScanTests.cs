using EduInfo.Domain.Forums;
using Registry = EduInfo.Domain.Registry;
using static EduInfo.Domain.Forums.PersonalDataKind;

namespace EduInfo.UnitTests.Forums;

public sealed class PersonalDataScanTests
{
    // The IINs below, checked here so that a row flagged "not an IIN" is not merely a typo.
    [Theory]
    [InlineData("900101300007", true)]
    [InlineData("050315500123", true)]
    [InlineData("121205600030", true)]
    [InlineData("870112300009", true)]
    [InlineData("425234245344", true)] // "4 2 5 2 3 4 2 4 5 3 4 4", a row of marks, passes by chance
    [InlineData("900101300008", false)]
    [InlineData("050315500124", false)]
    public void The_test_IINs_are_what_they_claim(string iin, bool valid) => Assert.Equal(valid, Registry.Iin.IsValid(iin));

    [Theory]
    [InlineData("Баламның ЖСН 900101300007, көмектесіңіз", Iin)]
    [InlineData("ИИН: 050315 500123", Iin)]
    [InlineData("ИИН 900101 300 007", Iin)]
    [InlineData("ИИН 121205-600-030", Iin)]
    [InlineData("ИИН 9001 0130 0007.", Iin)]
    [InlineData("870112300009", Iin)]                      // 12 digits from 87: an IIN, not a phone
    [InlineData("+7 701 123 45 67", Phone)]
    [InlineData("+7 (701) 123-45-67", Phone)]
    [InlineData("звоните 8 (701) 123-45-67 после 18:00", Phone)]
    [InlineData("8(701)123-45-67", Phone)]
    [InlineData("8 701 123 45 67", Phone)]
    [InlineData("8.701.123.45.67", Phone)]
    [InlineData("87011234567", Phone)]
    [InlineData("+77011234567", Phone)]
    [InlineData("тел.+77011234567.", Phone)]
    [InlineData("+44 20 7946 0958", Phone)]                // 12 digits after a plus: a phone, never an IIN
    [InlineData("+1 212-555-0100", Phone)]
    [InlineData("+49 30 12345678", Phone)]
    [InlineData("ИИН 900101300007, тел. +7 701 123 45 67", Iin, Phone)]
    [InlineData("тел. 87011234567, ИИН 050315500123", Iin, Phone)]
    public void Personal_data_is_found(string text, params PersonalDataKind[] kinds) =>
        Assert.Equal(kinds, PersonalDataScan.Find(text));

    [Theory]
    [InlineData("Жиналыс 12.11.2026 сағат 18:30-да")]
    [InlineData("2025-2026 оқу жылы, 2026 жыл")]
    [InlineData("Бағасы 9/10, тест 85%")]
    [InlineData("№ 45 мектеп-гимназия, 8 сынып, 7 сабақ")]
    [InlineData("900101300008")]                           // the check digit is wrong
    [InlineData("ИИН 050315 500124")]                      // the check digit is wrong, grouped
    [InlineData("9001013000070")]                          // 13 digits: a valid IIN and one more
    [InlineData("1900101300007")]
    [InlineData("9001 01 30 00 07")]                       // five groups: more than an IIN is written in
    [InlineData("4 2 5 2 3 4 2 4 5 3 4 4")]                // marks, valid by chance as twelve digits
    [InlineData("900101.300007")]                          // a dot joins no IIN
    [InlineData("8 701 123 45 6")]                         // ten digits
    [InlineData("8 701 123 45 678")]                       // twelve digits
    [InlineData("88011234567")]                            // 8 then not 7
    [InlineData("7011234567")]                             // no trunk prefix
    [InlineData("+7 701 123")]                             // too few after the plus
    [InlineData("+1234567890123456")]                      // sixteen digits in a row after a plus
    [InlineData("+7 701 123 / 45 67")]                     // a slash joins no phone
    [InlineData("87011234567890")]                         // fourteen digits in a row
    [InlineData("2+2=4, 10+15")]
    public void Ordinary_numbers_are_not_personal_data(string text) => Assert.Empty(PersonalDataScan.Find(text));
}
