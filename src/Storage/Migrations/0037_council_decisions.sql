-- Issue 20: the pedagogical council's decision per pupil at the year's end, recorded by the head: promoted, promoted
-- conditionally (re-examination), repeats the year, left the school, graduated. One decision per pupil and year; a
-- decision recorded again replaces it, and every recording is audited with the decision it wrote.
CREATE TABLE IF NOT EXISTS council_decisions (
    academic_year text NOT NULL,
    student_id    text NOT NULL REFERENCES students (id),
    class_id      text NOT NULL REFERENCES classes (id),
    decision      text NOT NULL CHECK (decision IN ('promoted', 'promotedConditionally', 'repeatsYear', 'leftSchool', 'graduated')),
    reason        text,
    decided_by    text NOT NULL,
    PRIMARY KEY (academic_year, student_id)
);
