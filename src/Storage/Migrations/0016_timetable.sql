-- Timetables (DESIGN.md §2, Calendar): which lessons each teaching group of a class has, by ISO weekday (1 = Monday)
-- and period, in force from a date. Completeness = lessons with a roll-call ÷ lessons the timetable scheduled.
CREATE TABLE IF NOT EXISTS timetable_slots (
    class_id   text NOT NULL REFERENCES classes (id),
    group_id   text NOT NULL REFERENCES teaching_groups (id),
    subject_id text NOT NULL REFERENCES subjects (id),
    weekday    smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    period     smallint NOT NULL CHECK (period BETWEEN 1 AND 12),
    valid_from date NOT NULL,
    valid_to   date,
    PRIMARY KEY (class_id, group_id, weekday, period, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
