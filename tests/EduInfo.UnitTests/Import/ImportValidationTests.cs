using EduInfo.Storage.Registry.Model;
using EduInfo.Tools.Import;

namespace EduInfo.UnitTests.Import;

public sealed class ImportValidationTests
{
    private const string S1 = ImportFolderFixture.S1Iin;
    private const string Nodes = "nodes.csv", Organizations = "organizations.csv", Subjects = "subjects.csv", Classes = "classes.csv",
        Groups = "teaching_groups.csv", Students = "students.csv", Members = "group_members.csv", Teachers = "teachers.csv",
        Assignments = "assignments.csv", Parents = "parents.csv", Links = "student_parents.csv", Timetable = "timetable.csv";
    private const string TimetableHeader = "class_id,group_id,subject_id,weekday,period,from";
    private static readonly DateOnly Today = ImportFolderFixture.Today;

    private static readonly ExistingRegistry StoredHierarchy = new()
    {
        Nodes = new Dictionary<string, string> { ["KZ"] = "republic", ["R1"] = "region", ["D1"] = "district" },
        RepublicId = "KZ",
    };

    /// <summary>One change to the valid fixture, the registry it is checked against, and every error expected as "file:line:Code".</summary>
    private sealed record Case(Action<ImportFolderFixture> Change, string[] Expected, ExistingRegistry? Existing = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["the valid fixture"] = new(_ => { }, []),

        // Files and headers.
        ["a file outside the format"] = new(f => f.Files["pupils.csv"] = ["id"], ["pupils.csv:0:UnknownFile"]),
        ["an empty file hides references to its rows"] = new(f => f.Files[Teachers] = [], [$"{Teachers}:1:EmptyFile"]),
        ["an unknown column"] = new(f => f.Set(Nodes, 1, "id,parent_id,kind,name_kk,name_ru,name_en,population"), [$"{Nodes}:1:UnknownColumn"]),
        ["a missing column"] = new(f => f.Set(Organizations, 1, "id,node_id,kind,name_kk,name_ru,name_en,languages"), [$"{Organizations}:1:MissingColumn"]),
        ["a column in another case"] = new(f => f.Set(Subjects, 1, "ID,name_kk,name_ru,name_en"), [$"{Subjects}:1:UnknownColumn", $"{Subjects}:1:MissingColumn"]),
        ["a column twice"] = new(f => f.Set(Subjects, 1, "id,name_kk,name_ru,name_en,name_en"), [$"{Subjects}:1:DuplicateColumn"]),
        ["columns in another order"] = new(f => f
            .Set(Subjects, 1, "name_en,id,name_ru,name_kk")
            .Set(Subjects, 2, "Mathematics,MAT,Математика,Математика")
            .Set(Subjects, 3, "English,ENG,Английский язык,Ағылшын тілі"), []),
        ["a row with one value too many"] = new(f => f.Set(Students, 3, $"S2,{ImportFolderFixture.S2Iin},Ахметова,Аружан,,2015-07-22,C2,2026-09-01,2027-05-25,x"),
            [$"{Students}:3:FieldCount"]),
        ["a row with one value too few"] = new(f => f.Set(Members, 2, "G1,S1,2026-09-01"), [$"{Members}:2:FieldCount"]),
        ["a misplaced quote"] = new(f => f.Set(Teachers, 2, $"T1,{ImportFolderFixture.T1Iin},Жұмабаев \"Ерке\",Ерлан,Бауыржанұлы,O1"), [$"{Teachers}:2:BadQuote"]),
        ["an unclosed quote"] = new(f => f.Set(Parents, 2, $"PA1,{ImportFolderFixture.PA1Iin},\"Сейітова,Айгерім,Омарқызы"), [$"{Parents}:2:UnterminatedQuote"]),

        // Timetables: a slot without a group is the whole class's; weekdays are ISO 1..7, periods 1..12.
        ["a timetable"] = new(f => f.Files[Timetable] = [TimetableHeader, "C1,,MAT,1,1,2026-09-01", "C1,G1,ENG,1,2,2026-09-01"], []),
        ["a timetable weekday of 8"] = new(f => f.Files[Timetable] = [TimetableHeader, "C1,,MAT,8,1,2026-09-01"], [$"{Timetable}:2:NumberOutOfRange"]),
        ["a timetable period of 0"] = new(f => f.Files[Timetable] = [TimetableHeader, "C1,,MAT,1,0,2026-09-01"], [$"{Timetable}:2:NumberOutOfRange"]),
        ["a timetable weekday in words"] = new(f => f.Files[Timetable] = [TimetableHeader, "C1,,MAT,Monday,1,2026-09-01"], [$"{Timetable}:2:BadNumber"]),
        ["a timetable slot twice"] = new(f => f.Files[Timetable] = [TimetableHeader, "C1,,MAT,1,1,2026-09-01", "C1,,ENG,1,1,2026-09-01"],
            [$"{Timetable}:3:DuplicateRow"]),

        // Single values.
        ["a missing name"] = new(f => f.Set(Subjects, 2, "MAT,Математика,,Mathematics"), [$"{Subjects}:2:Required"]),
        ["a blank name"] = new(f => f.Set(Subjects, 2, "MAT,Математика,  ,Mathematics"), [$"{Subjects}:2:Required"]),
        ["a missing id"] = new(f => f.Append(Subjects, ",Физика,Физика,Physics"), [$"{Subjects}:4:Required"]),
        ["an id with a space"] = new(f => f.Append(Subjects, "P H,Физика,Физика,Physics"), [$"{Subjects}:4:BadId"]),
        ["an id with a slash"] = new(f => f.Append(Subjects, "PHY/1,Физика,Физика,Physics"), [$"{Subjects}:4:BadId"]),
        ["a day that does not exist"] = new(f => f.Set(Students, 2, $"S1,{S1},Сейітов,Нұрлан,,2015-02-30,C1,2026-09-01,"), [$"{Students}:2:BadDate"]),
        ["a date in another format"] = new(f => f.Set(Members, 2, "G1,S1,01.09.2026,"), [$"{Members}:2:BadDate"]),
        ["a missing enrolment date"] = new(f => f.Set(Students, 2, $"S1,{S1},Сейітов,Нұрлан,,2015-03-14,C1,,"), [$"{Students}:2:Required"]),
        ["a bad boolean"] = new(f => f.Set(Organizations, 2, "O1,D1,school,№1 мектеп,Школа №1,School No. 1,kk;ru,yes"), [$"{Organizations}:2:BadBoolean"]),
        ["a boolean as spreadsheets write it"] = new(f => f.Set(Organizations, 2, "O1,D1,school,№1 мектеп,Школа №1,School No. 1,kk;ru,TRUE"), []),
        ["an unknown node kind"] = new(f => f.Set(Nodes, 4, "D1,R1,city,Жезқазған,Жезказган,Zhezkazgan"), [$"{Nodes}:4:UnknownValue"]),
        ["a node kind in capitals"] = new(f => f.Set(Nodes, 3, "R1,KZ,Region,Облыс,Область,Region"), [$"{Nodes}:3:UnknownValue"]),
        ["an unknown organization kind"] = new(f => f.Set(Organizations, 2, "O1,D1,university,ЖОО,Вуз,University,kk,false"), [$"{Organizations}:2:organization.error.kindUnknown"]),
        ["a whole-class teaching group listed"] = new(f => f.Append(Groups, "G2,C1,class,ENG,5А"), [$"{Groups}:4:UnknownValue"]),
        ["an unknown relation"] = new(f => f.Set(Links, 3, "S2,PA1,aunt"), [$"{Links}:3:pupil.error.RelationInvalid"]),
        ["a language code of three letters"] = new(f => f.Set(Classes, 2, "C1,O1,2026-2027,5,А,kaz"), [$"{Classes}:2:organization.error.languageUnknown"]),
        ["a language list with a capital"] = new(f => f.Set(Organizations, 2, "O1,D1,school,№1 мектеп,Школа №1,School No. 1,kk;RU,true"), [$"{Organizations}:2:organization.error.languageUnknown"]),
        ["an IIN with a wrong check digit"] = new(f => f.Set(Students, 2, "S1,150314512014,Сейітов,Нұрлан,,2015-03-14,C1,2026-09-01,"), [$"{Students}:2:pupil.error.IinInvalid"]),
        ["an IIN of 11 digits"] = new(f => f.Set(Teachers, 2, "T1,82041732101,Жұмабаев,Ерлан,,O1"), [$"{Teachers}:2:staff.error.iinInvalid"]),
        ["an IIN with a letter"] = new(f => f.Set(Parents, 2, "PA1,85061143101O,Сейітова,Айгерім,"), [$"{Parents}:2:pupil.error.IinInvalid"]),
        ["a grade of 13"] = new(f => f.Set(Classes, 2, "C1,O1,2026-2027,13,А,kk"), [$"{Classes}:2:GradeOutOfRange"]),
        ["a grade of -1"] = new(f => f.Set(Classes, 2, "C1,O1,2026-2027,-1,А,kk"), [$"{Classes}:2:GradeOutOfRange"]),
        ["a grade in words"] = new(f => f.Set(Classes, 2, "C1,O1,2026-2027,five,А,kk"), [$"{Classes}:2:BadNumber"]),
        ["an academic year of two years"] = new(f => f.Set(Classes, 3, "C2,O1,2026-2028,10,Б,ru"), [$"{Classes}:3:BadAcademicYear"]),
        ["an academic year with a slash"] = new(f => f.Set(Classes, 3, "C2,O1,2026/2027,10,Б,ru"), [$"{Classes}:3:BadAcademicYear"]),
        ["an assignment ending before it starts"] = new(f => f.Set(Assignments, 4, "T1,PG1,MAT,2026-09-01,2026-08-31"), [$"{Assignments}:4:EndBeforeStart"]),
        ["an enrolment ending before it starts"] = new(f => f.Set(Students, 3, $"S2,{ImportFolderFixture.S2Iin},Ахметова,Аружан,,2015-07-22,C2,2026-09-01,2026-01-01"),
            [$"{Students}:3:EndBeforeStart"]),
        ["a one-day assignment"] = new(f => f.Set(Assignments, 4, "T1,PG1,MAT,2026-09-01,2026-09-01"), []),
        ["a republic with a parent"] = new(f => f.Set(Nodes, 2, "KZ,R1,republic,Қазақстан,Казахстан,Kazakhstan"), [$"{Nodes}:2:RepublicWithParent"]),
        ["a region without a parent"] = new(f => f.Set(Nodes, 3, "R1,,region,Облыс,Область,Region"), [$"{Nodes}:3:Required"]),
        ["a subgroup without a class"] = new(f => f.Set(Groups, 2, "G1,,subgroup,ENG,5А English 1"), [$"{Groups}:2:Required"]),
        ["a profile group with a class"] = new(f => f.Set(Groups, 3, "PG1,C2,profile,MAT,Mathematics profile"), [$"{Groups}:3:ProfileWithClass"]),
        ["three bad values in one row"] = new(f => f.Set(Students, 2, "S1,150314512014,Сейітов,,,2015-13-14,C1,2026-09-01,"),
            [$"{Students}:2:BadDate", $"{Students}:2:pupil.error.IinInvalid", $"{Students}:2:pupil.error.Required"]),

        // Rows against other rows.
        ["a subject id twice"] = new(f => f.Append(Subjects, "MAT,Алгебра,Алгебра,Algebra"), [$"{Subjects}:4:DuplicateId"]),
        ["an organization with a node's id"] = new(f => f.Append(Organizations, "D1,D1,school,Мектеп,Школа,School,kk,false"), [$"{Organizations}:3:DuplicateId"]),
        ["a class with an organization's id"] = new(f => f.Append(Classes, "O1,O1,2026-2027,6,А,kk"), [$"{Classes}:4:DuplicateId"]),
        ["a teaching group with a class's id"] = new(f => f.Append(Groups, "C2,C2,subgroup,ENG,10Б English"), [$"{Groups}:4:DuplicateId"]),
        ["a student's IIN twice"] = new(f => f.Append(Students, $"S3,{S1},Омаров,Айдос,,2015-03-14,C1,2026-09-01,"), [$"{Students}:4:DuplicateIin"]),
        ["a teacher who is also a parent keeps one IIN"] = new(f => f.Append(Parents, $"PA2,{ImportFolderFixture.T1Iin},Жұмабаев,Ерлан,"), []),
        ["an unknown parent node"] = new(f => f.Set(Nodes, 4, "D1,R9,district,Аудан,Район,District"), [$"{Nodes}:4:UnknownNode"]),
        ["an unknown managing node"] = new(f => f.Set(Organizations, 2, "O1,D9,school,№1 мектеп,Школа №1,School No. 1,kk,true"), [$"{Organizations}:2:UnknownNode"]),
        ["an unknown organization"] = new(f => f.Set(Classes, 3, "C2,O9,2026-2027,10,Б,ru"), [$"{Classes}:3:UnknownOrganization"]),
        ["an unknown organization of a teacher"] = new(f => f.Set(Teachers, 2, $"T1,{ImportFolderFixture.T1Iin},Жұмабаев,Ерлан,,O9"), [$"{Teachers}:2:UnknownOrganization"]),
        ["an unknown class"] = new(f => f.Set(Students, 3, $"S2,{ImportFolderFixture.S2Iin},Ахметова,Аружан,,2015-07-22,C9,2026-09-01,"), [$"{Students}:3:UnknownClass"]),
        ["an unknown subject"] = new(f => f.Set(Groups, 2, "G1,C1,subgroup,BIO,5А Biology 1"), [$"{Groups}:2:UnknownSubject"]),
        ["an unknown teacher"] = new(f => f.Set(Assignments, 2, "T9,C1,MAT,2026-09-01,"), [$"{Assignments}:2:UnknownTeacher"]),
        ["an unknown group"] = new(f => f.Set(Assignments, 3, "T1,G9,ENG,2026-09-01,"), [$"{Assignments}:3:UnknownGroup"]),
        ["an unknown member group"] = new(f => f.Set(Members, 2, "G9,S1,2026-09-01,"), [$"{Members}:2:UnknownGroup"]),
        ["an unknown student"] = new(f => f.Set(Links, 2, "S9,PA1,mother"), [$"{Links}:2:UnknownStudent"]),
        ["an unknown parent"] = new(f => f.Set(Links, 3, "S2,PA9,guardian"), [$"{Links}:3:UnknownParent"]),
        ["members listed for a whole class"] = new(f => f.Set(Members, 2, "C1,S1,2026-09-01,"), [$"{Members}:2:WholeClassGroup"]),
        ["a row whose other values are bad still counts as given"] = new(f => f.Set(Classes, 2, "C1,O1,2026-2027,99,А,kk"), [$"{Classes}:2:GradeOutOfRange"]),
        ["a link twice"] = new(f => f.Append(Links, "S1,PA1,guardian"), [$"{Links}:4:DuplicateRow"]),
        ["a membership twice"] = new(f => f.Append(Members, "G1,S1,2026-09-01,2026-12-31"), [$"{Members}:4:DuplicateRow"]),
        ["an assignment twice"] = new(f => f.Append(Assignments, "T1,C1,MAT,2026-09-01,"), [$"{Assignments}:5:DuplicateRow"]),
        ["an assignment twice from the same day"] = new(f => f.Append(Assignments, "T1,C1,MAT,2026-09-01,2026-12-31"), [$"{Assignments}:5:DuplicateRow"]),
        ["the same teaching from another first day"] = new(f => f.Append(Assignments, "T1,C1,MAT,2027-01-10,"), []),
        ["a second republic"] = new(f => f.Append(Nodes, "KZ2,,republic,Екінші,Вторая,Second"), [$"{Nodes}:5:SecondRepublic"]),
        ["a district under the republic"] = new(f => f.Set(Nodes, 4, "D1,KZ,district,Аудан,Район,District"), [$"{Nodes}:4:WrongParentKind"]),
        ["a region under a district: a cycle"] = new(f => f.Set(Nodes, 3, "R1,D1,region,Облыс,Область,Region"),
            [$"{Nodes}:3:WrongParentKind", $"{Nodes}:3:NodeCycle", $"{Nodes}:4:NodeCycle"]),
        ["a district its own parent"] = new(f => f.Set(Nodes, 4, "D1,D1,district,Аудан,Район,District"), [$"{Nodes}:4:WrongParentKind", $"{Nodes}:4:NodeCycle"]),
        ["errors in several files, all reported"] = new(f => f
                .Set(Nodes, 4, "D1,R1,city,Аудан,Район,District")
                .Set(Students, 2, "S1,150314512014,Сейітов,Нұрлан,,2015-03-14,C1,2026-09-01,")
                .Set(Students, 3, $"S2,{ImportFolderFixture.S2Iin},Ахметова,Аружан,,2015-07-22,C9,2026-09-01,")
                .Set(Assignments, 4, "T1,PG1,MAT,2026-09-01,2026-08-31")
                .Set(Links, 3, "S2,PA9,guardian"),
            [$"{Nodes}:4:UnknownValue", $"{Students}:2:pupil.error.IinInvalid", $"{Students}:3:UnknownClass", $"{Assignments}:4:EndBeforeStart", $"{Links}:3:UnknownParent"]),

        // Rows against the registry.
        ["nodes stored already, so organizations may refer to them"] = new(f => f.Remove(Nodes), [], StoredHierarchy),
        ["nodes neither given nor stored"] = new(f => f.Remove(Nodes), [$"{Organizations}:2:UnknownNode"]),
        ["a district under a stored district"] = new(f => f.Remove(Nodes).Files[Nodes] = ["id,parent_id,kind,name_kk,name_ru,name_en", "D2,D1,district,Аудан,Район,District"],
            [$"{Nodes}:2:WrongParentKind"], StoredHierarchy),
        ["a republic when one is stored"] = new(f => f.Set(Nodes, 2, "KZ0,,republic,Қазақстан,Казахстан,Kazakhstan")
                .Set(Nodes, 3, "R1,KZ0,region,Облыс,Область,Region"),
            [$"{Nodes}:2:SecondRepublic"], new() { RepublicId = "KZ", Nodes = new Dictionary<string, string> { ["KZ"] = "republic" } }),
        ["a stored subject id"] = new(_ => { }, [$"{Subjects}:2:IdExists"], new() { Subjects = new HashSet<string> { "MAT" } }),
        ["a node id stored as a class"] = new(_ => { }, [$"{Nodes}:4:IdExists"], new() { Classes = new HashSet<string> { "D1" } }),
        ["a class id stored as a profile group"] = new(_ => { }, [$"{Classes}:3:IdExists"], new() { Groups = new Dictionary<string, string> { ["C2"] = "profile" } }),
        ["a stored student IIN"] = new(_ => { }, [$"{Students}:2:IinExists"], new() { StudentIins = new HashSet<string> { S1 } }),
        ["a stored link"] = new(_ => { }, [$"{Links}:2:RowExists"], new() { StudentParents = new HashSet<(string, string)> { ("S1", "PA1") } }),
        ["a stored membership"] = new(_ => { }, [$"{Members}:3:RowExists"],
            new() { GroupMembers = new HashSet<(string, string, DateOnly)> { ("PG1", "S2", new DateOnly(2026, 9, 1)) } }),
        ["a stored assignment"] = new(_ => { }, [$"{Assignments}:3:RowExists"],
            new() { Assignments = new HashSet<(string, string, string, DateOnly)> { ("T1", "G1", "ENG", new DateOnly(2026, 9, 1)) } }),
        ["members of a stored whole class"] = new(f => f.Set(Members, 2, "C7,S1,2026-09-01,"), [$"{Members}:2:WholeClassGroup"],
            new() { Classes = new HashSet<string> { "C7" }, Groups = new Dictionary<string, string> { ["C7"] = "class" } }),
        ["an assignment to a stored profile group"] = new(f => f.Set(Assignments, 3, "T1,PG7,ENG,2026-09-01,"), [],
            new() { Groups = new Dictionary<string, string> { ["PG7"] = "profile" } }),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_bad_row_is_reported_with_its_file_line_and_reason(string name)
    {
        var @case = Cases[name];
        var fixture = new ImportFolderFixture();
        @case.Change(fixture);
        var errors = fixture.Validate(@case.Existing);
        Assert.Equal(@case.Expected, errors.Select(e => $"{e.File}:{e.Line}:{e.RuleKey ?? e.Code.ToString()}"));
    }

    [Fact]
    public void A_valid_import_yields_every_row_with_enrolments_from_the_students_file()
    {
        var parsed = new ImportFolderFixture().Parse();
        var data = parsed.ToRegistryData();
        Assert.Equal((3, 1, 2, 2, 2, 2, 2, 1, 3, 1, 2), (data.Nodes.Count, data.Organizations.Count, data.Subjects.Count, data.Classes.Count,
            data.TeachingGroups.Count, data.Students.Count, data.GroupMembers.Count, data.Teachers.Count, data.Assignments.Count,
            data.Parents.Count, data.StudentParents.Count));
        Assert.Equal(
            [new EnrolmentRow("S1", "C1", new DateOnly(2026, 9, 1), null), new EnrolmentRow("S2", "C2", new DateOnly(2026, 9, 1), new DateOnly(2027, 5, 25))],
            data.Enrolments);
        Assert.Null(data.Students.Single(s => s.Id == "S2").MiddleName);
        Assert.Equal(["kk", "ru"], data.Organizations.Single().Languages);
        Assert.True(data.Organizations.Single().IsRural);
        Assert.Null(data.TeachingGroups.Single(g => g.Id == "PG1").ClassId);
    }

    [Fact]
    public void A_folder_without_any_import_file_is_refused()
    {
        var errors = ImportValidator.Validate(ImportParser.Parse("empty", [], Today), ExistingRegistry.Empty);
        Assert.Equal([new ImportError("empty", 0, ImportErrorCode.NoFiles, string.Join(", ", ImportFormat.Tables.Select(t => t.File)))], errors);
    }

    [Fact]
    public void Arguments_name_the_column_and_the_place_of_the_first_occurrence()
    {
        var errors = new ImportFolderFixture()
            .Append(Subjects, "MAT,Алгебра,Алгебра,Algebra")
            .Set(Students, 3, $"S2,{ImportFolderFixture.S2Iin},Ахметова,Аружан,,2015-07-22,C9,2026-09-01,")
            .Validate();
        Assert.Equal(
            ["students.csv:3: Column 'class_id': there is no class 'C9' in the import or in the registry.",
             "subjects.csv:4: Id 'MAT' is already used at subjects.csv:2."],
            errors.Select(e => e.Render("en")).Order(StringComparer.Ordinal));
        Assert.Equal("subjects.csv:4: «MAT» идентификаторы subjects.csv:2 жолында бұрын қолданылған.",
            errors.Single(e => e.Code == ImportErrorCode.DuplicateId).Render("kk"));
        Assert.Equal("students.csv:3: Столбец «class_id»: класса «C9» нет ни в импорте, ни в реестре.",
            errors.Single(e => e.Code == ImportErrorCode.UnknownClass).Render("ru"));
    }

    [Fact]
    public void No_message_in_any_language_shows_an_IIN()
    {
        var stored = new ExistingRegistry { TeacherIins = new HashSet<string> { ImportFolderFixture.T1Iin } };
        var errors = new ImportFolderFixture()
            .Append(Students, $"S3,{S1},Омаров,Айдос,,2015-03-14,C1,2026-09-01,")                 // duplicate
            .Set(Parents, 2, "PA1,850611431015,Сейітова,Айгерім,")                                 // wrong check digit
            .Validate(stored);                                                                      // teacher stored
        Assert.Equal([ImportErrorCode.DuplicateIin, ImportErrorCode.IinExists, ImportErrorCode.Rule], errors.Select(e => e.Code));
        foreach (var language in new[] { "kk", "ru", "en" })
        {
            Assert.All(errors, e =>
            {
                var text = e.Render(language);
                Assert.DoesNotContain(S1, text);
                Assert.DoesNotContain(ImportFolderFixture.T1Iin, text);
                Assert.DoesNotContain("850611431015", text);
            });
        }
    }

    [Fact]
    public void The_documented_example_is_valid_and_complete()
    {
        var folder = Path.Combine(RepositoryRoot(), "docs", "import-example");
        var parsed = ImportParser.Parse("import-example", RegistryImporter.ReadFolder(folder), Today);
        Assert.Empty(ImportValidator.Validate(parsed, ExistingRegistry.Empty));
        var data = parsed.ToRegistryData();
        // Counted by hand from the files: 3 nodes, 1 school, 4 subjects, 2 classes, 2 English subgroups, 6 students,
        // 3 subgroup members, 3 teachers, 10 assignments, 3 parents, 4 links.
        Assert.Equal((3, 1, 4, 2, 2, 6, 6, 3, 3, 10, 3, 4), (data.Nodes.Count, data.Organizations.Count, data.Subjects.Count, data.Classes.Count,
            data.TeachingGroups.Count, data.Students.Count, data.Enrolments.Count, data.GroupMembers.Count, data.Teachers.Count,
            data.Assignments.Count, data.Parents.Count, data.StudentParents.Count));
        Assert.Equal("Школа-гимназия №7 \"Болашақ\", Жезказган", data.Organizations.Single().NameRu);
        // 8 timetable slots; a slot without a group is the whole class's.
        Assert.Equal(8, data.Timetable.Count);
        Assert.Equal("ULY-ZHZ-SCH7-5A", data.Timetable[0].GroupId);
        Assert.Equal(["region", "district"], data.Nodes.Where(n => n.ParentId is not null).Select(n => n.Kind));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EduInfo.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("EduInfo.sln not found above " + AppContext.BaseDirectory);
    }
}
