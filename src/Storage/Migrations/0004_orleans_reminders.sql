-- Durable reminders for UseAdoNetReminderService.
-- grainhash is the grain's position on Orleans' consistent-hash ring (a uint stored as a signed integer);
-- each silo loads the reminders of its own ring range. version is the reminder's ETag, +1 on every upsert.
-- period is in milliseconds (bigint: the provider sends an int for short periods and a bigint otherwise).
CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    period       bigint      NOT NULL,
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT orleansreminderstable_pk PRIMARY KEY (serviceid, grainid, remindername)
);

-- For the ring-range reads, which every silo repeats whenever its range changes.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_ring ON orleansreminderstable (serviceid, grainhash);

-- Reads return the columns GrainId, ReminderName, StartTime, Period, Version.
INSERT INTO orleansquery (querykey, querytext) VALUES
(
    -- Registers or replaces a reminder; returns the new ETag (0 for a new reminder).
    'UpsertReminderRowKey', $q$
    INSERT INTO orleansreminderstable AS r
        (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
        SET starttime = EXCLUDED.starttime,
            period    = EXCLUDED.period,
            grainhash = EXCLUDED.grainhash,
            version   = r.version + 1
    RETURNING r.version AS Version;
$q$
),
(
    'ReadReminderRowsKey', $q$
    SELECT grainid      AS GrainId,
           remindername AS ReminderName,
           starttime    AS StartTime,
           period       AS Period,
           version      AS Version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId;
$q$
),
(
    'ReadReminderRowKey', $q$
    SELECT grainid      AS GrainId,
           remindername AS ReminderName,
           starttime    AS StartTime,
           period       AS Period,
           version      AS Version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName;
$q$
),
(
    -- Ring range (BeginHash, EndHash] that does not wrap: the provider picks this key when
    -- BeginHash < EndHash as signed integers.
    'ReadRangeRows1Key', $q$
    SELECT grainid      AS GrainId,
           remindername AS ReminderName,
           starttime    AS StartTime,
           period       AS Period,
           version      AS Version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainhash > @BeginHash
       AND grainhash <= @EndHash;
$q$
),
(
    -- Ring range that wraps past the end: everything above BeginHash plus everything up to EndHash.
    'ReadRangeRows2Key', $q$
    SELECT grainid      AS GrainId,
           remindername AS ReminderName,
           starttime    AS StartTime,
           period       AS Period,
           version      AS Version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$
),
(
    -- Removes one reminder if the caller's ETag is current; returns 1 if removed, 0 otherwise.
    'DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM orleansreminderstable
         WHERE serviceid = @ServiceId
           AND grainid = @GrainId
           AND remindername = @ReminderName
           AND version = @Version
        RETURNING 1)
    SELECT count(*)::integer FROM removed;
$q$
),
(
    -- Removes every reminder of a service (used by tests and tooling).
    'DeleteReminderRowsKey', $q$
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;
$q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
