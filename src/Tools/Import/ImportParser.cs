using EduInfo.Domain.Csv;
using EduInfo.Domain.Registry;
using EduInfo.Storage.Registry.Model;

namespace EduInfo.Tools.Import;

/// <summary>
/// Turns the CSV documents of an import into typed rows, checking the files, the headers and every single value — a
/// person's, an organization's and a link's by the same Domain rules the API checks (PupilValidator, StaffValidator,
/// ParentLinkValidator, OrganizationProfileValidator), with the API's messages. Pure: checks that need other rows or
/// the registry are <see cref="ImportValidator"/>'s.
/// </summary>
public static class ImportParser
{
    private static readonly IReadOnlyDictionary<string, ImportEntity> IdOf = new Dictionary<string, ImportEntity>
    {
        [ImportFormat.Nodes] = ImportEntity.Node,
        [ImportFormat.Organizations] = ImportEntity.Organization,
        [ImportFormat.Subjects] = ImportEntity.Subject,
        [ImportFormat.Classes] = ImportEntity.Class,
        [ImportFormat.TeachingGroups] = ImportEntity.TeachingGroup,
        [ImportFormat.Students] = ImportEntity.Student,
        [ImportFormat.Teachers] = ImportEntity.Teacher,
        [ImportFormat.Parents] = ImportEntity.Parent,
    };

    private static readonly IReadOnlyDictionary<string, Action<CsvRow, ParsedImport, DateOnly>> RowParsers = new Dictionary<string, Action<CsvRow, ParsedImport, DateOnly>>
    {
        [ImportFormat.Nodes] = Node,
        [ImportFormat.Organizations] = Organization,
        [ImportFormat.Subjects] = Subject,
        [ImportFormat.Classes] = Class,
        [ImportFormat.TeachingGroups] = TeachingGroup,
        [ImportFormat.Students] = Student,
        [ImportFormat.GroupMembers] = GroupMember,
        [ImportFormat.Teachers] = Teacher,
        [ImportFormat.Assignments] = Assignment,
        [ImportFormat.Parents] = Parent,
        [ImportFormat.StudentParents] = StudentParent,
        [ImportFormat.Timetable] = TimetableSlot,
    };

    /// <summary>Parses the documents read from a folder (named <paramref name="folder"/> in errors about the folder as a whole).</summary>
    /// <param name="today">Kazakhstan's date: a birth date after it is refused, as the API refuses it.</param>
    public static ParsedImport Parse(string folder, IReadOnlyList<CsvDocument> documents, DateOnly today)
    {
        var import = new ParsedImport();
        var known = ImportFormat.Tables.Select(t => t.File).ToList();
        foreach (var document in documents.Where(d => !known.Contains(d.File)))
        {
            import.Errors.Add(new ImportError(document.File, 0, ImportErrorCode.UnknownFile, string.Join(", ", known)));
        }
        if (!documents.Any(d => known.Contains(d.File)))
        {
            import.Errors.Add(new ImportError(folder, 0, ImportErrorCode.NoFiles, string.Join(", ", known)));
        }
        foreach (var table in ImportFormat.Tables)
        {
            if (documents.FirstOrDefault(d => d.File == table.File) is { } document)
            {
                ParseFile(table, document, import, today);
            }
        }
        return import;
    }

    private static void ParseFile(ImportTable table, CsvDocument document, ParsedImport import, DateOnly today)
    {
        var file = table.File;
        import.Errors.AddRange(document.Errors.Select(e => new ImportError(file, e.Line, Enum.Parse<ImportErrorCode>(e.Error.ToString()))));
        var entity = IdOf.TryGetValue(file, out var e) ? e : (ImportEntity?)null;
        if (!document.Complete && entity is not null)
        {
            import.Unreadable.Add(entity.Value);
        }
        if (document.Records.Count == 0)
        {
            if (document.Complete)
            {
                import.Errors.Add(new ImportError(file, 1, ImportErrorCode.EmptyFile));
            }
            if (entity is not null)
            {
                import.Unreadable.Add(entity.Value);
            }
            return;
        }

        var header = document.Records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerErrors = import.Errors.Count;
        if (header.Malformed)
        {
            // The reader has reported the quote; the names cannot be trusted.
            if (entity is not null)
            {
                import.Unreadable.Add(entity.Value);
            }
            return;
        }
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i];
            if (!table.Columns.Contains(name))
            {
                import.Errors.Add(new ImportError(file, header.Line, ImportErrorCode.UnknownColumn, name));
            }
            else if (!columns.TryAdd(name, i))
            {
                import.Errors.Add(new ImportError(file, header.Line, ImportErrorCode.DuplicateColumn, name));
            }
        }
        foreach (var missing in table.Columns.Where(c => !columns.ContainsKey(c)))
        {
            import.Errors.Add(new ImportError(file, header.Line, ImportErrorCode.MissingColumn, missing));
        }
        var headerIsRight = import.Errors.Count == headerErrors;
        var idColumn = entity is not null && columns.TryGetValue("id", out var index) ? index : (int?)null;
        if (!headerIsRight && entity is not null && idColumn is null)
        {
            import.Unreadable.Add(entity.Value);
        }

        foreach (var record in document.Records.Skip(1))
        {
            if (headerIsRight && !record.Malformed && record.Fields.Count == header.Fields.Count)
            {
                RowParsers[file](new CsvRow(file, record, columns, import), import, today);
                continue;
            }
            if (headerIsRight && !record.Malformed)
            {
                import.Errors.Add(new ImportError(file, record.Line, ImportErrorCode.FieldCount,
                    header.Fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    record.Fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            // The row is not read, but its id still counts as given, so rows that refer to it are not reported too.
            if (entity is not null && idColumn is { } i && i < record.Fields.Count && record.Fields[i].Trim() is { Length: > 0 } id)
            {
                import.Declarations.Add(new ImportDeclaration(entity.Value, id, file, record.Line));
            }
        }
    }

    private static void Node(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.Node);
        var parent = row.Reference("parent_id", ReferenceTarget.Node, required: false);
        var kind = row.OneOf("kind", ImportFormat.NodeKinds);
        if (kind == "republic" && parent is not null)
        {
            row.Error(ImportErrorCode.RepublicWithParent);
        }
        else if (kind is not null and not "republic" && parent is null)
        {
            row.Error(ImportErrorCode.Required, "parent_id");
        }
        var (kk, ru, en) = (row.Text("name_kk"), row.Text("name_ru"), row.Text("name_en"));
        if (!row.HasErrors)
        {
            import.Nodes.Add(new(row.Line, new NodeRow(id!, parent, kind!, kk!, ru!, en!)));
        }
    }

    private static void Organization(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.Organization);
        var node = row.Reference("node_id", ReferenceTarget.Node);
        var (kk, ru, en, kind) = (row.Value("name_kk"), row.Value("name_ru"), row.Value("name_en"), row.Value("kind"));
        var languages = row.List("languages");
        var rural = row.Boolean("is_rural");
        // A new organization's profile, checked as an edit of it is: its kind is its own (no change), it has no classes yet.
        var draft = new OrganizationProfileDraft(kk, ru, en, languages, kind, rural ?? false);
        var problems = OrganizationProfileValidator.Validate(draft, OrganizationKinds.Parse(kind) ?? OrganizationKind.School, mayChangeKind: true, hasClasses: false,
            out var profile);
        row.Rules(problems.Select(p => (p.Field, ProblemKeys.OfProfile(p.Error), (IReadOnlyList<string>)[])), ProfileColumn);
        if (!row.HasErrors)
        {
            import.Organizations.Add(new(row.Line, new OrganizationRow(id!, node!, kind!, profile!.NameKk, profile.NameRu, profile.NameEn, profile.Languages, rural!.Value)));
        }
    }

    private static void Subject(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.Subject);
        var (kk, ru, en) = (row.Text("name_kk"), row.Text("name_ru"), row.Text("name_en"));
        if (!row.HasErrors)
        {
            import.Subjects.Add(new(row.Line, new SubjectRow(id!, kk!, ru!, en!)));
        }
    }

    private static void Class(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.Class);
        var organization = row.Reference("organization_id", ReferenceTarget.Organization);
        var year = row.AcademicYear("academic_year");
        var grade = row.Grade("grade");
        var letter = row.Text("letter");
        var language = row.Language("language");
        if (!row.HasErrors)
        {
            import.Classes.Add(new(row.Line, new ClassRow(id!, organization!, year!, grade!.Value, letter!, language!)));
        }
    }

    private static void TeachingGroup(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.TeachingGroup);
        var kind = row.OneOf("kind", ImportFormat.GroupKinds);
        var classId = row.Reference("class_id", ReferenceTarget.Class, required: false);
        // A subgroup divides one class; a profile group gathers students of several classes.
        if (kind == "subgroup" && classId is null)
        {
            row.Error(ImportErrorCode.Required, "class_id");
        }
        else if (kind == "profile" && classId is not null)
        {
            row.Error(ImportErrorCode.ProfileWithClass);
        }
        var subject = row.Reference("subject_id", ReferenceTarget.Subject);
        var name = row.Text("name");
        if (!row.HasErrors)
        {
            import.TeachingGroups.Add(new(row.Line, new TeachingGroupRow(id!, classId, kind!, subject!, name!)));
        }
    }

    private static void Student(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.Student);
        var iin = row.PersonIin("iin", ImportEntity.Student);
        var (last, first, middle) = (row.Value("last_name"), row.Value("first_name"), row.Value("middle_name"));
        var birth = row.Date("birth_date");
        var classId = row.Reference("class_id", ReferenceTarget.Class);
        var from = row.Date("enrolled_from");
        var to = row.EndDate("enrolled_to", "enrolled_from", from);
        // The person's rules of an enrolment; students.csv has no sex column: the IIN says it.
        row.Rules(PupilValidator.ValidatePerson(iin, last, first, middle, birth, sex: null, today, sexRequired: false)
            .Select(p => (p.Field, ProblemKeys.Of(p.Error), p.Arguments)), PupilUpload.Column);
        if (!row.HasErrors)
        {
            import.Students.Add(new(row.Line, new PersonRow(id!, iin!, last!, first!, middle, birth!.Value)));
            import.Enrolments.Add(new(row.Line, new EnrolmentRow(id!, classId!, from!.Value, to)));
        }
    }

    private static void GroupMember(CsvRow row, ParsedImport import, DateOnly today)
    {
        var group = row.Reference("group_id", ReferenceTarget.MemberGroup);
        var student = row.Reference("student_id", ReferenceTarget.Student);
        var from = row.Date("from");
        var to = row.EndDate("to", "from", from);
        if (!row.HasErrors)
        {
            import.GroupMembers.Add(new(row.Line, new GroupMemberRow(group!, student!, from!.Value, to)));
        }
    }

    private static void Teacher(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.Teacher);
        var iin = row.PersonIin("iin", ImportEntity.Teacher);
        var (last, first, middle) = (StaffNames.Normalize(row.Value("last_name")), StaffNames.Normalize(row.Value("first_name")), StaffNames.Normalize(row.Value("middle_name")));
        var organization = row.Reference("organization_id", ReferenceTarget.Organization);
        row.Rules(StaffValidator.ValidatePerson(iin, last, first, middle).Select(p => (p.Field, ProblemKeys.Of(p.Error), (IReadOnlyList<string>)[])), PupilUpload.Column);
        if (!row.HasErrors)
        {
            import.Teachers.Add(new(row.Line, new TeacherRow(id!, iin!, last!, first!, middle, organization!)));
        }
    }

    private static void Assignment(CsvRow row, ParsedImport import, DateOnly today)
    {
        var teacher = row.Reference("teacher_id", ReferenceTarget.Teacher);
        var group = row.Reference("group_id", ReferenceTarget.Group);
        var subject = row.Reference("subject_id", ReferenceTarget.Subject);
        var from = row.Date("from");
        var to = row.EndDate("to", "from", from);
        if (!row.HasErrors)
        {
            import.Assignments.Add(new(row.Line, new AssignmentRow(teacher!, group!, subject!, from!.Value, to)));
        }
    }

    private static void TimetableSlot(CsvRow row, ParsedImport import, DateOnly today)
    {
        var cls = row.Reference("class_id", ReferenceTarget.Class);
        // No group: the whole class, whose teaching group has the class's id.
        var group = row.Reference("group_id", ReferenceTarget.Group, required: false);
        var subject = row.Reference("subject_id", ReferenceTarget.Subject);
        var weekday = row.Number("weekday", 1, ImportFormat.MaxWeekday);
        var period = row.Number("period", 1, ImportFormat.MaxPeriod);
        var from = row.Date("from");
        if (!row.HasErrors)
        {
            import.Timetable.Add(new(row.Line, new TimetableSlotRow(cls!, group ?? cls!, subject!, weekday!.Value, period!.Value, from!.Value)));
        }
    }

    private static void Parent(CsvRow row, ParsedImport import, DateOnly today)
    {
        var id = row.Id("id", ImportEntity.Parent);
        var iin = row.PersonIin("iin", ImportEntity.Parent);
        var (last, first, middle) = (row.Value("last_name"), row.Value("first_name"), row.Value("middle_name"));
        // A parent new to the registry, as a link creates one: the IIN and the names are required.
        row.Rules(ParentLinkValidator.ValidateParent(iin, last, first, middle, childIin: null, parentKnown: false)
            .Select(p => (p.Field, ProblemKeys.Of(p.Error), p.Arguments)), PupilUpload.Column);
        if (!row.HasErrors)
        {
            // The registry keeps no birth date of a parent (the parents table has none), so none is imported.
            import.Parents.Add(new(row.Line, new PersonRow(id!, iin!, last!, first!, middle, default)));
        }
    }

    private static void StudentParent(CsvRow row, ParsedImport import, DateOnly today)
    {
        var student = row.Reference("student_id", ReferenceTarget.Student);
        var parent = row.Reference("parent_id", ReferenceTarget.Parent);
        var relation = row.Value("relation");
        if (ParentLinkValidator.RelationProblem(relation) is { } problem)
        {
            row.Rules([("relation", ProblemKeys.Of(problem), [])], field => field);
        }
        if (!row.HasErrors)
        {
            import.StudentParents.Add(new(row.Line, new StudentParentRow(student!, parent!, PupilRules.Parse<ParentRelation>(relation)!.Value.ToString().ToLowerInvariant())));
        }
    }

    /// <summary>organizations.csv's column of a profile's field ("nameKk" → "name_kk", "languages[1]" → "languages").</summary>
    private static string ProfileColumn(string field) => PupilUpload.Column(field.Split('[')[0]);
}
