-- Issue 26.5: each class's ledger sums as of a watermark (ClassLedgerSnapshot in Domain), so that a class activating
-- after a restart reads one row and the journal after the watermark instead of summing its year again. A cache: written
-- by the class's grain when it counted from the journal, periodically and on deactivation; a snapshot whose format or
-- basis (year, terms' dates, roster) differs, whose watermark is ahead of the class's, or whose scope_rows (the rows up to
-- its watermark in the class or naming its students) no longer match the journal, is not used.
CREATE TABLE IF NOT EXISTS class_ledger_snapshots (
    class_id   text PRIMARY KEY,
    watermark  bigint NOT NULL,
    scope_rows bigint NOT NULL,
    format     integer NOT NULL,
    basis      text NOT NULL,
    data       bytea NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
