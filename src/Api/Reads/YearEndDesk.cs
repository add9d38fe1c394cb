using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>
/// The head's year-end desk (<c>/desk/{organizationId}/year-end</c>): the organization's classes, and for the class
/// chosen its year end (from the class grain), its pupils' names, its subjects' names and the documents it issued.
/// The caller has checked <c>AccessPolicy.CanCloseTerm</c> on the organization.
/// </summary>
public sealed class YearEndDesk(TermBoardStore terms, RegistryStore registry, SubjectNames subjects, DocumentRegisterRead documents, IGrainFactory grains)
{
    public async Task<YearEndDeskView> ReadAsync(string organizationId, string? classId, string language, CancellationToken cancellationToken)
    {
        var classes = (await terms.ReadAsync(organizationId, cancellationToken)).DistinctBy(t => t.ClassId)
            .Select(t => new YearEndClass(t.ClassId, $"{t.Grade}{t.Letter}", t.Grade)).ToList();
        // The class asked for when it is this organization's; else the first of a final attestation; else the first.
        var chosen = classes.FirstOrDefault(c => c.ClassId == classId) ?? classes.FirstOrDefault(c => c.Grade is 9 or 11) ?? classes.FirstOrDefault();
        if (chosen is null || await grains.GetGrain<IClassGrain>(chosen.ClassId).GetYearEnd() is not { } yearEnd)
        {
            return new YearEndDeskView(classes, chosen, null, new Dictionary<string, string>(), new Dictionary<string, string>(), []);
        }
        var names = await registry.StudentNamesAsync([.. yearEnd.Pupils.Select(p => p.StudentId)], cancellationToken);
        var subjectNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var subjectId in yearEnd.Pupils.SelectMany(p => p.Subjects).Select(s => s.SubjectId).Concat(yearEnd.ExamSubjects).Distinct(StringComparer.Ordinal))
        {
            subjectNames[subjectId] = await subjects.NameAsync(subjectId, language, cancellationToken);
        }
        return new YearEndDeskView(classes, chosen, yearEnd, names, subjectNames, await documents.ClassAsync(chosen.ClassId, language, cancellationToken));
    }
}

public sealed record YearEndClass(string ClassId, string Name, int Grade);

/// <summary>The page's data: the classes to choose from, the class chosen (null: none), its year end, names, and its documents.</summary>
public sealed record YearEndDeskView(IReadOnlyList<YearEndClass> Classes, YearEndClass? Chosen, ClassYearEndView? YearEnd,
    IReadOnlyDictionary<string, string> StudentNames, IReadOnlyDictionary<string, string> SubjectNames, IReadOnlyList<DocumentResponse> Documents)
{
    public string StudentName(string studentId) => StudentNames.GetValueOrDefault(studentId, studentId);

    public string SubjectName(string subjectId) => SubjectNames.GetValueOrDefault(subjectId, subjectId);

    /// <summary>The pupil's valid document, if one was issued.</summary>
    public DocumentResponse? ValidDocument(string studentId) => Documents.FirstOrDefault(d => d.StudentId == studentId && !d.Revoked);
}
