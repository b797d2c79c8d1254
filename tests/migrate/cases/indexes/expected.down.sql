DROP INDEX "t_a";

DROP INDEX "t_b";

DROP INDEX "t_expr";

DROP INDEX "t_partial";

CREATE INDEX t_a ON t(a);

CREATE UNIQUE INDEX t_b ON t(b);

CREATE INDEX t_gone ON t(c);
