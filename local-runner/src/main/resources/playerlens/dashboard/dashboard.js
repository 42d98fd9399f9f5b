// The local dashboard: polls /dashboard/api/metrics once a second and draws the last 15 minutes with uPlot.
(function () {
  'use strict';
  const WINDOW_SECONDS = 900;
  const COLORS = ['#4cc38a', '#5aa9e6', '#f0b429', '#ef5350', '#b388ff', '#80cbc4', '#ff8a65'];
  const STAGES = ['ingest', 'stream', 'flink', 'write'];
  const rows = [];
  let lastT = 0;
  let charts = null;
  let models = [];

  const fmt = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : v.toLocaleString(undefined, { maximumFractionDigits: digits });
  const pct = (v) => (v === null || v === undefined) ? '–' : (100 * v).toFixed(1) + ' %';

  function width(el) { return Math.max(240, el.clientWidth); }

  function chart(id, series, yLabel) {
    const el = document.getElementById(id);
    const opts = {
      width: width(el), height: 190,
      scales: { x: { time: true } },
      axes: [{ stroke: '#8b98a5', grid: { stroke: '#263040' } }, { stroke: '#8b98a5', grid: { stroke: '#263040' }, label: yLabel, size: 55 }],
      // 'pick' reads a point's value; uPlot gets the rest (its own 'value' option formats the legend).
      series: [{}].concat(series.map((s, i) => {
        const { pick, ...style } = s;
        return Object.assign({ stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true }, style);
      })),
    };
    const plot = new uPlot(opts, [[]].concat(series.map(() => [])), el);
    plot.root.dataset.chart = id;
    return { plot, columns: series.map((s) => s.pick) };
  }

  function buildCharts() {
    const offerSeries = [];
    models.forEach((m, i) => {
      offerSeries.push({ label: m + ' p50', stroke: COLORS[i % COLORS.length], pick: (p) => modelField(p, m, 'p50') });
      offerSeries.push({ label: m + ' p99', stroke: COLORS[i % COLORS.length], dash: [6, 4], pick: (p) => modelField(p, m, 'p99') });
    });
    const shareSeries = models.map((m) => ({ label: m + ' share', pick: (p) => p.models[m] ? 100 * p.models[m].share : null }));
    shareSeries.push({ label: 'fallback', stroke: COLORS[3], pick: (p) => p.offersPerSecond > 0 ? 100 * p.fallbackRate : null });
    charts = [
      chart('chart-ingest', [
        { label: 'accepted/s', pick: (p) => p.acceptedPerSecond },
        { label: 'rejected/s', stroke: COLORS[3], pick: (p) => p.rejectedPerSecond }], 'events/s'),
      chart('chart-freshness', [
        { label: 'p50', pick: (p) => p.freshness.p50 },
        { label: 'p99', stroke: COLORS[2], pick: (p) => p.freshness.p99 }], 'ms'),
      chart('chart-stages', STAGES.map((s) => ({ label: s, pick: (p) => p.stages[s].p50 })), 'ms'),
      chart('chart-offers', offerSeries, 'ms'),
      chart('chart-share', shareSeries, '%'),
      chart('chart-resources', [
        { label: 'JVM cores', pick: (p) => p.resources.jvmCores },
        { label: 'emulator cores', pick: (p) => p.resources.emulatorCores },
        { label: 'stolen cores', stroke: COLORS[3], pick: (p) => p.resources.stolenCores },
        { label: 'RSS GiB', stroke: COLORS[4], pick: (p) => (p.resources.jvmRssMib + p.resources.emulatorRssMib) / 1024 }], 'cores · GiB'),
    ];
    window.addEventListener('resize', () => charts.forEach((c) => c.plot.setSize({ width: width(c.plot.root.parentElement), height: 190 })));
  }

  function modelField(p, m, field) { return p.models[m] ? p.models[m][field] : null; }

  function redraw() {
    const xs = rows.map((p) => p.t / 1000);
    charts.forEach((c) => c.plot.setData([xs].concat(c.columns.map((pick) => rows.map(pick)))));
    document.body.dataset.points = String(rows.length);
  }

  function tiles(p) {
    const recent = rows.slice(-10);
    const events = recent.reduce((a, r) => a + r.acceptedPerSecond, 0);
    const writes = recent.reduce((a, r) => a + r.profileWritesPerSecond, 0);
    document.getElementById('tile-ingest').textContent = fmt(p.acceptedPerSecond);
    document.getElementById('tile-rejected').textContent = pct(p.rejectedRatio);
    document.getElementById('tile-dead-letters').textContent = fmt(p.deadLettersTotal);
    document.getElementById('tile-dead-letters-rate').textContent = fmt(p.deadLettersPerSecond) + '/s, in the quarantine stream';
    document.getElementById('tile-p50').textContent = p.freshness.p50 === null ? '–' : fmt(p.freshness.p50) + ' ms';
    document.getElementById('tile-p99').textContent = p.freshness.p99 === null ? '–' : fmt(p.freshness.p99) + ' ms';
    document.getElementById('tile-writes').textContent = fmt(p.profileWritesPerSecond) + '/s';
    document.getElementById('tile-writes-per-event').textContent = events > 0 ? fmt(writes / events, 3) + ' per event (10 s)' : 'per event';
    document.getElementById('tile-offers').textContent = fmt(p.offersPerSecond) + '/s';
    document.getElementById('tile-fallback').textContent = 'fallback ' + (p.offersPerSecond > 0 ? pct(p.fallbackRate) : '–');
    document.getElementById('tile-cpu').textContent = fmt(p.resources.jvmCores + p.resources.emulatorCores, 2) + ' / ' + p.resources.machineCores;
    document.getElementById('tile-memory').textContent = 'RSS ' + fmt((p.resources.jvmRssMib + p.resources.emulatorRssMib) / 1024, 2) + ' GiB';
  }

  async function poll() {
    const status = document.getElementById('status');
    try {
      const response = await fetch('/dashboard/api/metrics?since=' + lastT);
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const body = await response.json();
      if (!charts) { models = body.models; buildCharts(); }
      for (const p of body.points) { rows.push(p); lastT = p.t; }
      while (rows.length > WINDOW_SECONDS) rows.shift();
      if (rows.length) { redraw(); tiles(rows[rows.length - 1]); }
      status.dataset.state = 'live';
      status.textContent = 'live · ' + body.cores + ' cores · updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      status.dataset.state = 'down';
      status.textContent = 'cannot reach the local runner (' + e.message + ')';
    }
  }

  function cell(text) { const td = document.createElement('td'); td.textContent = text; return td; }

  function renderPlayer(body) {
    const result = document.getElementById('player-result');
    result.className = '';
    result.replaceChildren();
    const left = document.createElement('div');
    const profile = document.createElement('table');
    profile.id = 'profile-table';
    if (!body.profile) {
      left.textContent = 'No profile for ' + body.player_id + ' yet (the models answer from defaults).';
    } else {
      profile.innerHTML = '<tr><th>feature</th><th>value</th></tr>';
      for (const [name, value] of Object.entries(body.profile.features)) {
        const tr = document.createElement('tr');
        tr.append(cell(name), cell(value === null ? '∅' : String(value)));
        profile.append(tr);
      }
      const stamps = document.createElement('p');
      const p = body.profile;
      stamps.textContent = 'updated ' + new Date(p.updated_at).toLocaleTimeString() + ' · freshness ' + (p.updated_at - p.received_at) + ' ms'
        + (p.processed_at ? ' (stream ' + (p.processed_at - p.received_at) + ' ms, Flink ' + (p.updated_at - p.processed_at) + ' ms)' : '');
      left.append(stamps, profile);
    }
    const right = document.createElement('div');
    right.className = 'models';
    for (const answer of body.offers) {
      const box = document.createElement('div');
      box.className = 'model';
      box.dataset.model = answer.model;
      const title = document.createElement('h4');
      title.textContent = answer.model + ' · ' + answer.placement;
      if (answer.assigned) { const a = document.createElement('span'); a.className = 'assigned'; a.textContent = 'serves this player'; title.append(a); }
      if (answer.failure) { const f = document.createElement('span'); f.className = 'failure'; f.textContent = 'fails: ' + answer.failure; title.append(f); }
      const table = document.createElement('table');
      table.innerHTML = '<tr><th>offer</th><th>price</th><th>score</th></tr>';
      for (const o of answer.offers) {
        const tr = document.createElement('tr');
        tr.append(cell(o.offer_id), cell((o.price_cents / 100).toFixed(2)), cell(o.score.toFixed(3)));
        table.append(tr);
      }
      box.append(title, table);
      right.append(box);
    }
    result.append(left, right);
  }

  document.getElementById('lookup-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = document.getElementById('player-id').value.trim();
    const result = document.getElementById('player-result');
    try {
      const response = await fetch('/dashboard/api/players/' + encodeURIComponent(id));
      const body = await response.json();
      if (!response.ok) throw new Error(body.message || 'HTTP ' + response.status);
      renderPlayer(body);
    } catch (e) {
      result.className = 'error';
      result.textContent = 'Lookup failed: ' + e.message;
    }
  });

  poll();
  setInterval(poll, 1000);
})();
