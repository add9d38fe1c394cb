using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// A school's bulk enrolment (an upload of the pupils page or <c>POST …/organizations/{id}/pupils/import</c>), keyed by
/// the organization's id so two uploads of one school are checked and written one after the other. The caller's right
/// is checked by the Api.
/// </summary>
public interface IPupilImportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks every row with <see cref="PupilValidator"/> on fresh reads, as a single enrolment is checked, and only if
    /// no row (and no problem <paramref name="read"/> while reading the file) is wrong enrols them all in one
    /// transaction, audited per pupil and once for the upload; then the classes and pupils are told.
    /// </summary>
    Task<PupilImportOutcome> Import(Actor actor, IReadOnlyList<PupilUploadRow> rows, IReadOnlyList<UploadProblem> read);
}

/// <summary>An upload's answer: the pupils enrolled (by line), or every problem and nothing written; <see cref="Conflict"/> when the registry changed under the write.</summary>
[GenerateSerializer, Immutable]
public sealed record PupilImportOutcome(
    [property: Id(0)] IReadOnlyList<UploadProblem> Problems,
    [property: Id(1)] IReadOnlyList<string> StudentIds,
    [property: Id(2)] bool Conflict)
{
    public static PupilImportOutcome Refused(IReadOnlyList<UploadProblem> problems) => new(problems, [], false);

    public bool Accepted => Problems.Count == 0 && !Conflict;
}
