-- Failed turns now keep their attempts and latency, and answered turns a note of what
-- their reply lacked (an OpenAI-compatible server leaving out `usage`, say).
ALTER TABLE turns ADD COLUMN notes TEXT;

-- A conversation's latency figures stay those of its answered turns: a refused
-- connection's 2 ms or a timeout's 30 s is no reply time.
DROP TRIGGER refresh_turn_figures;
CREATE TRIGGER refresh_turn_figures INSTEAD OF INSERT ON refresh_turn_figures BEGIN
    UPDATE conversations SET (recorded_turns, failed_turns, answered_turns, latency_sum,
                              latency_n)
        = (SELECT COUNT(*), COUNT(*) - COUNT(bot_reply), COUNT(bot_reply),
                  SUM(CASE WHEN bot_reply IS NOT NULL THEN latency_ms END),
                  COUNT(CASE WHEN bot_reply IS NOT NULL THEN latency_ms END)
           FROM turns WHERE conversation_id = NEW.conversation_id)
    WHERE id = NEW.conversation_id;
END;

UPDATE conversations SET (latency_sum, latency_n) = (t.latency_sum, t.latency_n)
FROM (SELECT conversation_id, SUM(latency_ms) AS latency_sum, COUNT(latency_ms) AS latency_n
      FROM turns WHERE bot_reply IS NOT NULL GROUP BY conversation_id) AS t
WHERE t.conversation_id = conversations.id AND conversations.failed_turns > 0;
