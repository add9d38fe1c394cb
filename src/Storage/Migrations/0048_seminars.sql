-- Issue 24 (order point 7): seminars for teachers and heads. A seminar is organized by an office (a district, a region,
-- the republic) or an organization; its rows are written by its grain only, each write with its audit row in one
-- transaction, under a lock of the seminar's row (seats are counted there, whatever activation writes).
CREATE TABLE IF NOT EXISTS seminars (
    id            uuid PRIMARY KEY,
    organizer_id  text NOT NULL,
    topic         text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
    description   text CHECK (length(description) <= 4000),
    audience      text NOT NULL CHECK (audience IN ('teachers', 'heads')),
    language      text NOT NULL CHECK (language IN ('kk', 'ru')),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL CHECK (ends_at > starts_at),
    -- The seminar's day in Kazakhstan: attendance is taken from it on.
    held_on       date NOT NULL,
    place         text CHECK (length(place) <= 300),
    online_link   text CHECK (online_link ~ '^https://' AND length(online_link) <= 500),
    capacity      int NOT NULL CHECK (capacity BETWEEN 1 AND 2000),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL,
    CHECK (place IS NOT NULL OR online_link IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS seminars_starts_idx ON seminars (starts_at);
CREATE INDEX IF NOT EXISTS seminars_organizer_idx ON seminars (organizer_id, starts_at);

-- One registration per person and seminar. `arrival` orders them as the seminar received them: the first `capacity`
-- not withdrawn hold seats, the rest wait in that order (SeminarRules.StateOf). A withdrawn registration registers again
-- at the end of the list.
CREATE TABLE IF NOT EXISTS seminar_registrations (
    seminar_id       uuid NOT NULL REFERENCES seminars (id),
    person_id        text NOT NULL,
    account_id       text NOT NULL,
    organization_id  text NOT NULL REFERENCES organizations (id),
    arrival          bigint NOT NULL,
    state            text NOT NULL CHECK (state IN ('seated', 'waiting', 'withdrawn')),
    registered_at    timestamptz NOT NULL,
    seated_at        timestamptz,
    withdrawn_at     timestamptz,
    attended         boolean,
    attendance_by    text,
    attendance_at    timestamptz,
    -- A certificate of participation: issued with "attended", revoked when attendance is corrected to absent.
    certificate_code text UNIQUE CHECK (certificate_code ~ '^[0-9A-HJKMNP-TV-Z]{32}$'),
    certificate_revoked_at timestamptz,
    PRIMARY KEY (seminar_id, person_id),
    UNIQUE (seminar_id, arrival)
);
CREATE INDEX IF NOT EXISTS seminar_registrations_organization_idx ON seminar_registrations (organization_id);
CREATE INDEX IF NOT EXISTS seminar_registrations_person_idx ON seminar_registrations (person_id);

-- Every move of a registration (registered, seated, waiting, withdrawn, attended, absent) with who and when: the
-- waiting list's history a participant and the organizer can read.
CREATE TABLE IF NOT EXISTS seminar_moves (
    id          bigserial PRIMARY KEY,
    seminar_id  uuid NOT NULL REFERENCES seminars (id),
    person_id   text NOT NULL,
    move        text NOT NULL CHECK (move IN ('seated', 'waiting', 'movedUp', 'withdrawn', 'attended', 'absent')),
    position    int,
    by_account  text NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS seminar_moves_seminar_idx ON seminar_moves (seminar_id, person_id, id);

-- A seminar's inbox message (a seat that came free) links to the seminar.
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS seminar_id uuid REFERENCES seminars (id);
