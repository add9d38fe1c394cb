-- Issue 23 (order point 12.3): forums where the population talks with the heads of education organizations and the
-- education offices. A forum is a node's (an organization, a district or a region): its id is the node's id, and its row
-- exists once an officer changed its settings (pre-moderation until then). Threads and posts are written by the forum's
-- grain only, each write with its audit row in one transaction. (An organization is not a row of nodes: no foreign key.)
CREATE TABLE IF NOT EXISTS forums (
    node_id        text PRIMARY KEY,
    -- 'pre': every post waits for a moderator; 'post': published at once and moderated after (students' posts always wait).
    moderation     text NOT NULL DEFAULT 'pre' CHECK (moderation IN ('pre', 'post')),
    changed_by     text NOT NULL,
    changed_at     timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS forum_threads (
    id             uuid PRIMARY KEY,
    forum_id       text NOT NULL,
    title          text NOT NULL,
    author_id      text NOT NULL,
    asked_at       timestamptz NOT NULL,
    -- The day the question counts from for "unanswered after N working days" (the labour calendar's next working day
    -- when asked after hours or on a day off; under pre-moderation, the day it was approved), and the first published
    -- official answer's time (recomputed when an answer is rejected or deleted).
    counts_from    date NOT NULL,
    answered_at    timestamptz,
    closed_at      timestamptz,
    closed_by      text,
    last_post_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS forum_threads_forum_idx ON forum_threads (forum_id, last_post_at DESC);
-- A thread closed without an answer still counts as unanswered: closing is not answering.
CREATE INDEX IF NOT EXISTS forum_threads_unanswered_idx ON forum_threads (forum_id, counts_from) WHERE answered_at IS NULL;

-- A post: the thread's question (the first), an official answer (the forum's head or office) or a reply. The shown
-- author is decided at posting (a student: first name and initial; staff by role) and never the account id.
CREATE TABLE IF NOT EXISTS forum_posts (
    id             uuid PRIMARY KEY,
    thread_id      uuid NOT NULL REFERENCES forum_threads (id),
    forum_id       text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('question', 'answer', 'reply')),
    author_id      text NOT NULL,
    author_kind    text NOT NULL CHECK (author_kind IN ('parent', 'student', 'teacher', 'head', 'office', 'member')),
    author_shown   text,
    body           text NOT NULL,
    body_html      text NOT NULL,
    state          text NOT NULL CHECK (state IN ('pending', 'held', 'published', 'rejected', 'deleted')),
    -- Why a post is held (personal data it seems to contain: 'iin', 'phone'), shown to its author; why it was rejected or deleted.
    held_for       text[] NOT NULL DEFAULT '{}',
    reason         text,
    posted_at      timestamptz NOT NULL,
    version        int NOT NULL DEFAULT 1,
    moderated_by   text,
    moderated_at   timestamptz,
    reports        int NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS forum_posts_thread_idx ON forum_posts (thread_id, posted_at);
CREATE INDEX IF NOT EXISTS forum_posts_queue_idx ON forum_posts (forum_id, posted_at) WHERE state IN ('pending', 'held') OR reports > 0;
CREATE INDEX IF NOT EXISTS forum_posts_author_idx ON forum_posts (author_id, posted_at);

-- Every earlier text of an edited or deleted post (and a question's earlier title), kept for the audit and never shown.
CREATE TABLE IF NOT EXISTS forum_post_revisions (
    post_id        uuid NOT NULL REFERENCES forum_posts (id),
    version        int NOT NULL,
    body           text NOT NULL,
    title          text,
    replaced_by    text NOT NULL,
    replaced_at    timestamptz NOT NULL,
    PRIMARY KEY (post_id, version)
);

-- One open report per reader and post; a moderator's decision on the post resolves its reports, after which a reader
-- may report it again (an edited post is a new text).
CREATE TABLE IF NOT EXISTS forum_reports (
    post_id        uuid NOT NULL REFERENCES forum_posts (id),
    reporter_id    text NOT NULL,
    reason         text NOT NULL CHECK (reason IN ('abuse', 'spam', 'personalData', 'other')),
    reported_at    timestamptz NOT NULL,
    resolved_at    timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS forum_reports_open_idx ON forum_reports (post_id, reporter_id) WHERE resolved_at IS NULL;

-- A user blocked from posting in a forum (the post that led to it names the author; the account id is never shown).
CREATE TABLE IF NOT EXISTS forum_blocks (
    forum_id       text NOT NULL,
    user_id        text NOT NULL,
    reason         text NOT NULL,
    blocked_by     text NOT NULL,
    blocked_at     timestamptz NOT NULL,
    PRIMARY KEY (forum_id, user_id)
);
