'use strict';
/**
 * The figures of several full runs side by side: `node bench/ranges.js RUN.json…`, each file
 * written by `BENCH_JSON_OUT=RUN.json npm run bench`. Prints, for every figure with a target, its
 * range over the runs and the runs that met the target; then the other figures' ranges.
 */
const fs = require('node:fs');

const INJECTOR_TARGETS = { 'lol-html': 4, htmlparser2: 3 };

function figures(run) {
  const rows = [];
  const add = (name, value, target, met) => rows.push({ name, value, target, met });
  for (const row of run.throughput.rows) {
    if (row.toFloor !== undefined)
      add(
        `${row.name}, to the floor`,
        row.toFloor,
        row.target === undefined ? undefined : `≥ ${row.target}`,
        row.target === undefined ? undefined : row.toFloor >= row.target,
      );
    if (row.toBare !== undefined) add(`${row.name}, to bare`, row.toBare);
    add(`${row.name}, server CPU per request (µs)`, row.cpuPerRequest);
    if (row.cpuOverFloor !== undefined) add(`${row.name}, CPU over the floor (µs)`, row.cpuOverFloor);
  }
  for (const engine of run.injector.engines) {
    add(`injector: ${engine.name} (MB/s)`, engine.mbps);
    const target = INJECTOR_TARGETS[engine.name];
    if (engine.name !== 'geonotice')
      add(
        `injector: geonotice × ${engine.name}`,
        engine.geonoticeTimes,
        target === undefined ? undefined : `≥ ${target}`,
        target === undefined ? undefined : engine.comparable && engine.geonoticeTimes >= target,
      );
    if (engine.detach) add(`injector: ${engine.name}, × lol-html`, engine.lolHtmlTimes);
  }
  if (run.workerd) {
    for (const engine of run.workerd.engines) add(`workerd: ${engine.name} adds (ms)`, engine.addedMs);
    add(
      "workerd: geonotice's added time over HTMLRewriter's",
      run.workerd.geonoticeOverHtmlRewriter,
      '≤ 1',
      run.workerd.sameOutput && run.workerd.geonoticeOverHtmlRewriter <= 1,
    );
  }
  add('decide: median (µs)', run.decide.medianUs, '< 5', run.decide.medianUs < 5);
  add(
    '100 MB streamed: peak extra RSS (MiB)',
    run.stream.peakExtraRssMiB,
    '< 32',
    run.stream.peakExtraRssMiB < 32 && run.stream.identicalToOneShot,
  );
  add(
    '100 MB over HTTP: server peak RSS above idle (MiB)',
    run.streamHttp.geonotice.extraRssMiB,
    '< 32',
    run.streamHttp.geonotice.extraRssMiB < 32,
  );
  if (run.esi) add('Varnish: page requests from the cache, ESI', run.esi.esi, '≥ 0.99', run.esi.esi >= 0.99);
  for (const row of run.alloc) add(`heap per request: ${row.name} (KB)`, row.bytesPerRequest / 1024);
  return rows;
}

function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('usage: node bench/ranges.js RUN.json…');
  const runs = files.map((file) => figures(JSON.parse(fs.readFileSync(file, 'utf8'))));
  const digits = (value) => (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3);
  const range = (values) => {
    const low = Math.min(...values);
    const high = Math.max(...values);
    const d = digits(high);
    return low.toFixed(d) === high.toFixed(d) ? low.toFixed(d) : `${low.toFixed(d)}–${high.toFixed(d)}`;
  };
  console.log(`| figure | range over ${runs.length} runs | target | met in |`);
  console.log('| --- | ---: | ---: | --- |');
  // Figures are matched by name: runs of different versions of the benchmark may not report the
  // same ones, and a figure is given over the runs that have it.
  const byName = runs.map((rows) => new Map(rows.map((row) => [row.name, row])));
  for (const row of runs[0]) {
    const present = byName.map((rows, run) => ({ run: run + 1, row: rows.get(row.name) })).filter((r) => r.row);
    const met = present.filter((r) => r.row.met).map((r) => r.run);
    const partial = present.length < runs.length ? ` (${present.length} of ${runs.length} runs)` : '';
    const metText =
      row.target === undefined
        ? ''
        : `${met.length} of ${present.length}${met.length > 0 ? ` (${met.join(', ')})` : ''}`;
    console.log(
      `| ${row.name} | ${range(present.map((r) => r.row.value))}${partial} | ${row.target ?? ''} | ${metText} |`,
    );
  }
}

main();
