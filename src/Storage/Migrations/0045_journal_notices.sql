-- Issue 22: parents may subscribe to their children's new marks, absences and term marks. A feed reads the journal
-- behind the write path (journal writes do not change) and writes inbox messages and their outbox rows.

-- What a recipient follows, each kind switched by the recipient; off until they switch it on.
ALTER TABLE notification_channels ADD COLUMN IF NOT EXISTS marks_on boolean NOT NULL DEFAULT false;
ALTER TABLE notification_channels ADD COLUMN IF NOT EXISTS absences_on boolean NOT NULL DEFAULT false;
ALTER TABLE notification_channels ADD COLUMN IF NOT EXISTS term_marks_on boolean NOT NULL DEFAULT false;

-- A journal notice: the row it comes from (journal or term_events sequence number), the pupil it is about (an id, for
-- the diary's link: never a name), the subject and what happened (a score, an attendance code, a term number).
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS journal_seq bigint;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS student_id text;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS subject_id text;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS detail text CHECK (length(detail) <= 20);
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS on_date date;
-- One notice per recipient, row and pupil, however often the feed passes over the row.
CREATE UNIQUE INDEX IF NOT EXISTS notifications_journal_uq ON notifications (recipient, journal_seq, student_id) WHERE journal_seq IS NOT NULL;
-- A diary link carries the pupil's id, percent-encoded.
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_link_check;
DO $$ BEGIN
    ALTER TABLE notifications ADD CONSTRAINT notifications_link_check2 CHECK (link ~ '^/[A-Za-z0-9/_.~%-]*$');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- How far the feed has read the journal's sequence. It starts at the sequence's value when the feed is created: no
-- notices for the journal's past.
CREATE TABLE IF NOT EXISTS journal_feed (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    seq        bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO journal_feed (id, seq) SELECT true, last_value FROM journal_seq ON CONFLICT DO NOTHING;
