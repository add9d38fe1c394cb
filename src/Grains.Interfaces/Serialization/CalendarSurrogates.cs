using EduInfo.Domain.Calendar;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's calendar values travel between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.AcademicCalendarDocument")]
public readonly record struct AcademicCalendarDocumentSurrogate(
    [property: Id(0)] IReadOnlyList<TermDates>? Terms,
    [property: Id(1)] IReadOnlyList<CalendarDay>? Days,
    [property: Id(2)] bool Synthetic);

[RegisterConverter]
public sealed class AcademicCalendarDocumentConverter : IConverter<AcademicCalendarDocument, AcademicCalendarDocumentSurrogate>
{
    public AcademicCalendarDocument ConvertFromSurrogate(in AcademicCalendarDocumentSurrogate s) => new(s.Terms, s.Days, s.Synthetic);
    public AcademicCalendarDocumentSurrogate ConvertToSurrogate(in AcademicCalendarDocument v) => new(v.Terms, v.Days, v.Synthetic);
}

[RegisterCopier]
public sealed class AcademicCalendarDocumentCopier : ImmutableCopier<AcademicCalendarDocument>;

[GenerateSerializer, Alias("eduinfo.TermDates")]
public readonly record struct TermDatesSurrogate(
    [property: Id(0)] int? Term,
    [property: Id(1)] DateOnly? Starts,
    [property: Id(2)] DateOnly? Ends);

[RegisterConverter]
public sealed class TermDatesConverter : IConverter<TermDates, TermDatesSurrogate>
{
    public TermDates ConvertFromSurrogate(in TermDatesSurrogate s) => new(s.Term, s.Starts, s.Ends);
    public TermDatesSurrogate ConvertToSurrogate(in TermDates v) => new(v.Term, v.Starts, v.Ends);
}

[RegisterCopier]
public sealed class TermDatesCopier : ImmutableCopier<TermDates>;

[GenerateSerializer, Alias("eduinfo.CalendarDay")]
public readonly record struct CalendarDaySurrogate(
    [property: Id(0)] DateOnly? Day,
    [property: Id(1)] string? Kind,
    [property: Id(2)] string? NodeId,
    [property: Id(3)] IReadOnlyList<int>? Grades,
    [property: Id(4)] string? Reason);

[RegisterConverter]
public sealed class CalendarDayConverter : IConverter<CalendarDay, CalendarDaySurrogate>
{
    public CalendarDay ConvertFromSurrogate(in CalendarDaySurrogate s) => new(s.Day, s.Kind, s.NodeId, s.Grades, s.Reason);
    public CalendarDaySurrogate ConvertToSurrogate(in CalendarDay v) => new(v.Day, v.Kind, v.NodeId, v.Grades, v.Reason);
}

[RegisterCopier]
public sealed class CalendarDayCopier : ImmutableCopier<CalendarDay>;

[GenerateSerializer, Alias("eduinfo.TimetableSlot")]
public readonly record struct TimetableSlotSurrogate(
    [property: Id(0)] string? GroupId,
    [property: Id(1)] string? SubjectId,
    [property: Id(2)] int? Weekday,
    [property: Id(3)] int? Period);

[RegisterConverter]
public sealed class TimetableSlotConverter : IConverter<TimetableSlot, TimetableSlotSurrogate>
{
    public TimetableSlot ConvertFromSurrogate(in TimetableSlotSurrogate s) => new(s.GroupId, s.SubjectId, s.Weekday, s.Period);
    public TimetableSlotSurrogate ConvertToSurrogate(in TimetableSlot v) => new(v.GroupId, v.SubjectId, v.Weekday, v.Period);
}

[RegisterCopier]
public sealed class TimetableSlotCopier : ImmutableCopier<TimetableSlot>;

[GenerateSerializer, Alias("eduinfo.TimetableDocument")]
public readonly record struct TimetableDocumentSurrogate(
    [property: Id(0)] DateOnly? ValidFrom,
    [property: Id(1)] IReadOnlyList<TimetableSlot?>? Slots);

[RegisterConverter]
public sealed class TimetableDocumentConverter : IConverter<TimetableDocument, TimetableDocumentSurrogate>
{
    public TimetableDocument ConvertFromSurrogate(in TimetableDocumentSurrogate s) => new(s.ValidFrom, s.Slots);
    public TimetableDocumentSurrogate ConvertToSurrogate(in TimetableDocument v) => new(v.ValidFrom, v.Slots);
}

[RegisterCopier]
public sealed class TimetableDocumentCopier : ImmutableCopier<TimetableDocument>;
