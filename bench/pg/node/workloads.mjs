// workloads.mjs - W1-W5 of bench/pg (bench/README.md) in Node, through
// node-postgres ("pg") or postgres.js ("postgres"): the anchors of the
// client CPU per operation.  Same table (schema.sql, created afresh), same
// rows, same ids in the same order and the same check values as
// bench_pg_workloads (main.c), one connection, prepared statements:
//   node workloads.mjs pg|postgres N SCHEMA.sql   (libpq environment: PGHOST ...)
// run from a folder where `npm install` of package.json was done
// (bench/pg/node.sh copies it there).
// Prints one line per workload like bench_pg_workloads: ns (wall) and
// cpu_ns (the process's user + system CPU) of the workload alone.
import { readFileSync } from 'node:fs';

const driver = process.argv[2];
const n = Number(process.argv[3] || 20000);
const ddl = readFileSync(process.argv[4], 'utf8');

const email = (i) => `user${i}@example.com`;
const name = (i) => `User Number ${i}`;
const age = (i) => (i % 10 === 0 ? null : 18 + ((i * 7) % 70));
const score = (i) => (i % 1000) * 0.5;
const ids = [];
for (let i = 0, x = 0; i < n; i++) {
  x = (x * 1103515245 + 12345) % n;
  ids.push(1 + Math.abs(x));
}
const COLS = 'id, email, name, age, score, created_at';
const SQL = {
  insert: 'INSERT INTO users (email, name, age, score) VALUES ($1, $2, $3, $4) RETURNING id, created_at',
  get: `SELECT ${COLS} FROM users WHERE id = $1`,
  email: `SELECT ${COLS} FROM users WHERE email = $1`,
  scan: `SELECT ${COLS} FROM users ORDER BY id`,
  update: 'UPDATE users SET score = $1 WHERE id = $2',
};
// The same sum as row_check in impl_*.c (ids as Numbers: < 2^53 here).
const rowCheck = (u) => Number(u.id) + (u.age ?? 0) + Buffer.byteLength(u.email) + Buffer.byteLength(u.name) +
  Math.trunc(u.score) + (u.created_at ? 1 : 0);

function pgDriver(pg) {
  const client = new pg.Client();
  const q = (nm, values) => client.query({ name: nm, text: SQL[nm], values });
  return {
    open: () => client.connect(),
    close: () => client.end(),
    exec: (s) => client.query(s),
    begin: () => client.query('BEGIN'),
    commit: () => client.query('COMMIT'),
    insert: async (i) => (await q('insert', [email(i), name(i), age(i), score(i)])).rows[0],
    get: async (id) => (await q('get', [id])).rows[0],
    byEmail: async (e) => (await q('email', [e])).rows[0],
    scan: async () => (await q('scan', [])).rows,
    update: async (s, id) => (await q('update', [s, id])).rowCount,
  };
}

function postgresDriver(postgres) {
  const sql = postgres({ max: 1, onnotice: () => {} });
  return {
    open: () => sql`SELECT 1`,
    close: () => sql.end(),
    exec: (s) => sql.unsafe(s),
    begin: () => sql`BEGIN`,
    commit: () => sql`COMMIT`,
    insert: async (i) => (await sql.unsafe(SQL.insert, [email(i), name(i), age(i), score(i)], { prepare: true }))[0],
    get: async (id) => (await sql.unsafe(SQL.get, [id], { prepare: true }))[0],
    byEmail: async (e) => (await sql.unsafe(SQL.email, [e], { prepare: true }))[0],
    scan: async () => await sql.unsafe(SQL.scan, [], { prepare: true }),
    update: async (s, id) => (await sql.unsafe(SQL.update, [s, id], { prepare: true })).count,
  };
}

const workloads = {
  W1: async (d) => {
    let check = 0;
    await d.begin();
    for (let i = 1; i <= n; i++) {
      const r = await d.insert(i);
      check += Number(r.id) + (r.created_at ? 1 : 0);
    }
    await d.commit();
    return check;
  },
  W2: async (d) => {
    let check = 0;
    for (const id of ids) check += rowCheck(await d.get(id));
    return check;
  },
  W3: async (d) => {
    let check = 0;
    for (const id of ids) check += rowCheck(await d.byEmail(email(id)));
    return check;
  },
  W4: async (d) => {
    let check = 0;
    for (const u of await d.scan()) check += rowCheck(u);
    return check;
  },
  W5: async (d) => {
    let check = 0;
    await d.begin();
    for (const id of ids) check += await d.update((id % 100) + 0.5, id);
    await d.commit();
    return check;
  },
};

const mod = await import(driver === 'pg' ? 'pg' : 'postgres');
const d = driver === 'pg' ? pgDriver(mod.default) : postgresDriver(mod.default);
const impl = driver === 'pg' ? 'node-postgres' : 'postgres.js';
await d.open();
await d.exec('SET client_min_messages = warning');
await d.exec('DROP TABLE IF EXISTS users');
await d.exec(ddl);
for (const [w, run] of Object.entries(workloads)) {
  const c0 = process.cpuUsage(), t0 = process.hrtime.bigint();
  const check = await run(d);
  const t1 = process.hrtime.bigint(), c1 = process.cpuUsage(c0);
  console.log(`${w} impl=${impl} n=${n} ns=${t1 - t0} cpu_ns=${(c1.user + c1.system) * 1000} check=${check}`);
}
await d.close();
