-- The journal: the data of record. Append-only; a correction is a new row that supersedes an earlier one.
-- Partitioned by academic year (the national journal grows by ~1 billion rows a year).
CREATE TABLE IF NOT EXISTS journal (
    seq             bigint NOT NULL DEFAULT nextval('journal_seq'),
    academic_year   text NOT NULL,
    -- The client's idempotency key: a retry with the same id and payload is a no-op.
    entry_id        uuid NOT NULL,
    entry_kind      text NOT NULL CHECK (entry_kind IN ('mark', 'lesson')),
    class_id        text NOT NULL,     -- the home class the row counts in
    group_id        text NOT NULL,     -- the teaching group the lesson was taught to
    organization_id text NOT NULL,
    subject_id      text NOT NULL,
    lesson_date     date NOT NULL,
    period          smallint,
    student_id      text,
    mark_kind       text CHECK (mark_kind IN ('formative', 'section', 'term')),
    score           smallint,
    max_score       smallint,
    -- Roll-call: the group's roster on the lesson date, and the absentees with ASCII code names.
    roster          text[],
    absent_ids      text[],
    absent_codes    text[],
    supersedes      bigint,
    reason          text,
    author_id       text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    client_address  text,
    -- Hash of the payload as the client sent it: same id + other payload = conflict, never a silent loss.
    payload_hash    bytea NOT NULL,
    PRIMARY KEY (academic_year, seq),
    UNIQUE (academic_year, entry_id),
    CHECK (entry_kind <> 'mark' OR (student_id IS NOT NULL AND mark_kind IS NOT NULL AND score IS NOT NULL AND max_score > 0
                                    AND score BETWEEN 0 AND max_score)),
    CHECK (entry_kind <> 'lesson' OR (roster IS NOT NULL AND period IS NOT NULL
                                      AND coalesce(cardinality(absent_ids), 0) = coalesce(cardinality(absent_codes), 0)
                                      AND absent_ids <@ roster)),
    CHECK (absent_codes <@ ARRAY['unexcused', 'excused', 'sick', 'late']::text[])
) PARTITION BY LIST (academic_year);

CREATE TABLE IF NOT EXISTS journal_2025_2026 PARTITION OF journal FOR VALUES IN ('2025-2026');
CREATE TABLE IF NOT EXISTS journal_2026_2027 PARTITION OF journal FOR VALUES IN ('2026-2027');
CREATE TABLE IF NOT EXISTS journal_2027_2028 PARTITION OF journal FOR VALUES IN ('2027-2028');

-- Each row is superseded at most once.
CREATE UNIQUE INDEX IF NOT EXISTS journal_supersedes_uq ON journal (academic_year, supersedes) WHERE supersedes IS NOT NULL;
-- The diary reads a student's marks by index; a class rebuilds from its rows.
CREATE INDEX IF NOT EXISTS journal_student_idx ON journal (student_id, seq) WHERE student_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS journal_class_idx ON journal (class_id, seq);

-- The highest sequence number that moved each class (journal rows or roster changes): the class's version.
-- Written in the same statement as the rows it covers; reconciliation compares grains against it.
CREATE TABLE IF NOT EXISTS class_watermarks (
    class_id text PRIMARY KEY,
    seq      bigint NOT NULL
);

-- A lesson is recorded once per teaching group, subject, date and period; a correction supersedes it.
CREATE UNIQUE INDEX IF NOT EXISTS journal_lesson_uq ON journal (academic_year, group_id, subject_id, lesson_date, period)
    WHERE entry_kind = 'lesson' AND supersedes IS NULL;
