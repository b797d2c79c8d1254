-- Partitioned tables (after pagila's payment, tests/pgreal): the key, each
-- partition's parent and bound, partitions made with PARTITION OF and with
-- ATTACH PARTITION, a default and a sub-partitioned one, list partitioning,
-- and an index of the parent (the partitions' parts of it are implied).
CREATE TABLE measurements (
    id bigint NOT NULL,
    taken_at timestamptz NOT NULL,
    region text NOT NULL,
    value numeric(10,2),
    PRIMARY KEY (taken_at, id)
) PARTITION BY RANGE (taken_at);

CREATE TABLE measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');

CREATE TABLE measurements_2025 (
    id bigint NOT NULL,
    taken_at timestamptz NOT NULL,
    region text NOT NULL,
    value numeric(10,2)
);
ALTER TABLE measurements ATTACH PARTITION measurements_2025
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');

CREATE TABLE measurements_2026 PARTITION OF measurements
    FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')
    PARTITION BY HASH (id);
CREATE TABLE measurements_2026_a PARTITION OF measurements_2026 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE measurements_2026_b PARTITION OF measurements_2026 FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE TABLE measurements_old PARTITION OF measurements DEFAULT;

CREATE INDEX measurements_region ON measurements (region, taken_at DESC);
CREATE INDEX measurements_2025_value ON measurements_2025 (value);

CREATE TABLE events (
    kind text NOT NULL,
    body jsonb
) PARTITION BY LIST (kind);
CREATE TABLE events_auth PARTITION OF events FOR VALUES IN ('login', 'logout');
CREATE TABLE events_other PARTITION OF events DEFAULT;
