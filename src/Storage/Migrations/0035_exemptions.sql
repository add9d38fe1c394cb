-- Issue 20: a head exempts a pupil from a subject for a term or the whole year (physical education on medical grounds,
-- an individual plan, home schooling where the subject is not taught). Like an excusal it is a journal row of the
-- pupil, numbered, audited and voidable by the head; its date (the term's, or the year's first term's, first day)
-- places it, exempt_year widens it to every term, and the ground is one of the listed ones.
ALTER TABLE journal ADD COLUMN IF NOT EXISTS exemption_ground text;
ALTER TABLE journal ADD COLUMN IF NOT EXISTS exempt_year boolean;
ALTER TABLE journal DROP CONSTRAINT IF EXISTS journal_entry_kind_check3;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_entry_kind_check4 CHECK (entry_kind IN ('mark', 'lesson', 'void', 'excusal', 'exemption'));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
    ALTER TABLE journal ADD CONSTRAINT journal_exemption_check CHECK (
        entry_kind <> 'exemption' OR (student_id IS NOT NULL AND exempt_year IS NOT NULL AND length(reason) > 0
            AND exemption_ground IN ('medical', 'individualPlan', 'homeSchooling')));
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
