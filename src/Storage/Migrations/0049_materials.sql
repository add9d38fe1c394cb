-- Issue 24 (order point 12.4): methodological materials with their discussion. A teacher or head writes a material,
-- a reviewer of the district or region above the author's organization publishes it; readers comment (moderated as the
-- forums are) and rate it. Every row is written by the material's grain, each write with its audit row in one
-- transaction.
CREATE TABLE IF NOT EXISTS materials (
    id               uuid PRIMARY KEY,
    organization_id  text NOT NULL REFERENCES organizations (id),
    author_person_id text NOT NULL,
    author_account   text NOT NULL,
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary          text NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
    body             text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
    -- The Markdown rendered inert at write time, as the forums' posts are (ForumMarkup).
    body_html        text NOT NULL,
    subject_id       text NOT NULL REFERENCES subjects (id),
    grade            smallint NOT NULL CHECK (grade BETWEEN 0 AND 11),
    language         text NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    state            text NOT NULL CHECK (state IN ('draft', 'inReview', 'published', 'returned', 'withdrawn')),
    -- The last review: who (an account), why (returned or withdrawn), when.
    reviewed_by      text,
    review_reason    text CHECK (length(review_reason) <= 2000),
    reviewed_at      timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    published_at     timestamptz,
    -- Lower-cased by the application (MaterialRules.SearchText), so the index does not depend on the database's locale.
    search_text      text NOT NULL,
    -- Russian is stemmed; Kazakh has no stemmer here and is matched by whole words.
    search_vector    tsvector GENERATED ALWAYS AS (
        to_tsvector(CASE language WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
                                  WHEN 'en' THEN 'pg_catalog.english'::regconfig
                                  ELSE 'pg_catalog.simple'::regconfig END, search_text)) STORED
);
CREATE INDEX IF NOT EXISTS materials_search_idx ON materials USING gin (search_vector);
CREATE INDEX IF NOT EXISTS materials_published_idx ON materials (published_at DESC) WHERE state = 'published';
CREATE INDEX IF NOT EXISTS materials_review_idx ON materials (organization_id) WHERE state = 'inReview';
CREATE INDEX IF NOT EXISTS materials_author_idx ON materials (author_person_id);

-- Attachments, their type told by their bytes (AttachmentRules); downloaded as attachments with nosniff.
CREATE TABLE IF NOT EXISTS material_attachments (
    id           uuid PRIMARY KEY,
    material_id  uuid NOT NULL REFERENCES materials (id),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 130),
    content_type text NOT NULL,
    size         int NOT NULL CHECK (size BETWEEN 1 AND 20971520),
    content      bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    removed_at   timestamptz
);
CREATE INDEX IF NOT EXISTS material_attachments_material_idx ON material_attachments (material_id);

-- The discussion: comments with the forums' states (ForumRules), one text each, the earlier text of an edit kept for
-- the audit only.
CREATE TABLE IF NOT EXISTS material_comments (
    id             uuid PRIMARY KEY,
    material_id    uuid NOT NULL REFERENCES materials (id),
    author_account text NOT NULL,
    author_kind    text NOT NULL,
    body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    body_html      text NOT NULL,
    state          text NOT NULL CHECK (state IN ('pending', 'held', 'published', 'rejected', 'deleted')),
    held_for       text[] NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    moderated_by   text,
    moderated_at   timestamptz,
    moderation_reason text
);
CREATE INDEX IF NOT EXISTS material_comments_material_idx ON material_comments (material_id, created_at);
CREATE INDEX IF NOT EXISTS material_comments_author_idx ON material_comments (author_account, created_at);

-- One rating per reader and material; a new one replaces it.
CREATE TABLE IF NOT EXISTS material_ratings (
    material_id uuid NOT NULL REFERENCES materials (id),
    account_id  text NOT NULL,
    stars       smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
    rated_at    timestamptz NOT NULL,
    PRIMARY KEY (material_id, account_id)
);
