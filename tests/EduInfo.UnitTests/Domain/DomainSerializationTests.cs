using System.Text.Json;
using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace EduInfo.UnitTests.Domain;

/// <summary>
/// The Domain's values cross grain calls and silos through the surrogates of Grains.Interfaces/Serialization. Each is
/// sent through the Orleans serializer with every field set (nulls, lists and dictionaries included) and must come back
/// the same, compared as JSON; and every converter registered there has its case here.
/// </summary>
public sealed class DomainSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static readonly DateOnly Day = new(2026, 11, 30);

    public static TheoryData<string, object> Values => new()
    {
        { "mark batch", new MarkBatch([new MarkEntry(Guid.NewGuid(), "S1", "MAT", Day, "section", 14, 20, "G1"), new MarkEntry(null, null, null, null, null, null, null)]) },
        { "lesson batch", new LessonBatch([new LessonEntry(Guid.NewGuid(), "MAT", Day, 3, [new Absentee("S1", "sick"), new Absentee(null, null)], "G1")]) },
        { "entry problem", new EntryProblem("entries[2].score", JournalError.ScoreOutOfRange, ["1", "10"]) },
        { "calendar", new AcademicCalendarDocument([new TermDates(1, Day, Day.AddDays(30)), new TermDates(null, null, null)],
            [new CalendarDay(Day, "cancelled", "D1", [1, 2], "frost"), new CalendarDay(null, null, null, null, null)], Synthetic: true) },
        { "policy", new AssessmentPolicyDocument(Day, 10, new ComponentWeights(25, 25, 50), [new PolicyBand(85, 5), new PolicyBand(null, null)], [1]) },
        { "standing", new TermStanding("MAT", 2, "pending", false, 81.5m, null, 70m, 76.25m, 76, 4, "B", 3.0m,
            new Dictionary<string, decimal> { ["formative"] = 0.5m, ["term"] = 0.5m }, ["section"], ["term"]) },
        { "timetable", new TimetableDocument(Day, [new TimetableSlot("G1", "MAT", 1, 2), null, new TimetableSlot(null, null, null, null)]) },
        { "registry problem", new RegistryProblem("slots[1].period", RegistryError.PeriodOutOfRange) },
        { "staff problem", new StaffProblem("to", StaffError.JournalConflict, [11, 12]) },
        { "transfer", new TransferRequest("C2", Day, "moved house") },
        { "pupil problem", new PupilProblem("date", PupilError.JournalRowsAfterDate, ["101, 205", "2"]) },
        { "pupil enrolment", new PupilEnrolmentRequest("150314500012", "Сәрсенбаев", "Әлихан", null, Day, "male", Day) },
        { "pupil end", new PupilEndRequest(Day, "moved") },
        { "pupil correction", new PupilCorrectionRequest("Сарсенбаев", null, "Ержанұлы", Day, "typo") },
        { "parent link", new ParentLinkRequest("850101400012", "Сәрсенбаева", "Гүлнар", null, "mother", Day, "birthCertificate", "I-АЛ 0123456") },
        { "upload row", new PupilUploadRow(3, "C1", new PupilEnrolmentRequest("150314500012", "Сәрсенбаев", "Әлихан", null, Day, null, Day), false) },
        { "upload problem", new UploadProblem(4, "iin", "pupil.error.IinRepeated", ["3"]) },
        { "final attestation policy", new EduInfo.Domain.YearEnd.FinalAttestationPolicyDocument(Day,
            [new EduInfo.Domain.YearEnd.AttestedGradeDocument(9, "basicSecondaryCertificate"), null, new EduInfo.Domain.YearEnd.AttestedGradeDocument(null, null)], 11, 1, 2, 3, 2) },
        { "rating methodology", new EduInfo.Domain.Ratings.RatingMethodology(Day,
            [new EduInfo.Domain.Ratings.IndicatorWeight("attendance", 3), null, new EduInfo.Domain.Ratings.IndicatorWeight(null, null)], 30,
            new EduInfo.Domain.Ratings.MethodologyNote("Әдістеме", null, "Methodology")) },
        { "figures", new SummaryFigures { Students = 25, Marks = 7, FormativeScoreSum = 53, DevelopmentLevel3 = 2, GpaHundredthsSum = 350 } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_comes_back_the_same(string name, object value)
    {
        var back = Serializer.Deserialize<object>(Serializer.SerializeToArray<object>(value));
        Assert.IsType(value.GetType(), back);
        Assert.True(JsonSerializer.Serialize(value, value.GetType()) == JsonSerializer.Serialize(back, value.GetType()), name);
    }

    [Fact]
    public void Every_converted_type_has_a_case()
    {
        var converted = typeof(ImmutableCopier<>).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Orleans.IConverter<,>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var covered = Values.Select(row => row[1].GetType()).ToList();
        var nested = new[] { typeof(MarkEntry), typeof(LessonEntry), typeof(Absentee), typeof(TermDates), typeof(CalendarDay), typeof(ComponentWeights), typeof(PolicyBand), typeof(TimetableSlot),
            typeof(EduInfo.Domain.YearEnd.AttestedGradeDocument), typeof(EduInfo.Domain.Ratings.IndicatorWeight), typeof(EduInfo.Domain.Ratings.MethodologyNote) };
        Assert.Empty(converted.Except(covered).Except(nested).Select(t => t.Name));
        Assert.True(converted.Count >= 17, $"{converted.Count} converters found");
    }
}
