-- Browser sessions are kept on the server: the cookie carries only a random key (its SHA-256 is stored), so signing
-- out ends a session for good, even for a copy of the cookie. Expired rows are purged as new sessions begin.
CREATE TABLE IF NOT EXISTS browser_sessions (
    key_hash    bytea PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id),
    ticket      bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS browser_sessions_expires_idx ON browser_sessions (expires_at);

-- The ASP.NET Core data-protection key ring (session cookies, antiforgery tokens), shared by every Api replica.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name        text PRIMARY KEY,
    xml         text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
