-- Pupils and parents kept by the school (issue 18): a parent's link to a child is dated and confirmed by a staff
-- member against a document (its kind and number are kept here, never shown publicly). Links loaded by the CSV
-- import have no dates: linked since the registry was loaded, until ended.
ALTER TABLE student_parents ADD COLUMN IF NOT EXISTS from_date date;
ALTER TABLE student_parents ADD COLUMN IF NOT EXISTS to_date date;
ALTER TABLE student_parents ADD COLUMN IF NOT EXISTS document_kind text;
ALTER TABLE student_parents ADD COLUMN IF NOT EXISTS document_number text;
ALTER TABLE student_parents ADD COLUMN IF NOT EXISTS confirmed_by text;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'student_parents_dates_ck') THEN
        ALTER TABLE student_parents ADD CONSTRAINT student_parents_dates_ck CHECK (to_date IS NULL OR from_date IS NULL OR to_date >= from_date);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'student_parents_document_ck') THEN
        ALTER TABLE student_parents ADD CONSTRAINT student_parents_document_ck
            CHECK (document_kind IS NULL OR document_kind IN ('birthCertificate', 'guardianshipDecision', 'adoptionDecision'));
    END IF;
END $$;

CREATE INDEX IF NOT EXISTS student_parents_parent_idx ON student_parents (parent_id);
