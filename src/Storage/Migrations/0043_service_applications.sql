-- Issue 22: the e-services desk (order points 8 and 12.2). The application's row is the data of record: its state,
-- its deadline and its escalation live here; an Orleans reminder only wakes its grain. Every transition is a row
-- (who, when, why), never updated.

-- What the government declares over the weekends and public holidays: Kurban Ait's first day, days off moved by
-- decree and the Saturdays worked for them. The deadlines of the services count working days over this.
CREATE TABLE IF NOT EXISTS labour_days (
    day    date PRIMARY KEY,
    kind   text NOT NULL CHECK (kind IN ('dayOff', 'workingDay')),
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200)
);

-- A child a parent names for a service while the child is not a pupil (first grade, the kindergarten queue). Nobody
-- registers a child by themselves: staff of the office the application goes to confirm the link against the birth
-- certificate before the service acts on it. A pupil's parents are the registry's student_parents, kept by staff.
CREATE TABLE IF NOT EXISTS child_links (
    id                uuid PRIMARY KEY,
    parent_id         text NOT NULL REFERENCES parents (id),
    child_iin         char(12) NOT NULL CHECK (iin_is_valid(child_iin)),
    birth_date        date NOT NULL,
    last_name         text NOT NULL,
    first_name        text NOT NULL,
    middle_name       text,
    birth_certificate text NOT NULL,
    claimed_at        timestamptz NOT NULL,
    confirmed_by      text,
    confirmed_at      timestamptz,
    confirmed_office  text,
    CONSTRAINT child_links_parent_child_key UNIQUE (parent_id, child_iin),
    CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL))
);

CREATE TABLE IF NOT EXISTS service_applications (
    id              uuid PRIMARY KEY,
    -- The server's order of receipt: places and queues go by it, never by a client's clock.
    receipt_seq     bigserial NOT NULL UNIQUE,
    service         text NOT NULL,
    applicant_id    text NOT NULL,
    -- The child: a link (not yet a pupil) or a pupil; child_key is whichever, for the one-open-application rule.
    child_link_id   uuid REFERENCES child_links (id),
    student_id      text REFERENCES students (id),
    child_key       text NOT NULL,
    -- The office that decides: an organization, or the district's education department (a node).
    office_id       text NOT NULL,
    district_id     text NOT NULL,
    documents       text[] NOT NULL,
    from_territory  boolean NOT NULL DEFAULT false,
    priority        text NOT NULL DEFAULT 'none',
    -- The district department checked the proof of the priority claimed: only then does it count in the queue.
    priority_confirmed boolean NOT NULL DEFAULT false,
    -- The kindergarten queue's key is the district and the child's year of birth.
    birth_year      integer,
    -- A direction to a kindergarten and the last day it may be used (it lapses when that day ends).
    directed_to     text REFERENCES organizations (id),
    direction_until date,
    admitted_year   text,
    received_at     timestamptz NOT NULL,
    counts_from     date NOT NULL,
    due_on          date,
    state           text NOT NULL,
    version         integer NOT NULL,
    decided_at      timestamptz,
    decided_on      date,
    escalated_at    timestamptz,
    refusal_ground  text,
    refusal_reason  text,
    verification_code text UNIQUE CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{32}$'),
    CHECK ((child_link_id IS NULL) <> (student_id IS NULL))
);

-- A second open application for the same child and service is refused to the same applicant only: another applicant
-- is not told that the child has applied.
CREATE UNIQUE INDEX IF NOT EXISTS service_applications_open_key ON service_applications (service, applicant_id, child_key)
    WHERE state NOT IN ('completed', 'refused', 'withdrawn');
CREATE INDEX IF NOT EXISTS service_applications_applicant_idx ON service_applications (applicant_id, receipt_seq);
CREATE INDEX IF NOT EXISTS service_applications_office_idx ON service_applications (office_id, receipt_seq);
CREATE INDEX IF NOT EXISTS service_applications_district_idx ON service_applications (district_id, state);
-- The start-up sweep reads the applications with a deadline running (a decision owed, a direction to use).
CREATE INDEX IF NOT EXISTS service_applications_deadline_idx ON service_applications (state) WHERE state IN ('filed', 'inReview', 'directed');

CREATE TABLE IF NOT EXISTS application_transitions (
    application_id uuid NOT NULL REFERENCES service_applications (id),
    version        integer NOT NULL,
    -- NULL for the filing itself (version 1).
    action         text,
    from_state     text,
    to_state       text NOT NULL,
    actor_id       text NOT NULL,
    actor_kind     text NOT NULL,
    at             timestamptz NOT NULL,
    ground         text,
    reason         text,
    PRIMARY KEY (application_id, version)
);

-- What an operator changed of a service's catalogue entry (the term, the window); the rest is the catalogue's data.
CREATE TABLE IF NOT EXISTS service_settings (
    service               text PRIMARY KEY,
    decision_working_days integer CHECK (decision_working_days BETWEEN 1 AND 260),
    window_from           text CHECK (window_from ~ '^[0-1][0-9]-[0-3][0-9]$'),
    window_to             text CHECK (window_to ~ '^[0-1][0-9]-[0-3][0-9]$'),
    changed_by            text NOT NULL,
    changed_at            timestamptz NOT NULL,
    CHECK ((window_from IS NULL) = (window_to IS NULL))
);

-- Every change of a child's place in a kindergarten queue, with its cause, shown to the parent. Written by the queue's
-- grain only (one writer per district and birth year), never updated. NULL: not in the queue.
CREATE TABLE IF NOT EXISTS queue_positions (
    id             bigserial PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES service_applications (id),
    district_id    text NOT NULL,
    birth_year     integer NOT NULL,
    at             timestamptz NOT NULL,
    from_place     integer,
    to_place       integer,
    cause          text NOT NULL,
    CHECK (from_place IS DISTINCT FROM to_place)
);
CREATE INDEX IF NOT EXISTS queue_positions_application_idx ON queue_positions (application_id, id);
CREATE INDEX IF NOT EXISTS queue_positions_queue_idx ON queue_positions (district_id, birth_year, id);
CREATE INDEX IF NOT EXISTS service_applications_queue_idx ON service_applications (district_id, birth_year) WHERE service = 'kindergartenQueue';

-- Documents a parent uploads to an application are health data (the medical forms): staff of the office read them,
-- every read audited; the type is the one sniffed from the bytes; the row goes N months after the decision.
CREATE TABLE IF NOT EXISTS application_uploads (
    id             uuid PRIMARY KEY,
    -- The order of upload (the instants may be equal under a pinned clock; the ids are random).
    seq            bigserial NOT NULL,
    application_id uuid NOT NULL REFERENCES service_applications (id),
    document       text NOT NULL,
    content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes     integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
    content        bytea NOT NULL,
    uploaded_by    text NOT NULL,
    uploaded_at    timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS application_uploads_application_idx ON application_uploads (application_id);

-- The in-app inbox: a message per event for its recipient (a parent's person id, or an account), written in the same
-- transaction as the event. A message carries a kind, a state and a link — never a name or an IIN.
CREATE TABLE IF NOT EXISTS notifications (
    id             bigserial PRIMARY KEY,
    recipient      text NOT NULL,
    kind           text NOT NULL,
    application_id uuid REFERENCES service_applications (id),
    service        text,
    state          text,
    link           text NOT NULL CHECK (link ~ '^/[A-Za-z0-9/_-]*$'),
    created_at     timestamptz NOT NULL,
    read_at        timestamptz
);
CREATE INDEX IF NOT EXISTS notifications_recipient_idx ON notifications (recipient, id DESC);
CREATE INDEX IF NOT EXISTS notifications_unread_idx ON notifications (recipient) WHERE read_at IS NULL;
