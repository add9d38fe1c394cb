-- Issue 18: staff kept by their organization. A teachers row is any member of staff (its post says which), employed
-- from hired_on (null: before the registry was kept) to left_on (the last day; null: still employed).
ALTER TABLE teachers ADD COLUMN IF NOT EXISTS post text NOT NULL DEFAULT 'teacher';
ALTER TABLE teachers ADD COLUMN IF NOT EXISTS hired_on date;
ALTER TABLE teachers ADD COLUMN IF NOT EXISTS left_on date;
DO $$ BEGIN
    ALTER TABLE teachers ADD CONSTRAINT teachers_post_check
        CHECK (post IN ('teacher', 'deputy', 'psychologist', 'librarian', 'other'));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
    ALTER TABLE teachers ADD CONSTRAINT teachers_employment_check CHECK (left_on IS NULL OR hired_on IS NULL OR left_on >= hired_on);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE INDEX IF NOT EXISTS teachers_organization_idx ON teachers (organization_id);

-- Class teachers, dated: the class_teacher grant of the teacher's accounts follows the period in force.
CREATE TABLE IF NOT EXISTS class_teachers (
    seq        bigint PRIMARY KEY DEFAULT nextval('journal_seq'),
    class_id   text NOT NULL REFERENCES classes (id),
    teacher_id text NOT NULL REFERENCES teachers (id),
    from_date  date NOT NULL,
    to_date    date,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX IF NOT EXISTS class_teachers_class_idx ON class_teachers (class_id, from_date);

