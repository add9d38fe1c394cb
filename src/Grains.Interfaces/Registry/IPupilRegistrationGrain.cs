using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Actors;

namespace EduInfo.Grains.Interfaces.Registry;

/// <summary>
/// Enrolments of new (or returning) pupils, keyed by a hash of the IIN (<see cref="PupilKeys.Of"/>): two enrolments of
/// one person are checked and written one after the other, so the IIN names one person across the country; the key
/// keeps the IIN itself out of grain ids and logs. The database's unique IIN is the last word across silos.
/// </summary>
public interface IPupilRegistrationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Enrols the pupil into the class from the date (the caller's right is checked by the Api): the person created
    /// or found by the IIN, the enrolment and the class's watermark in one transaction with the audit row; then the
    /// class rebuilds its roster from that day. An IIN enrolled anywhere is refused with its pupil's id (a transfer).
    /// </summary>
    Task<PupilOutcome> Enrol(Actor actor, string classId, PupilEnrolmentRequest request);
}

/// <summary>The key of an enrolment grain for an IIN: a digest, not the IIN (grain ids reach logs and metrics).</summary>
public static class PupilKeys
{
    public static string Of(string? iin) => iin is { Length: 12 } && iin.All(char.IsAsciiDigit)
        ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes("eduinfo.pupil:" + iin)))[..32]
        : "unchecked";
}
