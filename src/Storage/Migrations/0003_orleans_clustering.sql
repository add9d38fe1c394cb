-- Cluster membership for UseAdoNetClustering (silos) and the ADO.NET gateway list (clients).
-- Orleans' membership protocol needs one version per cluster (deploymentid = ClusterId): every insert or
-- update of a silo row must name the version it read and bumps it, so concurrent changes are detected.
-- Heartbeats (IAmAliveTime) and clean-up do not touch the version.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid text        NOT NULL,
    modifiedon   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT orleansmembershipversiontable_pk PRIMARY KEY (deploymentid)
);

-- One row per silo incarnation; generation tells restarts on the same address and port apart.
-- Status is Orleans' SiloStatus as an integer (3 = Active, 6 = Dead).
-- suspecttimes is Orleans' own text encoding of the suspicion votes; we only store and compare it.
CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    proxyport    integer     NOT NULL DEFAULT 0,
    suspecttimes text,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    CONSTRAINT orleansmembershiptable_pk PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT orleansmembershiptable_version_fk FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Adds a silo's row and bumps the cluster version, both or neither; returns 1 on success, 0 otherwise.
-- The version row is locked first: of two callers holding the same version the second waits, then finds
-- the version changed and gives up without writing anything.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_siloname     text,
    p_hostname     text,
    p_status       integer,
    p_proxyport    integer,
    p_starttime    timestamptz,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
       FROM orleansmembershipversiontable
      WHERE deploymentid = p_deploymentid AND version = p_version
        FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    VALUES
        (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname, p_status, p_proxyport,
         p_starttime, p_iamalivetime)
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;
    END IF;

    UPDATE orleansmembershipversiontable
       SET version = version + 1, modifiedon = now()
     WHERE deploymentid = p_deploymentid;
    RETURN 1;
END
$fn$;

-- Changes a silo's status and suspicion votes and bumps the cluster version, both or neither;
-- returns 1 on success, 0 otherwise (stale version or no such silo). Locking as in orleans_membership_insert.
-- IAmAliveTime never moves backwards: a heartbeat written after the caller read the row must survive.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_status       integer,
    p_suspecttimes text,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
       FROM orleansmembershipversiontable
      WHERE deploymentid = p_deploymentid AND version = p_version
        FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleansmembershiptable
       SET status       = p_status,
           suspecttimes = p_suspecttimes,
           iamalivetime = greatest(iamalivetime, p_iamalivetime)
     WHERE deploymentid = p_deploymentid
       AND address = p_address
       AND port = p_port
       AND generation = p_generation;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;
    END IF;

    UPDATE orleansmembershipversiontable
       SET version = version + 1, modifiedon = now()
     WHERE deploymentid = p_deploymentid;
    RETURN 1;
END
$fn$;

-- Result columns of the two membership reads: DeploymentId, Address, Port, Generation, SiloName, HostName,
-- Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version. Both start from the version row so
-- that the version comes back even when no silo row matches (the provider needs at least one row).
INSERT INTO orleansquery (querykey, querytext) VALUES
(
    -- Creates the cluster's version row once; 1 if this call created it, 0 if it already existed.
    'InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleansmembershipversiontable (deploymentid)
        VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created;
$q$
),
(
    'InsertMembershipKey', $q$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$
),
(
    'UpdateMembershipKey', $q$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
$q$
),
(
    -- The heartbeat: hot and unversioned, one indexed single-row update. Never moves the time backwards.
    'UpdateIAmAlivetimeKey', $q$
    UPDATE orleansmembershiptable
       SET iamalivetime = greatest(iamalivetime, @IAmAliveTime)
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation;
$q$
),
(
    'MembershipReadRowKey', $q$
    SELECT v.deploymentid AS DeploymentId,
           m.address      AS Address,
           m.port         AS Port,
           m.generation   AS Generation,
           m.siloname     AS SiloName,
           m.hostname     AS HostName,
           m.status       AS Status,
           m.proxyport    AS ProxyPort,
           m.suspecttimes AS SuspectTimes,
           m.starttime    AS StartTime,
           m.iamalivetime AS IAmAliveTime,
           v.version      AS Version
      FROM orleansmembershipversiontable v
      LEFT JOIN orleansmembershiptable m
             ON m.deploymentid = v.deploymentid
            AND m.address = @Address
            AND m.port = @Port
            AND m.generation = @Generation
     WHERE v.deploymentid = @DeploymentId;
$q$
),
(
    'MembershipReadAllKey', $q$
    SELECT v.deploymentid AS DeploymentId,
           m.address      AS Address,
           m.port         AS Port,
           m.generation   AS Generation,
           m.siloname     AS SiloName,
           m.hostname     AS HostName,
           m.status       AS Status,
           m.proxyport    AS ProxyPort,
           m.suspecttimes AS SuspectTimes,
           m.starttime    AS StartTime,
           m.iamalivetime AS IAmAliveTime,
           v.version      AS Version
      FROM orleansmembershipversiontable v
      LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
     WHERE v.deploymentid = @DeploymentId;
$q$
),
(
    -- Gateways for clients: silos in @Status (the provider passes Active) that accept clients.
    'GatewaysQueryKey', $q$
    SELECT address    AS Address,
           proxyport  AS ProxyPort,
           generation AS Generation
      FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = @Status
       AND proxyport > 0;
$q$
),
(
    -- Drops a whole cluster (tests, decommissioning). Silo rows first because of the foreign key.
    'DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$
),
(
    -- Bulk clean-up, used by providers that do not know CleanupDefunctSiloEntryKey: only Dead silos whose
    -- start and last heartbeat both precede the cut-off. Never touches Joining/ShuttingDown/Active rows.
    'CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = 6
       AND iamalivetime < @IAmAliveTime
       AND starttime < @IAmAliveTime;
$q$
),
(
    -- Per-row clean-up (10.4 providers use it when present): the provider picks the defunct Dead rows
    -- itself and deletes each one only if it still holds exactly the values it read, so a row changed in
    -- between is left for a later pass. No version bump: a Dead row's removal changes nobody's view.
    'CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation
       AND status = 6
       AND starttime = @StartTime
       AND iamalivetime = @IAmAliveTime
       AND coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '');
$q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
