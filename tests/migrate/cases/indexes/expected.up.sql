DROP INDEX "t_a";

DROP INDEX "t_b";

DROP INDEX "t_gone";

CREATE INDEX t_a ON t(a COLLATE NOCASE DESC);

CREATE UNIQUE INDEX t_b ON t(b) WHERE b IS NOT NULL;

CREATE INDEX t_expr ON t(lower(c), b DESC);

CREATE INDEX t_partial ON t(c) WHERE c <> 'x';
