-- Issue 5: the academic calendar, assessment policies and term closes are data, and corrections may void a row.

-- Terms per academic year and kind of organization: quarters (schools), semesters (colleges), monitoring periods
-- (preschool). A date outside every term is not a school day.
CREATE TABLE IF NOT EXISTS academic_terms (
    academic_year text NOT NULL CHECK (academic_year ~ '^[0-9]{4}-[0-9]{4}$'),
    org_kind      text NOT NULL CHECK (org_kind IN ('preschool', 'school', 'college', 'additional')),
    term          smallint NOT NULL CHECK (term BETWEEN 1 AND 6),
    starts_on     date NOT NULL,
    ends_on       date NOT NULL,
    PRIMARY KEY (academic_year, org_kind, term),
    CHECK (ends_on >= starts_on)
);

-- Exceptions to the weekly pattern: public holidays, moved working days (a Saturday worked instead of a Monday) and
-- cancelled days (frost days) that may concern one area and some grades only.
CREATE TABLE IF NOT EXISTS calendar_days (
    id            bigserial PRIMARY KEY,
    academic_year text NOT NULL,
    org_kind      text NOT NULL CHECK (org_kind IN ('preschool', 'school', 'college', 'additional')),
    day           date NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('holiday', 'working', 'cancelled')),
    -- For cancelled days: the area or organization concerned (null = everywhere) and the grades (null = all).
    node_id       text,
    grades        smallint[],
    reason        text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS calendar_days_year_idx ON calendar_days (academic_year, org_kind);

-- Five- or six-day school week, per organization.
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS school_week smallint NOT NULL DEFAULT 5;
DO $$ BEGIN
    ALTER TABLE organizations ADD CONSTRAINT organizations_school_week_check CHECK (school_week IN (5, 6));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- Assessment policies, versioned by effective date. A term is assessed under the version in force on its first
-- day, so a new version changes later terms only. Versions in force are never rewritten.
CREATE TABLE IF NOT EXISTS assessment_policies (
    org_kind       text NOT NULL CHECK (org_kind IN ('preschool', 'school', 'college', 'additional')),
    effective_from date NOT NULL,
    policy         jsonb NOT NULL,
    set_by         text NOT NULL,
    set_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_kind, effective_from)
);

-- The rules since 1 September 2020 (DESIGN.md §2): seeded as data, replaceable by a later version.
INSERT INTO assessment_policies (org_kind, effective_from, policy, set_by) VALUES
    ('school', '2020-09-01', '{"formativeScale":10,"weights":{"formative":25,"section":25,"term":50},"bands":[{"fromPercent":85,"mark":5},{"fromPercent":65,"mark":4},{"fromPercent":40,"mark":3},{"fromPercent":0,"mark":2}],"descriptiveGrades":[1]}', 'migration'),
    ('college', '2020-09-01', '{"formativeScale":10,"weights":{"formative":25,"section":25,"term":50},"bands":[{"fromPercent":85,"mark":5},{"fromPercent":65,"mark":4},{"fromPercent":40,"mark":3},{"fromPercent":0,"mark":2}],"descriptiveGrades":[]}', 'migration')
ON CONFLICT DO NOTHING;

-- Term closes and reopenings per class, numbered from the journal sequence: a close moves the class's summary
-- (term marks become final), so it moves the class's version too. The latest event per term holds.
CREATE TABLE IF NOT EXISTS term_events (
    seq           bigint PRIMARY KEY DEFAULT nextval('journal_seq'),
    class_id      text NOT NULL REFERENCES classes (id),
    academic_year text NOT NULL,
    term          smallint NOT NULL,
    action        text NOT NULL CHECK (action IN ('close', 'reopen')),
    actor_id      text NOT NULL,
    reason        text,
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS term_events_class_idx ON term_events (class_id, academic_year, term, seq);

-- A correction either replaces a row (a new row of the same kind) or voids it (a 'void' row carrying the voided
-- row's student, subject and date). Both supersede the original and carry a reason.
ALTER TABLE journal DROP CONSTRAINT IF EXISTS journal_entry_kind_check;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_entry_kind_check2 CHECK (entry_kind IN ('mark', 'lesson', 'void'));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_correction_reason_check CHECK (supersedes IS NULL OR length(reason) > 0);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_void_check CHECK (entry_kind <> 'void' OR supersedes IS NOT NULL);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
