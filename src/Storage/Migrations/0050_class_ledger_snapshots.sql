-- Issue 26.5: each class's ledger sums as of a watermark (ClassLedgerSnapshot in Domain), so that a class activating
-- after a restart reads one row and the journal after the watermark instead of summing its year again. A cache: written
-- by the class's grain when it counted from the journal, periodically and on deactivation; a snapshot whose format or
-- basis (year, terms' dates, roster) differs, or whose watermark is ahead of the class's, is not used.
CREATE TABLE IF NOT EXISTS class_ledger_snapshots (
    class_id   text PRIMARY KEY,
    watermark  bigint NOT NULL,
    format     integer NOT NULL,
    basis      text NOT NULL,
    data       bytea NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
