-- Grain state for AddAdoNetGrainStorage.
-- A grain is identified by (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring);
-- the two hashes are computed by the provider so that lookups can use a small integer index.
-- version is the grain's ETag: 1 on the first write, +1 on every write or clear. A caller holding an
-- older version changes nothing and gets its own version back, which the provider turns into an
-- InconsistentStateException.
CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    graintypehash          integer     NOT NULL,
    graintypestring        text        NOT NULL,
    grainidextensionstring text,
    serviceid              text        NOT NULL,
    payloadbinary          bytea,
    modifiedon             timestamptz NOT NULL DEFAULT now(),
    version                integer     NOT NULL
);

-- Every query narrows by the two hashes first and checks the rest of the key on the few rows left.
-- The strings stay out of the index: they are unbounded (generic type names, string keys).
CREATE INDEX IF NOT EXISTS ix_orleansstorage_hashes ON orleansstorage (grainidhash, graintypehash);

-- Writes a grain's state and returns the version now stored for the caller.
-- p_expectedversion is the caller's ETag: NULL means "never written", so we insert version 1;
-- otherwise we update only if the stored version still equals it. On a conflict the result is the
-- caller's own version (or NULL for a first write), which the provider reports as a conflict.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_expectedversion        integer,
    p_payload                bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_version integer;
BEGIN
    IF p_expectedversion IS NOT NULL THEN
        UPDATE orleansstorage
           SET payloadbinary = p_payload,
               modifiedon    = now(),
               version       = version + 1
         WHERE grainidhash = p_grainidhash
           AND graintypehash = p_graintypehash
           AND grainidn0 = p_grainidn0
           AND grainidn1 = p_grainidn1
           AND graintypestring = p_graintypestring
           AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
           AND serviceid = p_serviceid
           AND version = p_expectedversion
        RETURNING version INTO v_version;
        RETURN coalesce(v_version, p_expectedversion);
    END IF;

    -- First write. No unique index can cover the key (nullable extension, unbounded strings), so two
    -- first writers of the same grain are serialised on its hashes until their transactions end; each
    -- statement below takes a fresh snapshot, so the second one sees the first one's row and inserts nothing.
    PERFORM pg_advisory_xact_lock(p_grainidhash, p_graintypehash);

    INSERT INTO orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
         grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
    SELECT p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
           p_grainidextensionstring, p_serviceid, p_payload, now(), 1
     WHERE NOT EXISTS (
           SELECT 1
             FROM orleansstorage
            WHERE grainidhash = p_grainidhash
              AND graintypehash = p_graintypehash
              AND grainidn0 = p_grainidn0
              AND grainidn1 = p_grainidn1
              AND graintypestring = p_graintypestring
              AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
              AND serviceid = p_serviceid)
    RETURNING version INTO v_version;
    RETURN v_version;
END
$fn$;

-- The provider reads the column NewGrainStateVersion from every write, clear and delete.
INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'WriteToStorageKey', $q$
    SELECT orleans_storage_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$q$
),
(
    -- At most one row. A cleared grain keeps its row with a NULL payload, so its version survives.
    'ReadFromStorageKey', $q$
    SELECT payloadbinary AS PayloadBinary,
           version       AS Version,
           modifiedon    AS ModifiedOn
      FROM orleansstorage
     WHERE grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND serviceid = @ServiceId;
$q$
),
(
    -- Default ClearStateAsync: keep the row and its version history, drop the payload.
    -- No row comes back on a version mismatch, which the provider reports as a conflict.
    'ClearStorageKey', $q$
    UPDATE orleansstorage
       SET payloadbinary = NULL,
           modifiedon    = now(),
           version       = version + 1
     WHERE grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND serviceid = @ServiceId
       AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;
$q$
),
(
    -- ClearStateAsync with DeleteStateOnClear = true: remove the row. The provider only checks that the
    -- returned value differs from the version it sent, hence version + 1.
    'DeleteStorageKey', $q$
    DELETE FROM orleansstorage
     WHERE grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND serviceid = @ServiceId
       AND version = @GrainStateVersion
    RETURNING version + 1 AS NewGrainStateVersion;
$q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
