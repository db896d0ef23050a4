-- Runs, conversations with their lineage, turns, metrics, ratings and LLM usage.
CREATE TABLE runs (
    id              TEXT PRIMARY KEY,          -- UUID
    status          TEXT NOT NULL CHECK (status IN ('running','completed','interrupted','failed')),
    started_at      TEXT NOT NULL,             -- ISO 8601, UTC
    finished_at     TEXT,
    seed            INTEGER NOT NULL,
    persona_engine  TEXT NOT NULL,
    plan            TEXT NOT NULL,             -- JSON of the RunPlan
    sparring_version TEXT NOT NULL
);

CREATE TABLE conversations (
    id              TEXT PRIMARY KEY,          -- UUID
    run_id          TEXT REFERENCES runs(id) ON DELETE CASCADE,
    source          TEXT NOT NULL CHECK (source IN ('synthetic','real','augmented','human')),
    persona_id      TEXT,
    persona_hash    TEXT,
    bot_id          TEXT NOT NULL,
    topic           TEXT,
    emotional_state TEXT,
    category        TEXT,
    parent_id       TEXT REFERENCES conversations(id),
    seed            INTEGER,
    persona_engine  TEXT,
    status          TEXT NOT NULL CHECK (status IN ('running','completed','failed','cancelled')),
    error           TEXT,
    turns           INTEGER NOT NULL DEFAULT 0,
    satisfaction    INTEGER,
    verdict         TEXT,
    started_at      TEXT NOT NULL,
    finished_at     TEXT
);
CREATE INDEX conversations_run ON conversations(run_id, persona_id, bot_id);

CREATE TABLE turns (
    conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,         -- 0-based position in the conversation
    user_message     TEXT NOT NULL,
    user_emotion     TEXT,
    user_intent      TEXT,
    bot_reply        TEXT,                     -- NULL when the bot failed
    error            TEXT,
    sent_at          TEXT NOT NULL,
    latency_ms       REAL,
    ttft_ms          REAL,
    prompt_tokens    INTEGER,
    completion_tokens INTEGER,
    attempts         INTEGER,
    raw              TEXT,
    PRIMARY KEY (conversation_id, idx)
) WITHOUT ROWID;

CREATE TABLE metrics (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    turn_idx        INTEGER NOT NULL,          -- -1 for conversation-level metrics
    name            TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('heuristic','judge','persona','human')),
    value           REAL NOT NULL,
    detail          TEXT,
    PRIMARY KEY (conversation_id, turn_idx, name, source)
) WITHOUT ROWID;
CREATE INDEX metrics_name ON metrics(name, turn_idx);

CREATE TABLE ratings (
    id              TEXT PRIMARY KEY,          -- UUID
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    turn_idx        INTEGER NOT NULL,
    rater           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('thumb','stars','note','flag')),
    value           REAL,
    note            TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX ratings_turn ON ratings(conversation_id, turn_idx);

CREATE TABLE llm_usage (
    id                INTEGER PRIMARY KEY,
    run_id            TEXT REFERENCES runs(id) ON DELETE CASCADE,
    conversation_id   TEXT REFERENCES conversations(id) ON DELETE CASCADE,
    purpose           TEXT NOT NULL,           -- persona | judge | augment
    model             TEXT NOT NULL,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd          REAL,
    created_at        TEXT NOT NULL
);
