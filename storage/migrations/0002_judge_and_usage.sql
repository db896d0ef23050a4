-- Why a run stopped early, judge errors (never stored as scores), and the judge cache.
ALTER TABLE runs ADD COLUMN stop_reason TEXT;

CREATE TABLE judge_errors (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    turn_idx        INTEGER NOT NULL,          -- -1 for the whole conversation
    rubric          TEXT NOT NULL,             -- id@version
    model           TEXT NOT NULL,
    error           TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX judge_errors_conversation ON judge_errors(conversation_id);

CREATE TABLE judge_cache (
    key             TEXT PRIMARY KEY,          -- sha256 of model, rubric and prompt
    scores          TEXT NOT NULL,             -- JSON {criterion: score}
    reason          TEXT NOT NULL,
    created_at      TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX llm_usage_run ON llm_usage(run_id);
