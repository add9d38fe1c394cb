using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Registry;
using EduInfo.Tools.Demo;
using EduInfo.Tools.Import;

namespace EduInfo.IntegrationTests.Import;

/// <summary>`eduinfo import` against a real PostgreSQL: the documented example, all-or-nothing refusals, imports under existing nodes, a round trip.</summary>
public sealed class ImportTests : IAsyncLifetime
{
    private static readonly string[] Tables =
    [
        "nodes", "organizations", "subjects", "classes", "teaching_groups", "students", "enrolments", "teaching_group_members",
        "teachers", "assignments", "parents", "student_parents", "class_watermarks",
    ];

    private readonly TestDatabase _db = new();
    private readonly List<string> _folders = [];

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task The_documented_example_lands_with_paths_numbered_enrolments_and_watermarks()
    {
        var (code, output, errors) = await RunAsync(_db, CopyOfExample(), "--lang", "en");

        Assert.Equal("", errors);
        Assert.Equal(0, code);
        Assert.Equal("Imported: 3 nodes, 1 organizations, 4 subjects, 2 classes, 2 teaching groups, 6 students, 3 group memberships, " +
                     "3 teachers, 10 assignments, 3 parents, 4 student–parent links, 8 timetable slots.", output.Trim());
        // By hand from docs/import-example: each class is also a whole-class teaching group (2 + 2 subgroups).
        Assert.Equal(new long[] { 3, 1, 4, 2, 4, 6, 6, 3, 3, 10, 3, 4, 2 }, await CountsAsync(_db));
        Assert.Equal(["KZ", "KZ-ULY", "KZ-ULY-ZHZ", "ULY-ZHZ-SCH7", "ULY-ZHZ-SCH7-5A"], await PathAsync("classes", "ULY-ZHZ-SCH7-5A"));
        // The timetable: both English subgroups of 5A in parallel on Monday, period 3.
        Assert.Equal(8, await _db.ScalarAsync<long>("SELECT count(*) FROM timetable_slots"));
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT count(*) FROM timetable_slots WHERE class_id = 'ULY-ZHZ-SCH7-5A' AND weekday = 1 AND period = 3"));
        Assert.Equal(["KZ", "KZ-ULY", "KZ-ULY-ZHZ", "ULY-ZHZ-SCH7"], await PathAsync("organizations", "ULY-ZHZ-SCH7"));
        Assert.Equal("Школа-гимназия №7 \"Болашақ\", Жезказган",
            await _db.ScalarAsync<string>("SELECT name_ru FROM organizations WHERE id = 'ULY-ZHZ-SCH7'"));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM students WHERE id = 'S-0004' AND middle_name IS NOT NULL"));
        // One audit row of the load, in its transaction: the counts, never a row.
        Assert.Equal("6/3/1", await _db.ScalarAsync<string>(
            "SELECT (detail->>'students') || '/' || (detail->>'teachers') || '/' || (detail->>'organizations') FROM audit_log WHERE action = 'registry.import' AND outcome = 'committed'"));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE detail::text LIKE '%150314512013%'"));

        var sequences = await ColumnAsync<long>("SELECT seq FROM enrolments");
        Assert.Equal(6, sequences.Distinct().Count());
        foreach (var classId in new[] { "ULY-ZHZ-SCH7-5A", "ULY-ZHZ-SCH7-5B" })
        {
            var enrolled = await ColumnAsync<long>("SELECT seq FROM enrolments WHERE class_id = @c", ("c", classId));
            Assert.Equal(3, enrolled.Count);
            Assert.Equal(enrolled.Max(), await _db.ScalarAsync<long>("SELECT seq FROM class_watermarks WHERE class_id = @c", ("c", classId)));
        }
    }

    [Fact]
    public async Task A_folder_with_errors_in_several_files_imports_nothing_and_reports_every_error()
    {
        await RunAsync(_db, CopyOfExample());
        var before = await CountsAsync(_db);
        var folder = NewFolder(new()
        {
            ["nodes.csv"] =
            [
                "id,parent_id,kind,name_kk,name_ru,name_en",
                "KZ-ULY-SAT,KZ-ULY,district,Сәтбаев қаласы,город Сатпаев,Satpayev City",
                "KZ-ULY-X,KZ-ULY,town,Қала,Город,Town",
            ],
            ["organizations.csv"] =
            [
                "id,node_id,kind,name_kk,name_ru,name_en,languages,is_rural",
                "ULY-SAT-SCH1,KZ-ULY-SAT,school,№1 мектеп,Школа №1,\"School No. 1", "Satpayev\",kk,false",  // one record on lines 2-3
                "ULY-SAT-SCH2,KZ-ULY-SAT,school,№2 мектеп,Школа №2,School No. 2,kk,maybe",
            ],
            ["classes.csv"] =
            [
                "id,organization_id,academic_year,grade,letter,language",
                "ULY-SAT-SCH1-1A,ULY-SAT-SCH1,2026-2027,1,А,kk",
                "ULY-ZHZ-SCH7-5A,ULY-SAT-SCH1,2026-2027,1,Б,kk",
            ],
            ["students.csv"] =
            [
                "id,iin,last_name,first_name,middle_name,birth_date,class_id,enrolled_from,enrolled_to",
                "S-0101,141020612082,Тоқтарова,Томирис,Ансарқызы,2014-10-20,ULY-SAT-SCH1-1A,2026-09-01,",
                "S-0102,150314512013,Сейітов,Нұрлан,Ерланұлы,2015-03-14,ULY-SAT-SCH1-1A,2026-09-01,",
                "S-0103,141020612083,Ибраева,Сезім,,2014-10-20,ULY-SAT-SCH1-1A,2026-09-01,",
            ],
            ["assignments.csv"] =
            [
                "teacher_id,group_id,subject_id,from,to",
                "T-0009,ULY-SAT-SCH1-1A,KAZ,2026-09-01,",
                "T-0001,ULY-SAT-SCH1-1A,KAZ,2026-09-01,2026-08-01",
            ],
            ["student_parents.csv"] =
            [
                "student_id,parent_id,relation",
                "S-0101,P-0001,guardian",
                "S-0101,P-0099,father",
            ],
        });

        var (code, output, errors) = await RunAsync(_db, folder, "--lang", "en");

        Assert.Equal(1, code);
        Assert.Equal(
        [
            "nodes.csv:3: Column 'kind': unknown value 'town'; allowed: republic, region, district.",
            // A name with a line break in it is no name an organization's profile takes: the profile's rule, in its words.
            "organizations.csv:2: Column 'name_en': A name may not contain control characters or invisible characters that change the direction of text, and must contain a letter.",
            "organizations.csv:4: Column 'is_rural' must be true or false.",
            "classes.csv:3: Id 'ULY-ZHZ-SCH7-5A' already exists in the registry.",
            "students.csv:3: The IIN in column 'iin' is already in the registry.",
            "students.csv:4: Column 'iin': The IIN is invalid: it needs 12 digits, a correct check digit and a possible birth date.",
            "assignments.csv:2: Column 'teacher_id': there is no teacher 'T-0009' in the import or in the registry.",
            "assignments.csv:3: Column 'to' is earlier than column 'from'.",
            "student_parents.csv:3: Column 'parent_id': there is no parent 'P-0099' in the import or in the registry.",
            "Errors: 9. Nothing was imported.",
        ], Lines(errors));
        Assert.DoesNotContain("150314512013", errors);
        Assert.DoesNotContain("141020612083", errors);
        Assert.Equal("", output);
        Assert.Equal(before, await CountsAsync(_db));
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'registry.import'"));
    }

    [Fact]
    public async Task Messages_come_in_Kazakh_by_default_and_in_Russian_on_request()
    {
        var folder = NewFolder(new() { ["subjects.csv"] = ["id,name_kk,name_ru,name_en", "MAT,Математика,,Mathematics"] });

        var (_, _, kazakh) = await RunAsync(_db, folder);
        var (_, _, russian) = await RunAsync(_db, folder, "--lang", "ru");

        Assert.Equal(["subjects.csv:2: «name_ru» бағаны бос; мәні міндетті.", "Қателер саны: 1. Ештеңе импортталмады."], Lines(kazakh));
        Assert.Equal(["subjects.csv:2: Столбец «name_ru» пуст; значение обязательно.", "Ошибок: 1. Ничего не импортировано."], Lines(russian));
    }

    [Fact]
    public async Task A_second_folder_hangs_new_rows_under_nodes_organizations_and_classes_already_stored()
    {
        await RunAsync(_db, CopyOfExample());
        var watermarkBefore = await _db.ScalarAsync<long>("SELECT seq FROM class_watermarks WHERE class_id = 'ULY-ZHZ-SCH7-5A'");
        var folder = NewFolder(new()
        {
            ["nodes.csv"] = ["id,parent_id,kind,name_kk,name_ru,name_en", "KZ-ULY-SAT,KZ-ULY,district,Сәтбаев қаласы,город Сатпаев,Satpayev City"],
            ["organizations.csv"] =
            [
                "id,node_id,kind,name_kk,name_ru,name_en,languages,is_rural",
                "ULY-SAT-SCH1,KZ-ULY-SAT,school,№1 мектеп,Школа №1,School No. 1,kk,false",
                "ULY-ZHZ-SCH9,KZ-ULY-ZHZ,school,№9 мектеп,Школа №9,School No. 9,ru,false",
            ],
            ["classes.csv"] =
            [
                "id,organization_id,academic_year,grade,letter,language",
                "ULY-SAT-SCH1-1A,ULY-SAT-SCH1,2026-2027,1,А,kk",
                "ULY-ZHZ-SCH7-6A,ULY-ZHZ-SCH7,2026-2027,6,А,kk",
            ],
            ["students.csv"] =
            [
                "id,iin,last_name,first_name,middle_name,birth_date,class_id,enrolled_from,enrolled_to",
                "S-0101,141020612082,Тоқтарова,Томирис,Ансарқызы,2014-10-20,ULY-SAT-SCH1-1A,2026-09-01,",
                "S-0102,130505513006,Оспанов,Мирас,Данярұлы,2013-05-05,ULY-ZHZ-SCH7-5A,2026-11-02,",
            ],
            ["assignments.csv"] = ["teacher_id,group_id,subject_id,from,to", "T-0001,ULY-SAT-SCH1-1A,KAZ,2026-09-01,"],
            ["student_parents.csv"] = ["student_id,parent_id,relation", "S-0101,P-0001,guardian"],
        });

        var (code, output, errors) = await RunAsync(_db, folder, "--lang", "en");

        Assert.Equal("", errors);
        Assert.Equal(0, code);
        Assert.StartsWith("Imported: 1 nodes, 2 organizations, 0 subjects, 2 classes,", output.Trim());
        Assert.Equal(["KZ", "KZ-ULY", "KZ-ULY-SAT"], await PathAsync("nodes", "KZ-ULY-SAT"));
        Assert.Equal(["KZ", "KZ-ULY", "KZ-ULY-ZHZ", "ULY-ZHZ-SCH9"], await PathAsync("organizations", "ULY-ZHZ-SCH9"));
        Assert.Equal(["KZ", "KZ-ULY", "KZ-ULY-SAT", "ULY-SAT-SCH1", "ULY-SAT-SCH1-1A"], await PathAsync("classes", "ULY-SAT-SCH1-1A"));
        Assert.Equal(["KZ", "KZ-ULY", "KZ-ULY-ZHZ", "ULY-ZHZ-SCH7", "ULY-ZHZ-SCH7-6A"], await PathAsync("classes", "ULY-ZHZ-SCH7-6A"));

        // The new student of an existing class moves that class's version past every earlier enrolment.
        var enrolled = await ColumnAsync<long>("SELECT seq FROM enrolments WHERE class_id = 'ULY-ZHZ-SCH7-5A'");
        Assert.Equal(4, enrolled.Count);
        var watermarkAfter = await _db.ScalarAsync<long>("SELECT seq FROM class_watermarks WHERE class_id = 'ULY-ZHZ-SCH7-5A'");
        Assert.True(watermarkAfter > watermarkBefore);
        Assert.Equal(enrolled.Max(), watermarkAfter);
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT count(*) FROM class_watermarks WHERE class_id = 'ULY-SAT-SCH1-1A'"));
    }

    [Fact]
    public async Task Importing_the_example_twice_refuses_the_second_time_with_every_row_already_stored()
    {
        await RunAsync(_db, CopyOfExample());
        var before = await CountsAsync(_db);

        var (code, _, errors) = await RunAsync(_db, CopyOfExample(), "--lang", "en");

        // 24 ids (3 nodes, 1 organization, 4 subjects, 2 classes, 2 groups, 6 students, 3 teachers, 3 parents),
        // 12 IINs (6 + 3 + 3), 25 rows without ids (3 memberships, 10 assignments, 4 links, 8 timetable slots).
        Assert.Equal(1, code);
        Assert.Equal("Errors: 61. Nothing was imported.", Lines(errors)[^1]);
        Assert.Equal(61, Lines(errors).Length - 1);
        Assert.Equal(before, await CountsAsync(_db));
    }

    [Fact]
    public async Task A_missing_folder_is_a_usage_error()
    {
        var (code, _, errors) = await RunAsync(_db, Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N")), "--lang", "en");
        Assert.Equal(2, code);
        Assert.StartsWith("There is no folder", errors);
        Assert.Equal(2, (await RunAsync(_db, CopyOfExample(), "--lang", "de")).Code);
    }

    [Theory]
    [InlineData(8, false)]  // the tiny country as the tests use it: no subgroups
    [InlineData(24, true)]  // classes large enough to learn languages and informatics in subgroups
    public async Task The_tiny_demo_country_exported_to_CSV_and_imported_matches_a_direct_load(int studentsPerClass, bool subgroups)
    {
        var data = DemoCountry.Generate(DemoCountryOptions.Tiny with { StudentsPerClass = studentsPerClass });
        // The case is about what it says: with subgroups their rosters must travel through group_members.csv.
        Assert.Equal(subgroups, data.GroupMembers.Count > 0);
        var direct = new TestDatabase();
        await direct.InitializeAsync();
        try
        {
            await new RegistryWriter(direct.DataSource).WriteAsync(data);
            var folder = NewFolder(new());
            CsvFolderWriter.Write(data, folder);

            var result = await new RegistryImporter(_db.DataSource, TestClock.Today, "import-test").ImportAsync(folder);

            Assert.Empty(result.Errors.Select(e => e.Render("en")));
            Assert.Equal(await CountsAsync(direct), await CountsAsync(_db));
            const string paths = "SELECT string_agg(id || '=' || array_to_string(path, '/'), ',' ORDER BY id) FROM classes";
            Assert.Equal(await direct.ScalarAsync<string>(paths), await _db.ScalarAsync<string>(paths));
            // Every subgroup roster row, field by field, as the direct load wrote it.
            const string members = "SELECT coalesce(string_agg(group_id || ':' || student_id || ':' || from_date || ':' || coalesce(to_date::text, '-'), ',' " +
                                   "ORDER BY group_id, student_id, from_date), '') FROM teaching_group_members";
            Assert.Equal(data.GroupMembers.Count, await _db.ScalarAsync<long>("SELECT count(*) FROM teaching_group_members"));
            Assert.Equal(await direct.ScalarAsync<string>(members), await _db.ScalarAsync<string>(members));
        }
        finally
        {
            await direct.DisposeAsync();
        }
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(TestDatabase db, string folder, params string[] options)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ImportCommand.RunAsync(db.DataSource, TestClock.Today, [folder, .. options], output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private static async Task<long[]> CountsAsync(TestDatabase db)
    {
        var counts = new long[Tables.Length];
        for (var i = 0; i < Tables.Length; i++)
        {
            counts[i] = await db.ScalarAsync<long>($"SELECT count(*) FROM {Tables[i]}");
        }
        return counts;
    }

    private async Task<string[]> PathAsync(string table, string id)
    {
        await using var command = _db.DataSource.CreateCommand($"SELECT path FROM {table} WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return (string[])(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<T>> ColumnAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = _db.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }
        return values;
    }

    private string CopyOfExample()
    {
        var source = Path.Combine(RepositoryRoot(), "docs", "import-example");
        var folder = NewFolder(new());
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    /// <summary>A temporary folder with the given files, written with LF line ends.</summary>
    private string NewFolder(Dictionary<string, string[]> files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "eduinfo-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        foreach (var (name, lines) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), string.Join("\n", lines) + "\n");
        }
        return folder;
    }

    private static string RepositoryRoot()
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
