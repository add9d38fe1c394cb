-- A cross-class profile group's roll-call is stored as one row per home class (each with its part of the roster), so a
-- lesson is unique per teaching group, home class, subject, date and period.
DROP INDEX IF EXISTS journal_lesson_uq;
CREATE UNIQUE INDEX IF NOT EXISTS journal_lesson_class_uq ON journal (academic_year, group_id, class_id, subject_id, lesson_date, period)
    WHERE entry_kind = 'lesson' AND supersedes IS NULL;
