-- Preschool (DESIGN.md §2): a child's development level per educational area at each monitoring point is a mark of
-- kind 'development' with score 1..3 (I low, II medium, III high) out of 3.
ALTER TABLE journal DROP CONSTRAINT IF EXISTS journal_mark_kind_check;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_mark_kind_check2 CHECK (mark_kind IN ('formative', 'section', 'term', 'development'));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_development_check CHECK (mark_kind IS DISTINCT FROM 'development' OR (score BETWEEN 1 AND 3 AND max_score = 3));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
