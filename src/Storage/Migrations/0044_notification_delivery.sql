-- Issue 22: the inbox's messages also go out by e-mail and SMS to a recipient who asked for it. The channels a
-- recipient gave (personal data: used for sending, never logged) and one outbox row per message and channel, written
-- in the message's own transaction, so a message is never lost between the step and its sending.
CREATE TABLE IF NOT EXISTS notification_channels (
    recipient  text PRIMARY KEY,
    email      text CHECK (length(email) <= 254),
    phone      text CHECK (phone ~ '^\+77[0-9]{9}$'),
    email_on   boolean NOT NULL DEFAULT false,
    sms_on     boolean NOT NULL DEFAULT false,
    quiet_from time NOT NULL DEFAULT '00:00',
    quiet_to   time NOT NULL DEFAULT '00:00',
    language   text NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    updated_at timestamptz NOT NULL,
    CHECK (NOT email_on OR email IS NOT NULL),
    CHECK (NOT sms_on OR phone IS NOT NULL)
);

-- A message to send once: a dispatcher claims due rows (SKIP LOCKED, a lease), sends, and marks them sent; a failure
-- is retried later (attempts, next_attempt_at) or given up (given_up_at). The address is blanked once the row is done.
CREATE TABLE IF NOT EXISTS notification_outbox (
    id              bigserial PRIMARY KEY,
    notification_id bigint NOT NULL REFERENCES notifications (id),
    channel         text NOT NULL CHECK (channel IN ('email', 'sms')),
    address         text,
    language        text NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    quiet_from      time NOT NULL,
    quiet_to        time NOT NULL,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    claimed_until   timestamptz,
    sent_at         timestamptz,
    given_up_at     timestamptz,
    last_error      text CHECK (length(last_error) <= 200),
    UNIQUE (notification_id, channel),
    CHECK ((sent_at IS NULL AND given_up_at IS NULL) = (address IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
