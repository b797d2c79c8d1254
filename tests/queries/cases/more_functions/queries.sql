-- Built-in functions whose result types come from the function table:
-- hyperbolic math, compile-option lookups, full-text search auxiliaries.

-- name: Hyperbolic :one
SELECT sinh(x) AS s, cosh(x) AS c, tanh(x) AS t,
       asinh(x) AS as_, acosh(x) AS ac, atanh(x) AS at
FROM probe WHERE id = ?;

-- name: CompileOptions :one
SELECT sqlite_compileoption_get(0) AS first_option,
       sqlite_compileoption_used('THREADSAFE') AS threadsafe;


-- name: SearchRanked :many
SELECT title,
       highlight(probe_text, 0, ?, ?) AS marked,
       snippet(probe_text, 1, '[', ']', '...', ?) AS excerpt,
       bm25(probe_text, ?) AS score
FROM probe_text WHERE probe_text MATCH ? ORDER BY bm25(probe_text);

-- name: KeyColumns :many
SELECT name, type, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk;

-- name: ForeignKeys :many
SELECT * FROM pragma_foreign_key_list(:table_name);

-- name: RtreeReport :one
SELECT subtype(x) AS st, rtreecheck('probe_box') AS report FROM probe WHERE id = ?;
