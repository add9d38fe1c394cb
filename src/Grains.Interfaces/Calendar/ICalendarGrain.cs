using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Actors;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Interfaces.Calendar;

/// <summary>The calendar of an academic year for a kind of organization; key <c>2026-2027/school</c>.</summary>
public interface ICalendarGrain : IGrainWithStringKey
{
    /// <summary>
    /// The calendar; for the clock's academic year and the next, a synthetic one when none was loaded (generated and
    /// stored at the first read, <see cref="AcademicCalendarDocument.Synthetic"/>); null for another year with none (then no
    /// journal entry can be dated in it).
    /// </summary>
    Task<AcademicCalendarDocument?> Get();

    /// <summary>A digest of the calendar's content: equal for equal calendars on every silo (a class's rules check).</summary>
    Task<string> GetDigest();

    /// <summary>
    /// Replaces the calendar. Terms already started keep their dates and days before today cannot change, so no
    /// recorded entry moves to another term or becomes invalid. Audited.
    /// </summary>
    Task<IReadOnlyList<EntryProblem>> Set(Actor actor, AcademicCalendarDocument calendar);

    public static string KeyOf(string academicYear, string organizationKind) => $"{academicYear}/{organizationKind}";
}
