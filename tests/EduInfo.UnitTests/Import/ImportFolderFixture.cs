using EduInfo.Domain.Csv;
using EduInfo.Tools.Import;

namespace EduInfo.UnitTests.Import;

/// <summary>
/// A small valid import written out line by line (line n of a file is index n - 1), which a test changes in one
/// place and then parses and validates without a database.
/// </summary>
internal sealed class ImportFolderFixture
{
    // IIN check digits worked out by hand (Σ dᵢ·i mod 11): 150314512013 (S1), 150722612028 (S2),
    // 820417321010 (T1), 850611431014 (PA1).
    /// <summary>The day the fixture is checked on (a birth date after it is refused).</summary>
    public static readonly DateOnly Today = new(2026, 11, 27);

    public const string S1Iin = "150314512013";
    public const string S2Iin = "150722612028";
    public const string T1Iin = "820417321010";
    public const string PA1Iin = "850611431014";

    public Dictionary<string, List<string>> Files { get; } = new()
    {
        ["nodes.csv"] =
        [
            "id,parent_id,kind,name_kk,name_ru,name_en",
            "KZ,,republic,Қазақстан Республикасы,Республика Казахстан,Republic of Kazakhstan",
            "R1,KZ,region,Ұлытау облысы,Улытауская область,Ulytau Region",
            "D1,R1,district,Жезқазған қаласы,город Жезказган,Zhezkazgan City",
        ],
        ["organizations.csv"] =
        [
            "id,node_id,kind,name_kk,name_ru,name_en,languages,is_rural",
            "O1,D1,school,№1 мектеп,Школа №1,School No. 1,kk;ru,true",
        ],
        ["subjects.csv"] =
        [
            "id,name_kk,name_ru,name_en",
            "MAT,Математика,Математика,Mathematics",
            "ENG,Ағылшын тілі,Английский язык,English",
        ],
        ["classes.csv"] =
        [
            "id,organization_id,academic_year,grade,letter,language",
            "C1,O1,2026-2027,5,А,kk",
            "C2,O1,2026-2027,10,Б,ru",
        ],
        ["teaching_groups.csv"] =
        [
            "id,class_id,kind,subject_id,name",
            "G1,C1,subgroup,ENG,5А English 1",
            "PG1,,profile,MAT,Mathematics profile",
        ],
        ["students.csv"] =
        [
            "id,iin,last_name,first_name,middle_name,birth_date,class_id,enrolled_from,enrolled_to",
            $"S1,{S1Iin},Сейітов,Нұрлан,Ерланұлы,2015-03-14,C1,2026-09-01,",
            $"S2,{S2Iin},Ахметова,Аружан,,2015-07-22,C2,2026-09-01,2027-05-25",
        ],
        ["group_members.csv"] =
        [
            "group_id,student_id,from,to",
            "G1,S1,2026-09-01,",
            "PG1,S2,2026-09-01,2027-05-25",
        ],
        ["teachers.csv"] =
        [
            "id,iin,last_name,first_name,middle_name,organization_id",
            $"T1,{T1Iin},Жұмабаев,Ерлан,Бауыржанұлы,O1",
        ],
        ["assignments.csv"] =
        [
            "teacher_id,group_id,subject_id,from,to",
            "T1,C1,MAT,2026-09-01,",
            "T1,G1,ENG,2026-09-01,",
            "T1,PG1,MAT,2026-09-01,2027-05-25",
        ],
        ["parents.csv"] =
        [
            "id,iin,last_name,first_name,middle_name",
            $"PA1,{PA1Iin},Сейітова,Айгерім,Омарқызы",
        ],
        ["student_parents.csv"] =
        [
            "student_id,parent_id,relation",
            "S1,PA1,mother",
            "S2,PA1,guardian",
        ],
    };

    /// <summary>Replaces line <paramref name="line"/> (1-based) of <paramref name="file"/>.</summary>
    public ImportFolderFixture Set(string file, int line, string text)
    {
        Files[file][line - 1] = text;
        return this;
    }

    public ImportFolderFixture Append(string file, string text)
    {
        Files[file].Add(text);
        return this;
    }

    public ImportFolderFixture Remove(string file)
    {
        Files.Remove(file);
        return this;
    }

    public ParsedImport Parse() =>
        ImportParser.Parse("folder", Files.Select(f => CsvReader.Read(f.Key, string.Join("\n", f.Value) + "\n")).ToList(), Today);

    public IReadOnlyList<ImportError> Validate(ExistingRegistry? existing = null) => ImportValidator.Validate(Parse(), existing ?? ExistingRegistry.Empty);
}
