-- The roll-up cache (the only grain state in OrleansStorage) is now written with Orleans' binary serializer instead of
-- JSON. Cached rows of the old format (JSON objects: the payload starts with '{') are dropped: they are a cache, which
-- the aggregates rebuild by reconciliation on activation.
DELETE FROM orleansstorage WHERE substring(payloadbinary FROM 1 FOR 1) = '\x7b'::bytea;
