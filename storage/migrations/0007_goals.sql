-- The goal a conversation pursued, when it had one (whether it was reached: the
-- `goal_completion` metric).
ALTER TABLE conversations ADD COLUMN goal TEXT;
