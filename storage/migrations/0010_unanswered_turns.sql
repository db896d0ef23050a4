-- A turn without a reply is either a bot failure (the recorder stores why, in `error`) or,
-- in an imported log, the user's last message that nobody answered (no reply, no error):
-- the user left, the bot did not fail. `failed_turns` counts only the first kind, so
-- imported real logs do not show their last messages as bot errors; `answered_turns`
-- and `recorded_turns` are unchanged, and latency still counts answered turns only.
DROP TRIGGER refresh_turn_figures;
CREATE TRIGGER refresh_turn_figures INSTEAD OF INSERT ON refresh_turn_figures BEGIN
    UPDATE conversations SET (recorded_turns, failed_turns, answered_turns, latency_sum,
                              latency_n)
        = (SELECT COUNT(*), COUNT(CASE WHEN bot_reply IS NULL AND error IS NOT NULL THEN 1 END),
                  COUNT(bot_reply),
                  SUM(CASE WHEN bot_reply IS NOT NULL THEN latency_ms END),
                  COUNT(CASE WHEN bot_reply IS NOT NULL THEN latency_ms END)
           FROM turns WHERE conversation_id = NEW.conversation_id)
    WHERE id = NEW.conversation_id;
END;

UPDATE conversations SET failed_turns = failed_turns - (
    SELECT COUNT(*) FROM turns WHERE conversation_id = conversations.id
        AND bot_reply IS NULL AND error IS NULL)
WHERE id IN (SELECT conversation_id FROM turns WHERE bot_reply IS NULL AND error IS NULL);

-- Setting or clearing a turn's error moves it between failed and unanswered.
DROP TRIGGER turns_update_figures;
CREATE TRIGGER turns_update_figures
AFTER UPDATE OF conversation_id, idx, bot_reply, error, latency_ms ON turns BEGIN
    INSERT INTO refresh_turn_figures VALUES (OLD.conversation_id), (NEW.conversation_id);
    INSERT INTO refresh_rating_figures VALUES (OLD.conversation_id), (NEW.conversation_id);
END;
