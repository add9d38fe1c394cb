using EduInfo.Domain.Registry;

namespace EduInfo.Tools.Demo;

/// <summary>Plausible Kazakh names and valid IINs for the demo country, from a seeded random source.</summary>
internal sealed class DemoPeople(Random random)
{
    private static readonly string[] MaleNames =
        ["Нұрлан", "Асқар", "Ерлан", "Дәурен", "Айдос", "Арман", "Бауыржан", "Ержан", "Қанат", "Марат",
         "Алихан", "Әли", "Омар", "Санжар", "Темірлан", "Данияр", "Ислам", "Ансар", "Мирас", "Нұрсұлтан"];

    private static readonly string[] FemaleNames =
        ["Айгерім", "Аружан", "Дана", "Жансая", "Мадина", "Әйгерім", "Гүлнұр", "Дариға", "Камила", "Ақбота",
         "Аяулым", "Інжу", "Сабина", "Томирис", "Айша", "Жасмин", "Амина", "Назерке", "Меруерт", "Сезім"];

    private static readonly string[] Surnames =
        ["Ахметов", "Серікбаев", "Жұмабаев", "Нұрланов", "Исаев", "Омаров", "Сәрсенбаев", "Қасымов", "Тоқтаров", "Бекетов",
         "Әбенов", "Мұратов", "Ермеков", "Құрманов", "Сейітов", "Ибраев", "Байжанов", "Оспанов", "Смағұлов", "Ким"];

    private readonly HashSet<string> _issued = [];

    public (string Last, string First, string Middle, bool Male) Name()
    {
        var male = random.Next(2) == 0;
        var surname = Surnames[random.Next(Surnames.Length)];
        var last = male || surname == "Ким" ? surname : surname + "а";
        var first = male ? MaleNames[random.Next(MaleNames.Length)] : FemaleNames[random.Next(FemaleNames.Length)];
        var father = MaleNames[random.Next(MaleNames.Length)];
        return (last, first, father + (male ? "ұлы" : "қызы"), male);
    }

    public DateOnly BirthDate(int year) => new DateOnly(year, 1, 1).AddDays(random.Next(365));

    /// <summary>A unique, valid IIN: YYMMDD, the century-and-sex digit, a serial, the check digit.</summary>
    public string Iin(DateOnly birth, bool male)
    {
        var century = birth.Year >= 2000 ? (male ? 5 : 6) : (male ? 3 : 4);
        var prefix = $"{birth:yyMMdd}{century}";
        var serial = random.Next(10000);
        for (var attempt = 0; attempt < 10000; attempt++, serial = (serial + 1) % 10000)
        {
            var first11 = $"{prefix}{serial:D4}";
            if (EduInfo.Domain.Registry.Iin.CheckDigit(first11) is { } check && _issued.Add(first11 + check))
            {
                return first11 + check;
            }
        }
        throw new InvalidOperationException("No free IIN serial for that birth date.");
    }
}
