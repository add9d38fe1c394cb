using EduInfo.Storage.Registry.Model;

namespace EduInfo.Tools.Demo;

/// <summary>Subjects of the demo curriculum and which grades study them.</summary>
public static class DemoSubjects
{
    public static readonly IReadOnlyList<SubjectRow> All =
    [
        new("KAZ", "Қазақ тілі", "Казахский язык", "Kazakh language"),
        new("RUS", "Орыс тілі", "Русский язык", "Russian language"),
        new("MAT", "Математика", "Математика", "Mathematics"),
        new("ENG", "Ағылшын тілі", "Английский язык", "English"),
        new("HIS", "Қазақстан тарихы", "История Казахстана", "History of Kazakhstan"),
        new("SCI", "Жаратылыстану", "Естествознание", "Natural science"),
        new("PHY", "Физика", "Физика", "Physics"),
        new("CHE", "Химия", "Химия", "Chemistry"),
        new("BIO", "Биология", "Биология", "Biology"),
        new("INF", "Информатика", "Информатика", "Computer science"),
        new("LIT", "Әдебиет", "Литература", "Literature"),
        new("PE", "Дене шынықтыру", "Физическая культура", "Physical education"),
        // Preschool educational areas (development levels I–III at each monitoring point).
        new("HEALTH", "Денсаулық", "Здоровье", "Health"),
        new("COMM", "Коммуникация", "Коммуникация", "Communication"),
        new("COGN", "Таным", "Познание", "Cognition"),
        new("CREA", "Шығармашылық", "Творчество", "Creativity"),
        new("SOCI", "Әлеуметтік орта", "Социум", "Social world"),
    ];

    /// <summary>The educational areas of a kindergarten group.</summary>
    public static readonly IReadOnlyList<string> Preschool = ["HEALTH", "COMM", "COGN", "CREA", "SOCI"];

    /// <summary>The subjects of a school grade (1–11); college groups use <see cref="College"/>.</summary>
    public static IReadOnlyList<string> ForGrade(int grade) => grade switch
    {
        <= 4 => ["KAZ", "RUS", "MAT", "SCI", "PE"],
        <= 6 => ["KAZ", "RUS", "MAT", "ENG", "HIS", "LIT", "INF", "PE"],
        <= 9 => ["KAZ", "RUS", "MAT", "ENG", "HIS", "LIT", "INF", "PHY", "CHE", "BIO", "PE"],
        _ => ["KAZ", "RUS", "MAT", "ENG", "HIS", "PHY", "CHE", "BIO", "INF", "PE"],
    };

    /// <summary>Subjects a large class learns in two subgroups.</summary>
    public static readonly IReadOnlyList<string> SplitInSubgroups = ["ENG", "INF", "KAZ"];

    public static readonly IReadOnlyList<string> College = ["KAZ", "RUS", "MAT", "ENG", "INF"];
}
