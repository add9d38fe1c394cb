-- Issue 26.5: a ledger snapshot keeps how many journal rows of its year, up to its watermark, are the class's or name one
-- of its pupils (a row that is both counts twice). The journal only grows, so a row that committed after the snapshot
-- was read, with a sequence number below its watermark, changes this count, and the snapshot is not used. Snapshots
-- written before this column have -1, which no count matches: they are counted again once.
ALTER TABLE class_ledger_snapshots ADD COLUMN IF NOT EXISTS scope_rows bigint NOT NULL DEFAULT -1;
