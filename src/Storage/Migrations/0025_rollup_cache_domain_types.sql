-- The summary figures and keys moved to the Domain project, which knows nothing of Orleans: they now travel through
-- surrogates (Grains.Interfaces/Serialization). A snapshot cached by the earlier binary is never read by the new one:
-- the roll-up cache (the only grain state in OrleansStorage) is emptied, and the aggregates rebuild it by
-- reconciliation on activation.
DELETE FROM orleansstorage;
