// Drives pgserver through node-postgres (npm's pg): parameterized queries of several types, named
// prepared statements, array row mode, transactions, errors with their fields, custom type parsers,
// several statements in one query, and a Pool whose clients run queries concurrently.
// Prints one line per check ("label <json>"); tests/e2e/test_node_pg.py compares them with what
// PostgreSQL 15 gives. Arguments: port, password, database.
const { Client, Pool, types } = require('pg');

const cfg = {
  host: '127.0.0.1', port: +process.argv[2], user: 'postgres',
  password: process.argv[3] || undefined, database: process.argv[4],
};

function show(label, v) {
  console.log(label + ' ' + JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? x.toString() : x)));
}

(async () => {
  const c = new Client(cfg);
  await c.connect();
  await c.query('create table nd (id int primary key, name text, amount numeric(10,2), ts timestamptz, '
    + 'd date, flag bool, data jsonb, arr int[], b bytea, f float8, big int8)');
  const ins = await c.query('insert into nd values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning id',
    [1, "a'b", '3.50', new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), '2024-02-29', true, { k: [1, 2] }, [1, 2, 3],
      Buffer.from([0, 1]), 1.5, '9007199254740993']);
  show('insert', [ins.command, ins.rowCount, ins.rows]);
  const r = await c.query('select id, name, amount, ts, d::text as d, flag, data, arr, b, f, big from nd where id = $1', [1]);
  show('row', r.rows[0]);
  show('fields', r.fields.map((f) => [f.name, f.dataTypeID]));
  const named = await c.query({ name: 'by-id', text: 'select name from nd where id = $1', values: [1] });
  const named2 = await c.query({ name: 'by-id', text: 'select name from nd where id = $1', values: [2] });
  show('named', [named.rows, named2.rows]);
  show('arraymode', (await c.query({ text: 'select 1 as a, 2 as b', rowMode: 'array' })).rows);
  await c.query('BEGIN');
  await c.query('insert into nd (id, name) values ($1, $2)', [2, 'tx']);
  await c.query('ROLLBACK');
  show('afterrollback', (await c.query('select count(*)::int as n from nd')).rows);
  await c.query('BEGIN');
  await c.query('insert into nd (id, name) values ($1, $2)', [3, 'kept']);
  await c.query('COMMIT');
  try { await c.query('insert into nd (id) values (1)'); } catch (e) {
    show('error', [e.code, e.message, e.detail, e.schema, e.table, e.constraint]);
  }
  try { await c.query('selec 1'); } catch (e) { show('syntax', [e.code, e.position]); }
  try { await c.query('BEGIN'); await c.query('select 1/0'); } catch (e) { show('divzero', [e.code]); }
  try { await c.query('select 1'); } catch (e) { show('aborted', [e.code]); }
  await c.query('ROLLBACK');
  show('dates', (await c.query("select '2024-02-29'::date as d, '12:34:56'::time as t, "
    + "'1 day 02:00'::interval as i, 'NaN'::numeric as n, '{a,\"b c\"}'::text[] as ta, null::int as z")).rows);
  types.setTypeParser(1700, (v) => parseFloat(v));
  types.setTypeParser(20, (v) => BigInt(v));
  show('typeparser', (await c.query('select 2.25::numeric as n, 7::int8 as big, $1::text as p', [null])).rows);
  const multi = await c.query('select 1 as x; select 2 as y');
  show('multi', multi.map((m) => m.rows));
  await c.end();
  const pool = new Pool({ ...cfg, max: 4 });
  const res = await Promise.all([...Array(12).keys()].map(
    (i) => pool.query('select $1::int * 2 as v, pg_backend_pid() as pid', [i])));
  show('pool', res.map((x) => x.rows[0].v));
  show('poolbackends', new Set(res.map((x) => x.rows[0].pid)).size > 1);
  const pc = await pool.connect();
  try {
    await pc.query('BEGIN');
    await pc.query('insert into nd (id, name) values (4, $1)', ['pool']);
    await pc.query('COMMIT');
  } finally { pc.release(); }
  show('final', (await pool.query('select id, name from nd order by id')).rows);
  await pool.end();
  console.log('done');
})().catch((e) => { console.log('FAILED', e.code, e.message); process.exit(1); });
