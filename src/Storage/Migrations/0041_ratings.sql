-- Issue 21: open regional ratings (order point 12.5). The methodology is data, versioned by effective date like the
-- assessment policies; a publication is frozen: its figures, ranks and the methodology that produced them are kept as
-- published, and a later correction of the journal changes only the next publication.
CREATE TABLE IF NOT EXISTS rating_methodologies (
    effective_from date PRIMARY KEY,
    document       jsonb NOT NULL
);

INSERT INTO rating_methodologies (effective_from, document) VALUES ('2020-09-01', '{
    "effectiveFrom": "2020-09-01",
    "indicators": [{"indicator": "knowledgeQuality", "weight": 30}, {"indicator": "successRate", "weight": 25},
                   {"indicator": "attendance", "weight": 25}, {"indicator": "completeness", "weight": 10},
                   {"indicator": "targetAttainment", "weight": 10}],
    "minimumStudents": 30,
    "note": {"kk": "Рейтинг білім беру мен мониторингтің ашық деректерінен есептеледі.",
             "ru": "Рейтинг рассчитывается по открытым данным образования и мониторинга.",
             "en": "The rating is computed from the open data of education and its monitoring."}
}') ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS rating_publications (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope_id       text NOT NULL REFERENCES nodes (id),
    academic_year  text NOT NULL,
    term           int NOT NULL,
    published_at   timestamptz NOT NULL,
    published_by   text NOT NULL,
    document       jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS rating_publications_scope ON rating_publications (scope_id, id DESC);

-- A unit's own target never enters its own ranking: a target counts only when set from an area above the unit. Targets
-- set before this column existed are of unknown origin and count as the unit's own.
ALTER TABLE regional_targets ADD COLUMN IF NOT EXISTS set_from_above boolean NOT NULL DEFAULT false;
