-- Issue 18: organizations opened and closed by the officers above them. opened_on is null for an organization loaded
-- before the registry was kept (the demo seed, the CSV import); closed_on is its last working day, set only after every
-- enrolment, employment and assignment of it has ended or moved, with the reason.
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS opened_on date;
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS closed_on date;
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS closing_reason text;
-- The number the opening took from journal_seq: the organization's own part of its summary's version, so the areas
-- above it see a newer version and take the new child's figures (one organization) up to the republic. Null when loaded.
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS opened_seq bigint;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'organizations_lifecycle_ck') THEN
        ALTER TABLE organizations ADD CONSTRAINT organizations_lifecycle_ck
            CHECK ((closed_on IS NULL) = (closing_reason IS NULL) AND (closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on));
    END IF;
END $$;

-- The last word on "a closed organization takes no pupils", across silos and for the CSV import too: an enrolment into
-- a class of a closed organization is refused. The organizations are locked FOR SHARE, so a closing (which updates the
-- row, then checks that no enrolment is left open) either waits for this enrolment and then sees it, or is seen here.
CREATE OR REPLACE FUNCTION enrolments_refuse_closed_organization() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM (
            SELECT o.closed_on FROM organizations o
            WHERE o.id IN (SELECT c.organization_id FROM added a JOIN classes c ON c.id = a.class_id)
            FOR SHARE OF o
        ) AS locked
        WHERE locked.closed_on IS NOT NULL)
    THEN
        RAISE EXCEPTION 'enrolment into a class of a closed organization' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS enrolments_closed_organization ON enrolments;
CREATE TRIGGER enrolments_closed_organization AFTER INSERT ON enrolments
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION enrolments_refuse_closed_organization();
