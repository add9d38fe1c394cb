using EduInfo.Domain.Journal;

namespace EduInfo.Grains.Interfaces.Serialization;

// How the Domain's journal values travel between grains (see ImmutableCopier.cs for why surrogates).

[GenerateSerializer, Alias("eduinfo.MarkEntry")]
public readonly record struct MarkEntrySurrogate(
    [property: Id(0)] Guid? EntryId,
    [property: Id(1)] string? StudentId,
    [property: Id(2)] string? SubjectId,
    [property: Id(3)] DateOnly? Date,
    [property: Id(4)] string? Kind,
    [property: Id(5)] int? Score,
    [property: Id(6)] int? MaxScore,
    [property: Id(7)] string? GroupId);

[RegisterConverter]
public sealed class MarkEntryConverter : IConverter<MarkEntry, MarkEntrySurrogate>
{
    public MarkEntry ConvertFromSurrogate(in MarkEntrySurrogate s) => new(s.EntryId, s.StudentId, s.SubjectId, s.Date, s.Kind, s.Score, s.MaxScore, s.GroupId);
    public MarkEntrySurrogate ConvertToSurrogate(in MarkEntry v) => new(v.EntryId, v.StudentId, v.SubjectId, v.Date, v.Kind, v.Score, v.MaxScore, v.GroupId);
}

[RegisterCopier]
public sealed class MarkEntryCopier : ImmutableCopier<MarkEntry>;

[GenerateSerializer, Alias("eduinfo.LessonEntry")]
public readonly record struct LessonEntrySurrogate(
    [property: Id(0)] Guid? EntryId,
    [property: Id(1)] string? SubjectId,
    [property: Id(2)] DateOnly? Date,
    [property: Id(3)] int? Period,
    [property: Id(4)] IReadOnlyList<Absentee>? Absentees,
    [property: Id(5)] string? GroupId);

[RegisterConverter]
public sealed class LessonEntryConverter : IConverter<LessonEntry, LessonEntrySurrogate>
{
    public LessonEntry ConvertFromSurrogate(in LessonEntrySurrogate s) => new(s.EntryId, s.SubjectId, s.Date, s.Period, s.Absentees, s.GroupId);
    public LessonEntrySurrogate ConvertToSurrogate(in LessonEntry v) => new(v.EntryId, v.SubjectId, v.Date, v.Period, v.Absentees, v.GroupId);
}

[RegisterCopier]
public sealed class LessonEntryCopier : ImmutableCopier<LessonEntry>;

[GenerateSerializer, Alias("eduinfo.Absentee")]
public readonly record struct AbsenteeSurrogate(
    [property: Id(0)] string? StudentId,
    [property: Id(1)] string? Code);

[RegisterConverter]
public sealed class AbsenteeConverter : IConverter<Absentee, AbsenteeSurrogate>
{
    public Absentee ConvertFromSurrogate(in AbsenteeSurrogate s) => new(s.StudentId, s.Code);
    public AbsenteeSurrogate ConvertToSurrogate(in Absentee v) => new(v.StudentId, v.Code);
}

[RegisterCopier]
public sealed class AbsenteeCopier : ImmutableCopier<Absentee>;

[GenerateSerializer, Alias("eduinfo.MarkBatch")]
public readonly record struct MarkBatchSurrogate(
    [property: Id(0)] IReadOnlyList<MarkEntry>? Entries);

[RegisterConverter]
public sealed class MarkBatchConverter : IConverter<MarkBatch, MarkBatchSurrogate>
{
    public MarkBatch ConvertFromSurrogate(in MarkBatchSurrogate s) => new(s.Entries);
    public MarkBatchSurrogate ConvertToSurrogate(in MarkBatch v) => new(v.Entries);
}

[RegisterCopier]
public sealed class MarkBatchCopier : ImmutableCopier<MarkBatch>;

[GenerateSerializer, Alias("eduinfo.LessonBatch")]
public readonly record struct LessonBatchSurrogate(
    [property: Id(0)] IReadOnlyList<LessonEntry>? Entries);

[RegisterConverter]
public sealed class LessonBatchConverter : IConverter<LessonBatch, LessonBatchSurrogate>
{
    public LessonBatch ConvertFromSurrogate(in LessonBatchSurrogate s) => new(s.Entries);
    public LessonBatchSurrogate ConvertToSurrogate(in LessonBatch v) => new(v.Entries);
}

[RegisterCopier]
public sealed class LessonBatchCopier : ImmutableCopier<LessonBatch>;

[GenerateSerializer, Alias("eduinfo.EntryProblem")]
public readonly record struct EntryProblemSurrogate(
    [property: Id(0)] string Field,
    [property: Id(1)] JournalError Error,
    [property: Id(2)] IReadOnlyList<string> Arguments);

[RegisterConverter]
public sealed class EntryProblemConverter : IConverter<EntryProblem, EntryProblemSurrogate>
{
    public EntryProblem ConvertFromSurrogate(in EntryProblemSurrogate s) => new(s.Field, s.Error, s.Arguments);
    public EntryProblemSurrogate ConvertToSurrogate(in EntryProblem v) => new(v.Field, v.Error, v.Arguments);
}

[RegisterCopier]
public sealed class EntryProblemCopier : ImmutableCopier<EntryProblem>;
