using EduInfo.Domain.Registry;
using EduInfo.Storage.Registry.Model;

namespace EduInfo.Tools.Import;

/// <summary>
/// Checks an import against itself and the registry: ids unique and new, references resolvable, IINs unique, the
/// hierarchy a tree of the right kinds. Pure: the registry comes in as <see cref="ExistingRegistry"/>.
/// </summary>
public static class ImportValidator
{
    private static readonly IReadOnlyDictionary<string, string> ParentKindOf = new Dictionary<string, string>
    {
        ["region"] = "republic",
        ["district"] = "region",
    };

    /// <summary>Every error of the import, the parser's and these checks', in file order, then line order.</summary>
    public static IReadOnlyList<ImportError> Validate(ParsedImport import, ExistingRegistry existing)
    {
        var errors = new List<ImportError>(import.Errors);
        CheckIds(import, existing, errors);
        CheckReferences(import, existing, errors);
        CheckIins(import, existing, errors);
        CheckHierarchy(import, existing, errors);
        CheckRows(import, existing, errors);
        var order = ImportFormat.Tables.Select(t => t.File).ToList();
        // The folder first, then files outside the format, then the format's files in order; stable within a line.
        int Rank(ImportError error)
        {
            var index = order.IndexOf(error.File);
            return index >= 0 ? index : error.Code == ImportErrorCode.NoFiles ? -2 : -1;
        }
        return errors.Distinct()
            .OrderBy(Rank)
            .ThenBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Line)
            .ToList();
    }

    /// <summary>
    /// Ids are unique within their namespace: nodes, organizations and classes share one (the API finds any of them
    /// by id), classes and teaching groups share another (a class is its own whole-class group).
    /// </summary>
    private static void CheckIds(ParsedImport import, ExistingRegistry existing, List<ImportError> errors)
    {
        var hierarchy = new Dictionary<string, ImportDeclaration>(StringComparer.Ordinal);
        var groups = new Dictionary<string, ImportDeclaration>(StringComparer.Ordinal);
        var others = new Dictionary<ImportEntity, Dictionary<string, ImportDeclaration>>();
        bool InHierarchy(string id) => existing.Nodes.ContainsKey(id) || existing.Organizations.Contains(id) || existing.Classes.Contains(id);

        foreach (var declaration in import.Declarations)
        {
            var (space, stored) = declaration.Entity switch
            {
                ImportEntity.Node or ImportEntity.Organization => (hierarchy, InHierarchy(declaration.Id)),
                ImportEntity.Class => (hierarchy, InHierarchy(declaration.Id) || existing.Groups.ContainsKey(declaration.Id)),
                ImportEntity.TeachingGroup => (groups, existing.Groups.ContainsKey(declaration.Id) || existing.Classes.Contains(declaration.Id)),
                ImportEntity.Subject => (Space(others, declaration.Entity), existing.Subjects.Contains(declaration.Id)),
                ImportEntity.Student => (Space(others, declaration.Entity), existing.Students.Contains(declaration.Id)),
                ImportEntity.Teacher => (Space(others, declaration.Entity), existing.Teachers.Contains(declaration.Id)),
                _ => (Space(others, declaration.Entity), existing.Parents.Contains(declaration.Id)),
            };
            if (!space.TryAdd(declaration.Id, declaration))
            {
                var first = space[declaration.Id];
                errors.Add(At(declaration, ImportErrorCode.DuplicateId, declaration.Id, ImportError.Place(first.File, first.Line)));
                continue;
            }
            if (declaration.Entity == ImportEntity.Class)
            {
                groups.TryAdd(declaration.Id, declaration);
            }
            if (stored)
            {
                errors.Add(At(declaration, ImportErrorCode.IdExists, declaration.Id));
            }
        }
    }

    private static void CheckReferences(ParsedImport import, ExistingRegistry existing, List<ImportError> errors)
    {
        var declared = import.Declarations.ToLookup(d => d.Entity, d => d.Id);
        var sets = Enum.GetValues<ImportEntity>().ToDictionary(e => e, e => declared[e].ToHashSet(StringComparer.Ordinal));
        bool Given(ImportEntity entity, string id) => sets[entity].Contains(id);
        bool Hidden(params ImportEntity[] entities) => entities.Any(import.Unreadable.Contains);

        foreach (var reference in import.References)
        {
            var id = reference.Id;
            var (known, hidden, code) = reference.Target switch
            {
                ReferenceTarget.Node => (Given(ImportEntity.Node, id) || existing.Nodes.ContainsKey(id), Hidden(ImportEntity.Node), ImportErrorCode.UnknownNode),
                ReferenceTarget.Organization => (Given(ImportEntity.Organization, id) || existing.Organizations.Contains(id), Hidden(ImportEntity.Organization), ImportErrorCode.UnknownOrganization),
                ReferenceTarget.Subject => (Given(ImportEntity.Subject, id) || existing.Subjects.Contains(id), Hidden(ImportEntity.Subject), ImportErrorCode.UnknownSubject),
                ReferenceTarget.Class => (Given(ImportEntity.Class, id) || existing.Classes.Contains(id), Hidden(ImportEntity.Class), ImportErrorCode.UnknownClass),
                ReferenceTarget.Group => (Given(ImportEntity.Class, id) || Given(ImportEntity.TeachingGroup, id) || existing.Groups.ContainsKey(id) || existing.Classes.Contains(id),
                    Hidden(ImportEntity.Class, ImportEntity.TeachingGroup), ImportErrorCode.UnknownGroup),
                ReferenceTarget.MemberGroup => (Given(ImportEntity.TeachingGroup, id) || existing.Groups.TryGetValue(id, out var kind) && kind != "class",
                    Hidden(ImportEntity.TeachingGroup), ImportErrorCode.UnknownGroup),
                ReferenceTarget.Student => (Given(ImportEntity.Student, id) || existing.Students.Contains(id), Hidden(ImportEntity.Student), ImportErrorCode.UnknownStudent),
                ReferenceTarget.Teacher => (Given(ImportEntity.Teacher, id) || existing.Teachers.Contains(id), Hidden(ImportEntity.Teacher), ImportErrorCode.UnknownTeacher),
                _ => (Given(ImportEntity.Parent, id) || existing.Parents.Contains(id), Hidden(ImportEntity.Parent), ImportErrorCode.UnknownParent),
            };
            if (known || hidden)
            {
                continue;
            }
            // A whole class has no roster of its own: its members are its enrolments.
            if (reference.Target == ReferenceTarget.MemberGroup && (Given(ImportEntity.Class, id) || existing.Classes.Contains(id) || existing.Groups.ContainsKey(id)))
            {
                errors.Add(new ImportError(reference.File, reference.Line, ImportErrorCode.WholeClassGroup, id));
                continue;
            }
            errors.Add(new ImportError(reference.File, reference.Line, code, reference.Column, id));
        }
    }

    /// <summary>An IIN names one person per table: unique in the import and not yet in the registry. Messages never show it.</summary>
    private static void CheckIins(ParsedImport import, ExistingRegistry existing, List<ImportError> errors)
    {
        var seen = new Dictionary<(ImportEntity, string), ImportIin>();
        foreach (var iin in import.Iins)
        {
            if (!seen.TryAdd((iin.Owner, iin.Iin), iin))
            {
                var first = seen[(iin.Owner, iin.Iin)];
                errors.Add(new ImportError(iin.File, iin.Line, ImportErrorCode.DuplicateIin, iin.Column, ImportError.Place(first.File, first.Line)));
                continue;
            }
            var stored = iin.Owner switch
            {
                ImportEntity.Student => existing.StudentIins,
                ImportEntity.Teacher => existing.TeacherIins,
                _ => existing.ParentIins,
            };
            if (stored.Contains(iin.Iin))
            {
                errors.Add(new ImportError(iin.File, iin.Line, ImportErrorCode.IinExists, iin.Column));
            }
        }
    }

    /// <summary>One republic; regions under it, districts under regions; no node its own ancestor.</summary>
    private static void CheckHierarchy(ParsedImport import, ExistingRegistry existing, List<ImportError> errors)
    {
        var imported = import.Nodes.ToDictionary(n => n.Row.Id, StringComparer.Ordinal);
        string? KindOf(string id) => imported.TryGetValue(id, out var node) ? node.Row.Kind : existing.Nodes.GetValueOrDefault(id);

        var republic = existing.RepublicId;
        foreach (var (line, node) in import.Nodes)
        {
            if (node.Kind == "republic")
            {
                if (republic is not null && republic != node.Id)
                {
                    errors.Add(new ImportError(ImportFormat.Nodes, line, ImportErrorCode.SecondRepublic, republic));
                }
                republic ??= node.Id;
            }
            if (node.ParentId is { } parentId && ParentKindOf.TryGetValue(node.Kind, out var expected)
                && KindOf(parentId) is { } parentKind && parentKind != expected)
            {
                errors.Add(new ImportError(ImportFormat.Nodes, line, ImportErrorCode.WrongParentKind, parentId, parentKind, node.Kind, expected));
            }
        }

        // Walk up from each node; meeting a node of the current walk again closes a cycle.
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in import.Nodes)
        {
            var walk = new List<string>();
            var id = start.Row.Id;
            while (!done.Contains(id) && imported.TryGetValue(id, out var node))
            {
                var at = walk.IndexOf(id);
                if (at >= 0)
                {
                    var cycle = walk[at..];
                    var text = string.Join(" → ", cycle.Append(id));
                    errors.AddRange(cycle.Select(member => new ImportError(ImportFormat.Nodes, imported[member].Line, ImportErrorCode.NodeCycle, text)));
                    break;
                }
                walk.Add(id);
                if (node.Row.ParentId is not { } parent)
                {
                    break;
                }
                id = parent;
            }
            done.UnionWith(walk);
        }
    }

    /// <summary>Rows without ids of their own: the same link, membership or assignment (same first day) twice, or one already stored.</summary>
    private static void CheckRows(ParsedImport import, ExistingRegistry existing, List<ImportError> errors)
    {
        Unique(ImportFormat.StudentParents, import.StudentParents, r => (r.StudentId, r.ParentId), existing.StudentParents.Contains, errors);
        Unique(ImportFormat.GroupMembers, import.GroupMembers, r => (r.GroupId, r.StudentId, r.From), existing.GroupMembers.Contains, errors);
        Unique(ImportFormat.Assignments, import.Assignments, r => (r.TeacherId, r.GroupId, r.SubjectId, r.From), existing.Assignments.Contains, errors);
        // One lesson of a group at a time; a timetable already stored for the same day is replaced through the API instead.
        Unique(ImportFormat.Timetable, import.Timetable, r => (r.ClassId, r.GroupId, r.Weekday, r.Period, r.From), existing.TimetableSlots.Contains, errors);
    }

    private static void Unique<TRow, TKey>(string file, List<ImportRow<TRow>> rows, Func<TRow, TKey> key, Func<TKey, bool> stored, List<ImportError> errors)
        where TKey : notnull
    {
        var seen = new Dictionary<TKey, int>();
        foreach (var (line, row) in rows)
        {
            var k = key(row);
            if (!seen.TryAdd(k, line))
            {
                errors.Add(new ImportError(file, line, ImportErrorCode.DuplicateRow, ImportError.Place(file, seen[k])));
            }
            else if (stored(k))
            {
                errors.Add(new ImportError(file, line, ImportErrorCode.RowExists));
            }
        }
    }

    private static Dictionary<string, ImportDeclaration> Space(Dictionary<ImportEntity, Dictionary<string, ImportDeclaration>> spaces, ImportEntity entity)
    {
        if (!spaces.TryGetValue(entity, out var space))
        {
            spaces[entity] = space = new Dictionary<string, ImportDeclaration>(StringComparer.Ordinal);
        }
        return space;
    }

    private static ImportError At(ImportDeclaration declaration, ImportErrorCode code, params IReadOnlyList<string> arguments) =>
        new(declaration.File, declaration.Line, code, arguments);
}
