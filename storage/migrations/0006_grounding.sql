-- The knowledge-base passage a grounded turn asked about (JSON: source, title, text).
ALTER TABLE turns ADD COLUMN grounding TEXT;
