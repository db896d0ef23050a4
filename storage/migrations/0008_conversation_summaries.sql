-- Per-conversation figures kept at write time, so the dashboard, the conversation list, the
-- review queue and `sparring stats` read one row per conversation instead of aggregating
-- turns, ratings and metrics (on 1M turns those reads took 0.3-58 s).
--
-- Triggers keep them, not the writers: the recorder, the importer, merge, resume (which
-- deletes conversations) and the TUI's ratings all stay correct without each knowing.
-- Each trigger recomputes its conversation's figures from the base rows instead of adding
-- deltas, so INSERT OR REPLACE (whose implicit delete fires no trigger), updates and
-- cascaded deletes cannot make them drift, and the sums are the ones SUM() gives on the
-- base rows (same rows, same order). A conversation has tens of turns, so that is cheap.
-- The recomputations are INSTEAD OF INSERT triggers on empty `refresh_*` views, SQLite's
-- stand-in for a stored procedure: `INSERT INTO refresh_x VALUES (id)` runs one.
--
-- recorded_turns .. answered_turns: the conversation's turns (`turns` stays what the run
--   reported when it ended); latency_sum is NULL when no turn has a latency, as SUM() is.
-- rated_turns: answered turns with a current thumb or stars rating (any rater).
-- flagged_turns: distinct turns flagged (answered or not, as the conversation list shows);
--   flagged_answered_turns, thumbs_up/down, stars_sum/stars_n: ratings of answered turns
--   only, as rating_progress counts them (thumbs and stars count every rater's rating).
-- quality, engagement: the conversation-level heuristic conversation_quality and persona
--   engagement_score metrics.
ALTER TABLE conversations ADD COLUMN recorded_turns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN failed_turns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN answered_turns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN latency_sum REAL;
ALTER TABLE conversations ADD COLUMN latency_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN rated_turns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN flagged_turns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN flagged_answered_turns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN thumbs_up INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN thumbs_down INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN stars_sum REAL;
ALTER TABLE conversations ADD COLUMN stars_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN quality REAL;
ALTER TABLE conversations ADD COLUMN engagement REAL;

-- Judge scores per conversation, metric and rubric ('' when the detail names none), so the
-- judge figures read a row per judged conversation, not every metric row; run_id is the
-- conversation's, copied so a run's figures read one index range.
CREATE TABLE judge_summaries (
    conversation_id TEXT NOT NULL,             -- kept and removed by the metrics triggers
    name            TEXT NOT NULL,
    rubric          TEXT NOT NULL,
    run_id          TEXT,
    scored          INTEGER NOT NULL,
    total           REAL NOT NULL,
    low             REAL NOT NULL,
    high            REAL NOT NULL,
    PRIMARY KEY (conversation_id, name, rubric)
) WITHOUT ROWID;

-- Backfill (a one-time full read of turns, ratings and judge metrics).
UPDATE conversations SET (recorded_turns, failed_turns, answered_turns, latency_sum, latency_n)
    = (t.n, t.n - t.answered, t.answered, t.latency_sum, t.latency_n)
FROM (SELECT conversation_id, COUNT(*) AS n, COUNT(bot_reply) AS answered,
             SUM(latency_ms) AS latency_sum, COUNT(latency_ms) AS latency_n
      FROM turns GROUP BY conversation_id) AS t
WHERE t.conversation_id = conversations.id;

UPDATE conversations SET (rated_turns, flagged_turns, flagged_answered_turns, thumbs_up,
                          thumbs_down, stars_sum, stars_n)
    = (s.rated, s.flagged, s.flagged_answered, s.up, s.down, s.stars_sum, s.stars_n)
FROM (SELECT r.conversation_id,
             COUNT(DISTINCT CASE WHEN t.bot_reply IS NOT NULL AND r.kind IN ('thumb', 'stars')
                                 THEN r.turn_idx END) AS rated,
             COUNT(DISTINCT CASE WHEN r.kind = 'flag' THEN r.turn_idx END) AS flagged,
             COUNT(DISTINCT CASE WHEN t.bot_reply IS NOT NULL AND r.kind = 'flag'
                                 THEN r.turn_idx END) AS flagged_answered,
             SUM(t.bot_reply IS NOT NULL AND r.kind = 'thumb' AND r.value > 0) AS up,
             SUM(t.bot_reply IS NOT NULL AND r.kind = 'thumb' AND r.value < 0) AS down,
             SUM(CASE WHEN t.bot_reply IS NOT NULL AND r.kind = 'stars' THEN r.value END)
                 AS stars_sum,
             COUNT(CASE WHEN t.bot_reply IS NOT NULL AND r.kind = 'stars' THEN r.value END)
                 AS stars_n
      FROM ratings r LEFT JOIN turns t ON t.conversation_id = r.conversation_id
           AND t.idx = r.turn_idx
      GROUP BY r.conversation_id) AS s
WHERE s.conversation_id = conversations.id;

UPDATE conversations SET quality = m.value
FROM metrics m
WHERE m.conversation_id = conversations.id AND m.turn_idx = -1
  AND m.name = 'conversation_quality' AND m.source = 'heuristic';

UPDATE conversations SET engagement = m.value
FROM metrics m
WHERE m.conversation_id = conversations.id AND m.turn_idx = -1
  AND m.name = 'engagement_score' AND m.source = 'persona';

INSERT INTO judge_summaries
SELECT m.conversation_id, m.name, COALESCE(json_extract(m.detail, '$.rubric'), ''), c.run_id,
       COUNT(*), SUM(m.value), MIN(m.value), MAX(m.value)
FROM metrics m JOIN conversations c ON c.id = m.conversation_id
WHERE m.source = 'judge'
GROUP BY m.conversation_id, m.name, COALESCE(json_extract(m.detail, '$.rubric'), '');

-- The recomputations, one per kind of figure.
CREATE VIEW refresh_turn_figures (conversation_id) AS SELECT NULL WHERE 0;
CREATE TRIGGER refresh_turn_figures INSTEAD OF INSERT ON refresh_turn_figures BEGIN
    UPDATE conversations SET (recorded_turns, failed_turns, answered_turns, latency_sum,
                              latency_n)
        = (SELECT COUNT(*), COUNT(*) - COUNT(bot_reply), COUNT(bot_reply), SUM(latency_ms),
                  COUNT(latency_ms)
           FROM turns WHERE conversation_id = NEW.conversation_id)
    WHERE id = NEW.conversation_id;
END;

CREATE VIEW refresh_rating_figures (conversation_id) AS SELECT NULL WHERE 0;
CREATE TRIGGER refresh_rating_figures INSTEAD OF INSERT ON refresh_rating_figures BEGIN
    UPDATE conversations SET (rated_turns, flagged_turns, flagged_answered_turns, thumbs_up,
                              thumbs_down, stars_sum, stars_n)
        = (SELECT COUNT(DISTINCT CASE WHEN t.bot_reply IS NOT NULL
                                       AND r.kind IN ('thumb', 'stars') THEN r.turn_idx END),
                  COUNT(DISTINCT CASE WHEN r.kind = 'flag' THEN r.turn_idx END),
                  COUNT(DISTINCT CASE WHEN t.bot_reply IS NOT NULL AND r.kind = 'flag'
                                      THEN r.turn_idx END),
                  COALESCE(SUM(t.bot_reply IS NOT NULL AND r.kind = 'thumb' AND r.value > 0), 0),
                  COALESCE(SUM(t.bot_reply IS NOT NULL AND r.kind = 'thumb' AND r.value < 0), 0),
                  SUM(CASE WHEN t.bot_reply IS NOT NULL AND r.kind = 'stars' THEN r.value END),
                  COUNT(CASE WHEN t.bot_reply IS NOT NULL AND r.kind = 'stars' THEN r.value END)
           FROM ratings r LEFT JOIN turns t ON t.conversation_id = r.conversation_id
                AND t.idx = r.turn_idx
           WHERE r.conversation_id = NEW.conversation_id)
    WHERE id = NEW.conversation_id;
END;

CREATE VIEW refresh_scores (conversation_id) AS SELECT NULL WHERE 0;
CREATE TRIGGER refresh_scores INSTEAD OF INSERT ON refresh_scores BEGIN
    UPDATE conversations SET
        quality = (SELECT value FROM metrics WHERE conversation_id = NEW.conversation_id
                   AND turn_idx = -1 AND name = 'conversation_quality' AND source = 'heuristic'),
        engagement = (SELECT value FROM metrics WHERE conversation_id = NEW.conversation_id
                      AND turn_idx = -1 AND name = 'engagement_score' AND source = 'persona')
    WHERE id = NEW.conversation_id;
END;

CREATE VIEW refresh_judge_summary (conversation_id, name) AS SELECT NULL, NULL WHERE 0;
CREATE TRIGGER refresh_judge_summary INSTEAD OF INSERT ON refresh_judge_summary BEGIN
    DELETE FROM judge_summaries WHERE conversation_id = NEW.conversation_id
        AND name = NEW.name;
    INSERT INTO judge_summaries
    SELECT conversation_id, name, COALESCE(json_extract(detail, '$.rubric'), ''),
           (SELECT run_id FROM conversations WHERE id = NEW.conversation_id), COUNT(*),
           SUM(value), MIN(value), MAX(value)
    FROM metrics WHERE conversation_id = NEW.conversation_id AND name = NEW.name
        AND source = 'judge'
    GROUP BY COALESCE(json_extract(detail, '$.rubric'), '');
END;

-- Turns change the turn figures, and the rating figures when the conversation has ratings
-- (those count answered turns only; import and merge write a turn's ratings after it).
CREATE TRIGGER turns_insert_figures AFTER INSERT ON turns BEGIN
    INSERT INTO refresh_turn_figures VALUES (NEW.conversation_id);
    INSERT INTO refresh_rating_figures SELECT NEW.conversation_id
        WHERE EXISTS (SELECT 1 FROM ratings WHERE conversation_id = NEW.conversation_id);
END;
CREATE TRIGGER turns_delete_figures AFTER DELETE ON turns BEGIN
    INSERT INTO refresh_turn_figures VALUES (OLD.conversation_id);
    INSERT INTO refresh_rating_figures SELECT OLD.conversation_id
        WHERE EXISTS (SELECT 1 FROM ratings WHERE conversation_id = OLD.conversation_id);
END;
CREATE TRIGGER turns_update_figures
AFTER UPDATE OF conversation_id, idx, bot_reply, latency_ms ON turns BEGIN
    INSERT INTO refresh_turn_figures VALUES (OLD.conversation_id), (NEW.conversation_id);
    INSERT INTO refresh_rating_figures VALUES (OLD.conversation_id), (NEW.conversation_id);
END;

CREATE TRIGGER ratings_insert_figures AFTER INSERT ON ratings BEGIN
    INSERT INTO refresh_rating_figures VALUES (NEW.conversation_id);
END;
CREATE TRIGGER ratings_delete_figures AFTER DELETE ON ratings BEGIN
    INSERT INTO refresh_rating_figures VALUES (OLD.conversation_id);
END;
CREATE TRIGGER ratings_update_figures AFTER UPDATE ON ratings BEGIN
    INSERT INTO refresh_rating_figures VALUES (OLD.conversation_id), (NEW.conversation_id);
END;

-- Metrics: only the two conversation-level scores and judge scores are summarised; the
-- WHEN clauses keep the dozen other metric rows per turn from running anything.
CREATE TRIGGER metrics_insert_scores AFTER INSERT ON metrics
WHEN NEW.turn_idx = -1 AND NEW.name IN ('conversation_quality', 'engagement_score') BEGIN
    INSERT INTO refresh_scores VALUES (NEW.conversation_id);
END;
CREATE TRIGGER metrics_delete_scores AFTER DELETE ON metrics
WHEN OLD.turn_idx = -1 AND OLD.name IN ('conversation_quality', 'engagement_score') BEGIN
    INSERT INTO refresh_scores VALUES (OLD.conversation_id);
END;
CREATE TRIGGER metrics_update_scores AFTER UPDATE ON metrics BEGIN
    INSERT INTO refresh_scores VALUES (OLD.conversation_id), (NEW.conversation_id);
END;
CREATE TRIGGER metrics_insert_judge AFTER INSERT ON metrics WHEN NEW.source = 'judge' BEGIN
    INSERT INTO refresh_judge_summary VALUES (NEW.conversation_id, NEW.name);
END;
CREATE TRIGGER metrics_delete_judge AFTER DELETE ON metrics WHEN OLD.source = 'judge' BEGIN
    INSERT INTO refresh_judge_summary VALUES (OLD.conversation_id, OLD.name);
END;
CREATE TRIGGER metrics_update_judge AFTER UPDATE ON metrics
WHEN OLD.source = 'judge' OR NEW.source = 'judge' BEGIN
    INSERT INTO refresh_judge_summary VALUES (OLD.conversation_id, OLD.name),
                                             (NEW.conversation_id, NEW.name);
END;

-- Indexes, built after the backfill. The review queue's next conversation, the flagged
-- list, and the list newest first:
CREATE INDEX conversations_unrated ON conversations(started_at, id)
    WHERE answered_turns > rated_turns AND status != 'running';
CREATE INDEX conversations_flagged ON conversations(started_at) WHERE flagged_turns > 0;
CREATE INDEX conversations_started ON conversations(started_at);
-- The figures `stats` sums over every run, covered: read in persona x bot order without
-- the (wide) rows or a sort (1M turns: 60 ms, not 180). Every turn rewrites its entry
-- (~+12 us a turn); a second one led by run_id cost as much again for a run's figures,
-- which conversations_run and the rows give in ~25 ms, so there is none.
CREATE INDEX conversations_pair_figures ON conversations(
    persona_id, bot_id, status, satisfaction, quality, engagement, recorded_turns,
    failed_turns, latency_sum, latency_n, answered_turns, rated_turns, flagged_answered_turns,
    thumbs_up, thumbs_down, stars_sum, stars_n);
CREATE INDEX judge_summaries_run ON judge_summaries(run_id, name, rubric, scored, total, low,
                                                     high);
CREATE INDEX judge_summaries_name ON judge_summaries(name, rubric, scored, total, low, high);
