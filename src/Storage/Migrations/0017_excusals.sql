-- A head may excuse a student's missed summative (DESIGN.md §2): its weight is then shared among the other components
-- for that student only. The excusal is a journal row (entry_kind 'excusal'), numbered, audited and voidable like any other.
ALTER TABLE journal DROP CONSTRAINT IF EXISTS journal_entry_kind_check2;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_entry_kind_check3 CHECK (entry_kind IN ('mark', 'lesson', 'void', 'excusal'));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_excusal_check CHECK (
        entry_kind <> 'excusal' OR (student_id IS NOT NULL AND mark_kind IN ('section', 'term') AND length(reason) > 0));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
