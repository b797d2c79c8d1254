SELECT count(*) = 2 FROM audit;
SELECT count(*) = 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'item_names_ins';
