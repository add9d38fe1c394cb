-- Daily trends (issue 19): the figures of every organization and area as they stood at the end of each school day
-- (Asia/Almaty), captured once across silos. A capture day that passed without a capture is recorded missing and never
-- back-filled. A node keeps per day only the cells that changed since its previous capture; daily_latest holds each
-- node's cells as last captured, to find those changes.
CREATE TABLE IF NOT EXISTS day_captures (
    day    date PRIMARY KEY,
    status text NOT NULL CHECK (status IN ('captured', 'missing')),
    nodes  integer NOT NULL DEFAULT 0,
    at     timestamptz NOT NULL DEFAULT now()
);

-- cells: {"<term>/<subjectId>": {<non-zero figures>}, ...}; a cell that went to zero is kept as {}.
CREATE TABLE IF NOT EXISTS daily_figures (
    node_id text NOT NULL,
    day     date NOT NULL,
    cells   jsonb NOT NULL,
    PRIMARY KEY (node_id, day)
);

CREATE TABLE IF NOT EXISTS daily_latest (
    node_id text PRIMARY KEY,
    day     date NOT NULL,
    cells   jsonb NOT NULL
);
