-- The persona's noise settings (JSON) a conversation was written with; NULL when none.
ALTER TABLE conversations ADD COLUMN noise TEXT;
