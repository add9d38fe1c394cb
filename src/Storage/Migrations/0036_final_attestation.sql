-- Issue 20: the final attestation's examinations (grades 9 and 11 by the default policy), entered by the organization's
-- head: a subject examined for a class, and each pupil's examination mark in it (NULL: registered, not written yet).
-- A mark entered again replaces the stored one; every entry is audited with the marks it wrote.
CREATE TABLE IF NOT EXISTS exam_subjects (
    academic_year text NOT NULL,
    class_id      text NOT NULL REFERENCES classes (id),
    subject_id    text NOT NULL REFERENCES subjects (id),
    PRIMARY KEY (academic_year, class_id, subject_id)
);

CREATE TABLE IF NOT EXISTS exam_marks (
    academic_year text NOT NULL,
    class_id      text NOT NULL REFERENCES classes (id),
    subject_id    text NOT NULL REFERENCES subjects (id),
    student_id    text NOT NULL REFERENCES students (id),
    mark          smallint CHECK (mark BETWEEN 2 AND 5),
    recorded_by   text NOT NULL,
    PRIMARY KEY (academic_year, class_id, subject_id, student_id)
);
