-- One current rating of each kind per rater and turn: rating again replaces it.
DROP INDEX ratings_turn;
CREATE UNIQUE INDEX ratings_current ON ratings(conversation_id, turn_idx, rater, kind);
CREATE INDEX ratings_kind ON ratings(kind, conversation_id);
