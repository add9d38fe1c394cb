-- Security (order point 10): accounts of the registry's users, their roles scoped by the hierarchy, refresh tokens,
-- and the audit log.

CREATE TABLE IF NOT EXISTS users (
    id              text PRIMARY KEY,
    login           text NOT NULL UNIQUE,
    -- PBKDF2 (standard slow hash) in the self-describing format of EduInfo.Api's PasswordHashing.
    password_hash   text NOT NULL,
    -- The person this account is: a teacher, parent or student id of the registry (null for officers and operators).
    person_id       text,
    failed_logins   integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    disabled        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- A role held over a scope: a node (district, region, KZ), an organization, a class, or a person (parent, student).
CREATE TABLE IF NOT EXISTS user_roles (
    user_id  text NOT NULL REFERENCES users (id),
    role     text NOT NULL CHECK (role IN ('teacher', 'class_teacher', 'head', 'district_officer', 'region_officer',
                                           'ministry_analyst', 'parent', 'student', 'operator')),
    scope_id text NOT NULL,
    PRIMARY KEY (user_id, role, scope_id)
);

-- Refresh tokens are stored hashed; each use rotates the token, and reuse of a rotated one revokes its family.
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash  bytea PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id),
    family      uuid NOT NULL,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family_idx ON refresh_tokens (family);

-- Who did what, when, from where: every write and every read of personal data. Append-only: updates and deletes
-- are refused except by the retention purge below.
CREATE TABLE IF NOT EXISTS audit_log (
    id              bigserial PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    actor_id        text NOT NULL,
    roles           text[] NOT NULL,
    client_address  text,
    action          text NOT NULL,
    target_kind     text NOT NULL,
    target_id       text NOT NULL,
    -- The organization the target belongs to, so a head can query the log of their organization.
    organization_id text,
    outcome         text NOT NULL,
    detail          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON audit_log (actor_id, at);
CREATE INDEX IF NOT EXISTS audit_log_target_idx ON audit_log (target_id, at);
CREATE INDEX IF NOT EXISTS audit_log_organization_idx ON audit_log (organization_id, at);

CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('eduinfo.audit_purge', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END $$;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- Row triggers do not fire on TRUNCATE: refuse it with a statement trigger.
CREATE OR REPLACE FUNCTION audit_log_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_truncate();

-- The only way rows leave the audit log: older than the retention period.
CREATE OR REPLACE FUNCTION audit_log_purge(retention interval) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    removed bigint;
BEGIN
    PERFORM set_config('eduinfo.audit_purge', 'on', true);
    DELETE FROM audit_log WHERE at < now() - retention;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('eduinfo.audit_purge', 'off', true);
    RETURN removed;
END $$;
