-- Regional development programmes (order point 4): targets per region or district, e.g. attendance ≥ 95 %,
-- shown beside the live figures with the gap. Data, not code: analysts and officers set them within their scope.
CREATE TABLE IF NOT EXISTS regional_targets (
    node_id        text NOT NULL REFERENCES nodes (id),
    metric         text NOT NULL CHECK (metric IN ('attendanceRate', 'formativePercent', 'summativePercent', 'knowledgeQuality', 'successRate')),
    target_percent numeric(5, 2) NOT NULL CHECK (target_percent BETWEEN 0 AND 100),
    set_by         text NOT NULL,
    set_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (node_id, metric)
);
