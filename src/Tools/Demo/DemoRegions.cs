namespace EduInfo.Tools.Demo;

/// <summary>
/// The 20 regions of Kazakhstan (17 oblasts and the cities of republican significance Astana, Almaty, Shymkent)
/// with two real districts or cities each: the demo country's skeleton.
/// </summary>
public static class DemoRegions
{
    public sealed record Place(string Code, string Kk, string Ru, string En);

    public sealed record Region(Place Name, bool IsCity, IReadOnlyList<Place> Districts);

    public static readonly IReadOnlyList<Region> All =
    [
        Oblast("ABA", "Абай облысы", "Абайская область", "Abai Region",
            City("SEM", "Семей", "Семей", "Semey"), District("AYA", "Аягөз", "Аягозский", "Ayagoz")),
        Oblast("AKM", "Ақмола облысы", "Акмолинская область", "Akmola Region",
            City("KOK", "Көкшетау", "Кокшетау", "Kokshetau"), District("BUR", "Бурабай", "Бурабайский", "Burabay")),
        Oblast("AKT", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region",
            City("AKT", "Ақтөбе", "Актобе", "Aktobe"), District("MUG", "Мұғалжар", "Мугалжарский", "Mugalzhar")),
        Oblast("ALO", "Алматы облысы", "Алматинская область", "Almaty Region",
            City("KON", "Қонаев", "Конаев", "Konaev"), District("TAL", "Талғар", "Талгарский", "Talgar")),
        Oblast("ATY", "Атырау облысы", "Атырауская область", "Atyrau Region",
            City("ATY", "Атырау", "Атырау", "Atyrau"), District("ZHY", "Жылыой", "Жылыойский", "Zhylyoi")),
        Oblast("VKO", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region",
            City("OSK", "Өскемен", "Усть-Каменогорск", "Oskemen"), District("ZAI", "Зайсан", "Зайсанский", "Zaisan")),
        Oblast("ZHA", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region",
            City("TAR", "Тараз", "Тараз", "Taraz"), District("BAI", "Байзақ", "Байзакский", "Baizak")),
        Oblast("ZHE", "Жетісу облысы", "Область Жетісу", "Zhetysu Region",
            City("TAL", "Талдықорған", "Талдыкорган", "Taldykorgan"), District("ESK", "Ескелді", "Ескельдинский", "Eskeldi")),
        Oblast("KAR", "Қарағанды облысы", "Карагандинская область", "Karaganda Region",
            City("KAR", "Қарағанды", "Караганда", "Karaganda"), District("BUZ", "Бұқар жырау", "Бухар-Жырауский", "Bukhar-Zhyrau")),
        Oblast("KOS", "Қостанай облысы", "Костанайская область", "Kostanay Region",
            City("KOS", "Қостанай", "Костанай", "Kostanay"), City("RUD", "Рудный", "Рудный", "Rudny")),
        Oblast("KZY", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region",
            City("KZY", "Қызылорда", "Кызылорда", "Kyzylorda"), District("ARA", "Арал", "Аральский", "Aral")),
        Oblast("MAN", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region",
            City("AKU", "Ақтау", "Актау", "Aktau"), City("ZHO", "Жаңаөзен", "Жанаозен", "Zhanaozen")),
        Oblast("PAV", "Павлодар облысы", "Павлодарская область", "Pavlodar Region",
            City("PAV", "Павлодар", "Павлодар", "Pavlodar"), City("EKI", "Екібастұз", "Экибастуз", "Ekibastuz")),
        Oblast("SKO", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region",
            City("PET", "Петропавл", "Петропавловск", "Petropavl"), District("ESI", "Есіл", "Есильский", "Esil")),
        Oblast("TUR", "Түркістан облысы", "Туркестанская область", "Turkistan Region",
            City("TUR", "Түркістан", "Туркестан", "Turkistan"), District("SAI", "Сайрам", "Сайрамский", "Sairam")),
        Oblast("ULY", "Ұлытау облысы", "Улытауская область", "Ulytau Region",
            City("ZHE", "Жезқазған", "Жезказган", "Zhezkazgan"), City("SAT", "Сәтбаев", "Сатпаев", "Satbayev")),
        Oblast("ZKO", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region",
            City("ORA", "Орал", "Уральск", "Oral"), District("BOR", "Бөрлі", "Бурлинский", "Burli")),
        CityRegion("AST", "Астана қаласы", "город Астана", "Astana",
            District("ESI", "Есіл", "Есильский", "Yesil"), District("SAR", "Сарыарқа", "Сарыаркинский", "Saryarka")),
        CityRegion("ALA", "Алматы қаласы", "город Алматы", "Almaty",
            District("BOS", "Бостандық", "Бостандыкский", "Bostandyk"), District("MED", "Медеу", "Медеуский", "Medeu")),
        CityRegion("SHY", "Шымкент қаласы", "город Шымкент", "Shymkent",
            District("ABA", "Абай", "Абайский", "Abai"), District("ALF", "Әл-Фараби", "Аль-Фарабийский", "Al-Farabi")),
    ];

    private static Region Oblast(string code, string kk, string ru, string en, params Place[] districts) => new(new Place(code, kk, ru, en), false, districts);

    private static Region CityRegion(string code, string kk, string ru, string en, params Place[] districts) => new(new Place(code, kk, ru, en), true, districts);

    private static Place City(string code, string kk, string ru, string en) => new(code, $"{kk} қаласы", $"город {ru}", $"{en} city");

    private static Place District(string code, string kk, string ru, string en) => new(code, $"{kk} ауданы", $"{ru} район", $"{en} District");
}
