-- Issue 12: a year with no calendar loaded gets a generated one (quarters from 1 September, public holidays, breaks),
-- stored like any calendar and marked here until an operator sets the real one.
CREATE TABLE IF NOT EXISTS synthetic_calendars (
    academic_year text NOT NULL,
    org_kind      text NOT NULL,
    generated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (academic_year, org_kind)
);
