-- Built-in functions whose result types come from the function table:
-- hyperbolic math and compile-option lookups.

-- name: Hyperbolic :one
SELECT sinh(x) AS s, cosh(x) AS c, tanh(x) AS t,
       asinh(x) AS as_, acosh(x) AS ac, atanh(x) AS at
FROM probe WHERE id = ?;

-- name: CompileOptions :one
SELECT sqlite_compileoption_get(0) AS first_option,
       sqlite_compileoption_used('THREADSAFE') AS threadsafe;

