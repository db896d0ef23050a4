-- The intent category of each user message, and how sure it is (1.0 when written for it).
ALTER TABLE turns ADD COLUMN category TEXT;
ALTER TABLE turns ADD COLUMN category_confidence REAL;
