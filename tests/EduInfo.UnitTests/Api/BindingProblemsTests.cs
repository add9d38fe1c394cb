using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using System.Text.Json;
using EduInfo.Api.Hosting;
using EduInfo.Api.Problems;
using EduInfo.Grains.Interfaces.Calendar;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.UnitTests.Api;

/// <summary>
/// Bodies that cannot be bound name their field with a specific code, like every other 400: the Api's own JSON settings
/// on the Api's own request types, through the real serializer.
/// </summary>
public sealed class BindingProblemsTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiHostingExtensions.ConfigureJson(options);
        return options;
    }

    private const string Mark = """{"entryId":"0b9f6c2e-4c1a-4a55-9a53-3f1e2d0c7a11","studentId":"S1","subjectId":"MAT","date":"2026-11-16","kind":"formative","score":7""";

    public static TheoryData<string, string, string, BindingError> MarkBodies() => new()
    {
        { Mark.Replace("\"score\":7", "\"score\":\"7\"") + "}", "entries[0].score", "scoreNotInteger", BindingError.NotInteger },
        { Mark.Replace("\"score\":7", "\"score\":7.5") + "}", "entries[0].score", "scoreNotInteger", BindingError.NotInteger },
        { Mark.Replace("\"score\":7", "\"score\":1e308") + "}", "entries[0].score", "scoreNotInteger", BindingError.NotInteger },
        { Mark.Replace("\"score\":7", "\"score\":2147483648") + "}", "entries[0].score", "scoreNotInteger", BindingError.NotInteger },
        { Mark.Replace("\"score\":7", "\"score\":true") + "}", "entries[0].score", "scoreNotInteger", BindingError.NotInteger },
        { Mark + ",\"maxScore\":\"20\"}", "entries[0].maxScore", "maxScoreNotInteger", BindingError.NotInteger },
        { Mark.Replace("2026-11-16", "2026-13-45") + "}", "entries[0].date", "dateInvalid", BindingError.DateInvalid },
        { Mark.Replace("\"2026-11-16\"", "20261116") + "}", "entries[0].date", "dateInvalid", BindingError.DateInvalid },
        { Mark.Replace("0b9f6c2e-4c1a-4a55-9a53-3f1e2d0c7a11", "abc") + "}", "entries[0].entryId", "entryIdInvalid", BindingError.UuidInvalid },
        { Mark.Replace("\"formative\"", "5") + "}", "entries[0].kind", "kindInvalid", BindingError.ValueInvalid },
        { Mark + ",\"recordedBy\":\"T1\"}", "entries[0].recordedBy", "fieldUnknown", BindingError.FieldUnknown },
        { Mark + ",\"score\":10}", "entries[0].score", "fieldDuplicate", BindingError.FieldDuplicate },
    };

    [Theory]
    [MemberData(nameof(MarkBodies))]
    public void A_mark_entry_that_cannot_be_bound_names_its_field_and_why(string entry, string field, string code, BindingError error)
    {
        var problem = BindingProblems.Classify(Bind<MarkBatch>("{\"entries\":[" + entry + "]}"), typeof(MarkBatch), Options);
        Assert.Equal(new BindingProblems.Problem(field, code, error), problem);
    }

    [Theory]
    [InlineData("{\"entries\":[],\"entries\":[]}", "entries", "fieldDuplicate")]
    [InlineData("{\"entries\":[],\"admin\":true}", "admin", "fieldUnknown")]
    [InlineData("{\"entries\":\"x\"}", "entries", "entriesInvalid")]
    [InlineData("{", "", "bodyMalformed")]
    [InlineData("[]", "", "bodyMalformed")]
    public void The_batch_itself(string body, string field, string code) =>
        Assert.Equal((field, code), (BindingProblems.Classify(Bind<MarkBatch>(body), typeof(MarkBatch), Options) is var p ? (p.Field, p.Code) : default));

    [Fact]
    public void A_roll_call_absentee_code_and_a_calendar_term_name_their_path()
    {
        const string lesson = """{"entries":[{"entryId":"0b9f6c2e-4c1a-4a55-9a53-3f1e2d0c7a11","subjectId":"MAT","date":"2026-11-16","period":2,"absentees":[{"studentId":"S1","code":"sick"},{"studentId":"S2","code":1}]}]}""";
        Assert.Equal(new BindingProblems.Problem("entries[0].absentees[1].code", "codeInvalid", BindingError.ValueInvalid),
            BindingProblems.Classify(Bind<LessonBatch>(lesson), typeof(LessonBatch), Options));
        const string calendar = """{"terms":[{"term":1,"starts":"2026-09-01","ends":"2026-10-32"}],"days":[]}""";
        Assert.Equal(new BindingProblems.Problem("terms[0].ends", "endsInvalid", BindingError.DateInvalid),
            BindingProblems.Classify(Bind<AcademicCalendarDocument>(calendar), typeof(AcademicCalendarDocument), Options));
    }

    [Fact]
    public void A_failure_without_a_request_type_is_a_malformed_body() =>
        Assert.Equal(BindingError.BodyMalformed, BindingProblems.Classify(new InvalidOperationException("no body"), null, Options).Error);

    private static JsonException Bind<T>(string body) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>(body, Options));
}
