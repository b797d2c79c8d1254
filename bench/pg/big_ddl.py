#!/usr/bin/env python3
"""big_ddl.py N FILE: a PostgreSQL DDL file of N tables (12 columns each, one
`-- @format email` annotation per table), for timing the PostgreSQL front
end on a large file:

    python3 bench/pg/big_ddl.py 3000 /tmp/big_pg.sql
    /usr/bin/time -f '%U s user, %e s wall, %M KiB' \\
        build/generator/dalgen schema --engine postgresql --pg-server auto /tmp/big_pg.sql > /dev/null
"""
import sys


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    out = []
    for i in range(n):
        cols = "\n".join("  c%d text,%s" % (k, " -- @format email" if k == 3 else "") for k in range(10))
        out.append("CREATE TABLE t%d (\n  id bigserial PRIMARY KEY,\n%s\n  c10 int\n);" % (i, cols))
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
