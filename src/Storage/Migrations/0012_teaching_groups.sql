-- Teaching groups beyond the whole class: subgroups (languages, informatics, PE) and cross-class profile groups,
-- each for one subject, with a dated roster of their own.
ALTER TABLE teaching_groups ADD COLUMN IF NOT EXISTS subject_id text REFERENCES subjects (id);
ALTER TABLE teaching_groups ADD COLUMN IF NOT EXISTS name text;

CREATE TABLE IF NOT EXISTS teaching_group_members (
    group_id   text NOT NULL REFERENCES teaching_groups (id),
    student_id text NOT NULL REFERENCES students (id),
    from_date  date NOT NULL,
    to_date    date,
    PRIMARY KEY (group_id, student_id, from_date),
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX IF NOT EXISTS teaching_group_members_student_idx ON teaching_group_members (student_id);
