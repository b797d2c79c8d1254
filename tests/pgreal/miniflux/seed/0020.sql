-- The project's step 20 fills document_vectors with an UPDATE, data no schema
-- diff carries: some values here, for the later steps to keep.
UPDATE entries SET document_vectors = to_tsvector('simple', title || ' ' || coalesce(content, '')) WHERE id IN (1, 4);
