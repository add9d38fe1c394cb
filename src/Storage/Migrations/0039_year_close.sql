-- Issue 20: closing an academic year. A closed year refuses journal writes (its classes are told at once and read the
-- state when they load) until an operator reopens it with a reason; closing freezes every node's summary of the year
-- (the republic down to each class) into the archive that answers `year=` at every level. Closing again after a
-- reopening replaces the archive. Every close and reopening is audited.
CREATE TABLE IF NOT EXISTS academic_years (
    academic_year  text PRIMARY KEY CHECK (academic_year ~ '^[0-9]{4}-[0-9]{4}$'),
    closed_at      timestamptz,
    closed_by      text,
    reopened_at    timestamptz,
    reopen_reason  text
);

-- Summaries as the grains hold them (Orleans binary, like the roll-up cache), one per node and year.
CREATE TABLE IF NOT EXISTS year_archive (
    academic_year text NOT NULL,
    node_id       text NOT NULL,
    parent_id     text,
    kind          text NOT NULL CHECK (kind IN ('republic', 'region', 'district', 'organization', 'class')),
    summary       bytea NOT NULL,
    PRIMARY KEY (academic_year, node_id)
);
CREATE INDEX IF NOT EXISTS year_archive_parent_idx ON year_archive (academic_year, parent_id);

-- An organization's live year is the newest it has classes of (the roll creates the next year's): one probe of this index.
CREATE INDEX IF NOT EXISTS classes_organization_year_idx ON classes (organization_id, academic_year);
CREATE INDEX IF NOT EXISTS classes_academic_year_idx ON classes (academic_year);
