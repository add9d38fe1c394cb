using EduInfo.Api.Contracts;
using EduInfo.Api.Registry;
using EduInfo.Storage.Assessment;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Reads;

/// <summary>The register of education documents as its organization reads it (the API and the desk pages): holders' names and subjects' names added.</summary>
public sealed class DocumentRegisterRead(AssessmentStore store, RegistryStore registry, SubjectNames subjects)
{
    /// <summary>The documents the class issued.</summary>
    public async Task<IReadOnlyList<DocumentResponse>> ClassAsync(string classId, string language, CancellationToken cancellationToken) =>
        await ResponsesAsync(await store.ReadDocumentsAsync(classId, cancellationToken), language, cancellationToken);

    /// <summary>One document, or null (unknown, or of another class than <paramref name="classId"/>: a class's head reads only their own).</summary>
    public async Task<DocumentResponse?> OneAsync(string classId, Guid documentId, string language, CancellationToken cancellationToken) =>
        await store.FindDocumentAsync(documentId, cancellationToken) is { } document && document.ClassId == classId
            ? (await ResponsesAsync([document], language, cancellationToken)).Single()
            : null;

    /// <summary>One document issued by the organization's classes, or null.</summary>
    public async Task<DocumentResponse?> OfOrganizationAsync(string organizationId, Guid documentId, string language, CancellationToken cancellationToken) =>
        await store.FindDocumentAsync(documentId, cancellationToken) is { } document && document.OrganizationId == organizationId
            ? (await ResponsesAsync([document], language, cancellationToken)).Single()
            : null;

    private async Task<IReadOnlyList<DocumentResponse>> ResponsesAsync(IReadOnlyList<RegisteredDocument> documents, string language, CancellationToken cancellationToken)
    {
        var names = await registry.StudentNamesAsync([.. documents.Select(d => d.StudentId).Distinct()], cancellationToken);
        var subjectNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var subjectId in documents.SelectMany(d => d.Marks).Select(m => m.SubjectId).Distinct(StringComparer.Ordinal))
        {
            subjectNames[subjectId] = await subjects.NameAsync(subjectId, language, cancellationToken);
        }
        return [.. documents.Select(d => DocumentResponse.Of(d, names.GetValueOrDefault(d.StudentId, d.StudentId), subjectNames, language))];
    }
}
