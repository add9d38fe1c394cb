using EduInfo.Domain.Journal;
using EduInfo.Grains.Interfaces.Journal;
using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Storage.Journal;

namespace EduInfo.IntegrationTests.Journal;

/// <summary>The journal's append contract on a real PostgreSQL: one round trip, all or nothing, idempotent.</summary>
public sealed class JournalStoreTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private DemoRegistry _registry = null!;
    private JournalStore _journal = null!;

    public async Task InitializeAsync()
    {
        _registry = await DemoRegistry.CreateAsync(_db);
        _journal = new JournalStore(_db.DataSource);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private (JournalWriteContext Context, DemoRegistry.Teaching Teaching) Pick(int index)
    {
        var teaching = _registry.InClass(index);
        var organization = _registry.Data.Classes.Single(c => c.Id == teaching.ClassId).OrganizationId;
        return (new JournalWriteContext("2026-2027", teaching.ClassId, teaching.ClassId, organization, teaching.TeacherId, "127.0.0.1"), teaching);
    }

    private static NewMark Mark(DemoRegistry.Teaching t, int student, int score, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), t.Roster[student], t.SubjectId, new DateOnly(2026, 11, 2), MarkKind.Formative, score, 10,
            [(byte)score, (byte)student]);

    private Task<long> Rows(string classId) => _db.ScalarAsync<long>("SELECT count(*) FROM journal WHERE class_id = @c", ("c", classId));

    [Fact]
    public async Task Appends_return_sequence_numbers_and_move_the_class_watermark()
    {
        var (context, t) = Pick(0);
        var marks = new[] { Mark(t, 0, 7), Mark(t, 1, 9), Mark(t, 2, 4) };
        var result = await _journal.AppendMarksAsync(context, marks);

        Assert.False(result.IsConflict);
        Assert.Equal(marks.Select(m => m.EntryId).Order(), result.Inserted.Keys.Order());
        Assert.Equal(3, result.Inserted.Values.Distinct().Count());
        Assert.Equal(result.Inserted.Values.Max(), await _db.ScalarAsync<long>("SELECT seq FROM class_watermarks WHERE class_id = @c", ("c", t.ClassId)));
        Assert.Equal(20, await _db.ScalarAsync<long>(
            "SELECT sum(score) FROM journal WHERE class_id = @c AND author_id = @a", ("c", t.ClassId), ("a", t.TeacherId)));
    }

    [Fact]
    public async Task A_retry_is_reported_as_duplicates_and_adds_nothing()
    {
        var (context, t) = Pick(1);
        var marks = new[] { Mark(t, 0, 7), Mark(t, 1, 9) };
        var first = await _journal.AppendMarksAsync(context, marks);
        var watermark = await _db.ScalarAsync<long>("SELECT seq FROM class_watermarks WHERE class_id = @c", ("c", t.ClassId));

        var retry = await _journal.AppendMarksAsync(context, marks);
        Assert.Empty(retry.Inserted);
        Assert.Equal(first.Inserted, retry.Duplicates);
        Assert.Equal(2, await Rows(t.ClassId));
        Assert.Equal(watermark, await _db.ScalarAsync<long>("SELECT seq FROM class_watermarks WHERE class_id = @c", ("c", t.ClassId)));

        // A retry that also carries a new entry inserts just that one.
        var extended = await _journal.AppendMarksAsync(context, [.. marks, Mark(t, 2, 5)]);
        Assert.Single(extended.Inserted);
        Assert.Equal(2, extended.Duplicates.Count);
        Assert.Equal(3, await Rows(t.ClassId));
    }

    [Fact]
    public async Task The_same_entry_id_with_another_payload_is_a_conflict_and_writes_nothing()
    {
        var (context, t) = Pick(2);
        var original = Mark(t, 0, 7);
        await _journal.AppendMarksAsync(context, [original]);

        var changed = original with { Score = 8, PayloadHash = [8, 0] };
        var fresh = Mark(t, 1, 6);
        var result = await _journal.AppendMarksAsync(context, [fresh, changed]);

        Assert.True(result.IsConflict);
        Assert.Equal([original.EntryId], result.ConflictingIds);
        Assert.Empty(result.Inserted);
        Assert.Equal(1, await Rows(t.ClassId)); // the fresh entry beside the conflict was not written either
        Assert.Equal(7, await _db.ScalarAsync<int>("SELECT score FROM journal WHERE entry_id = @e", ("e", original.EntryId)));
    }

    [Fact]
    public async Task A_lesson_is_recorded_once_and_a_second_roll_call_for_it_is_refused_whole()
    {
        var (context, t) = Pick(3);
        var date = new DateOnly(2026, 11, 3);
        NewLesson Lesson(int period, params string[] absent) => new(Guid.NewGuid(), t.SubjectId, date, period, t.Roster,
            absent, absent.Select(_ => "sick").ToArray(), [(byte)period, (byte)absent.Length]);

        var first = Lesson(1, t.Roster[0]);
        var result = await _journal.AppendLessonsAsync(context, [first]);
        Assert.Single(result.Inserted);
        Assert.Equal(t.Roster, await ReadRosterAsync(result.Inserted[first.EntryId]));

        var again = await _journal.AppendLessonsAsync(context, [first]);
        Assert.Equal(first.EntryId, Assert.Single(again.Duplicates).Key);

        var clash = await Assert.ThrowsAsync<LessonAlreadyRecordedException>(() =>
            _journal.AppendLessonsAsync(context, [Lesson(2), Lesson(1, t.Roster[1])]));
        Assert.Equal((t.SubjectId, date, 1), Assert.Single(clash.Lessons));
        Assert.Equal(1, await Rows(t.ClassId)); // period 2 beside the clash was not written
    }

    [Fact]
    public async Task The_database_refuses_an_absentee_outside_the_stored_roster()
    {
        var (context, t) = Pick(4);
        var lesson = new NewLesson(Guid.NewGuid(), t.SubjectId, new DateOnly(2026, 11, 4), 1, t.Roster[1..], [t.Roster[0]], ["sick"], [1]);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _journal.AppendLessonsAsync(context, [lesson]));
        Assert.Equal(0, await Rows(t.ClassId));
    }

    [Fact]
    public async Task The_database_refuses_an_invalid_IIN()
    {
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _db.ScalarAsync<int>(
            "INSERT INTO students (id, iin, last_name, first_name, birth_date) VALUES ('X1', '900101300008', 'A', 'B', '1990-01-01') RETURNING 1"));
        Assert.Equal(Npgsql.PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(1, await _db.ScalarAsync<int>(
            "INSERT INTO students (id, iin, last_name, first_name, birth_date) VALUES ('X2', '900101300007', 'A', 'B', '1990-01-01') RETURNING 1"));
    }

    private async Task<string[]> ReadRosterAsync(long seq)
    {
        await using var command = _db.DataSource.CreateCommand("SELECT roster FROM journal WHERE seq = @s");
        command.Parameters.AddWithValue("s", seq);
        return (string[])(await command.ExecuteScalarAsync())!;
    }
}
