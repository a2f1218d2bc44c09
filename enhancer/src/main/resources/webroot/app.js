// FrameLift operator page: plain JavaScript, no dependencies, works offline.
// Data: /v1/live (Server-Sent Events: a stream changed), /v1/streams (numbers, polled every second
// so that a silent camera ages visibly), /v1/models, /health/ready. Images: /v1/streams/{id}/frames/{seq}.
'use strict';

const STALLED_MS = 10000;          // no frame for this long: the stream is shown as stalled
const IDLE_MS = 3000;
const HISTORY_SECONDS = 120;
const COLORS = ['#4fb3ff', '#3ecf8e', '#f5b94a', '#c77dff', '#ff8a65', '#4dd0e1', '#f06292', '#aed581'];

const $ = (id) => document.getElementById(id);
const state = {
  streams: new Map(),     // id -> latest summary
  shownPair: new Map(),   // id -> sequence whose thumbnail is shown
  selected: null,
  history: [],            // [{t, out: {id: fps}, latency: {id: p50}}]
  colors: new Map(),
};

const enc = encodeURIComponent;
const frameUrl = (id, seq, kind) => `/v1/streams/${enc(id)}/frames/${seq}?kind=${kind}`;
const colorOf = (id) => {
  if (!state.colors.has(id)) state.colors.set(id, COLORS[state.colors.size % COLORS.length]);
  return state.colors.get(id);
};
const fmt = (n, digits = 1) => (n == null || n < 0) ? '–' : Number(n).toFixed(digits);
const ago = (ms) => ms < 1000 ? 'now' : ms < 60000 ? `${Math.round(ms / 1000)} s ago` : `${Math.round(ms / 60000)} min ago`;
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => k === 'class' ? node.className = v : node.setAttribute(k, v));
  children.forEach((c) => node.append(c));
  return node;
}

// ---- live view -------------------------------------------------------------------------------

function onStream(summary) {
  state.streams.set(summary.id, summary);
  if (state.selected == null && summary.pairSequence != null) select(summary.id);
  if (summary.pairSequence != null && state.shownPair.get(summary.id) !== summary.pairSequence) {
    state.shownPair.set(summary.id, summary.pairSequence);
    const tile = tileOf(summary.id);
    loadImage(frameUrl(summary.id, summary.pairSequence, 'enhanced')).then((img) => {
      tile.querySelector('img').src = img.src;
    }).catch(() => {});
    if (summary.id === state.selected) showPair(summary.id, summary.pairSequence);
  }
  renderTile(summary);
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = reject;
    img.src = url;
  });
}

let viewerToken = 0;
function showPair(id, seq) {
  const token = ++viewerToken;
  // both halves are fetched first and swapped in together, so before and after always match
  Promise.all([loadImage(frameUrl(id, seq, 'input')).catch(() => null), loadImage(frameUrl(id, seq, 'enhanced'))])
    .then(([before, after]) => {
      if (token !== viewerToken) return;
      $('viewer-before').src = before ? before.src : after.src;
      $('viewer-after').src = after.src;
      $('viewer-after').dataset.sequence = String(seq);
      $('viewer').classList.remove('empty');
      const s = state.streams.get(id) || {};
      $('viewer-title').textContent = `${id} · ${s.task || ''} · frame ${seq}`;
      $('viewer-meta').textContent = before
        ? `before: ${before.naturalWidth}×${before.naturalHeight} (scaled by the browser) · after: ${after.naturalWidth}×${after.naturalHeight} · ${s.modelVersion || ''}`
        : `after: ${after.naturalWidth}×${after.naturalHeight} · ${s.modelVersion || ''} (input not kept)`;
    })
    .catch(() => {});
}

function select(id) {
  state.selected = id;
  document.querySelectorAll('.tile').forEach((t) => t.classList.toggle('selected', t.dataset.stream === id));
  const s = state.streams.get(id);
  if (s && s.pairSequence != null) showPair(id, s.pairSequence);
}

$('viewer-slider').addEventListener('input', (e) => {
  const v = e.target.value;
  $('viewer-after').style.clipPath = `inset(0 0 0 ${v}%)`;
  $('viewer-split').style.left = `${v}%`;
});

function tileOf(id) {
  let tile = document.querySelector(`.tile[data-stream="${CSS.escape(id)}"]`);
  if (!tile) {
    tile = el('div', { class: 'tile', 'data-stream': id, role: 'button', tabindex: '0', title: `show ${id} above` },
      el('img', { alt: `newest enhanced frame of ${id}` }),
      el('div', { class: 'name' }, el('span', {}, id), el('span', { class: 'badge' })),
      el('div', { class: 'stats' }));
    tile.addEventListener('click', () => select(id));
    tile.addEventListener('keydown', (e) => { if (e.key === 'Enter') select(id); });
    const tiles = $('tiles');
    const after = [...tiles.children].find((t) => t.dataset.stream > id);
    tiles.insertBefore(tile, after || null);
    if (id === state.selected) tile.classList.add('selected');
  }
  return tile;
}

function renderTile(s) {
  const tile = tileOf(s.id);
  const badge = tile.querySelector('.badge');
  const status = s.lastFrameAgeMs > STALLED_MS ? 'stalled' : s.lastFrameAgeMs > IDLE_MS ? 'idle' : 'live';
  badge.className = `badge ${status}`;
  badge.textContent = status === 'live' ? 'live' : `${status} · ${ago(s.lastFrameAgeMs)}`;
  const stat = (label, value) => [el('span', {}, `${label} `, el('b', {}, value))];
  const stats = tile.querySelector('.stats');
  stats.replaceChildren(
    ...stat('task', s.task || '–'), ...stat('fps', fmt(s.outFps)),
    ...stat('p50', `${fmt(s.latencyMs.p50, 0)} ms`), ...stat('lag', s.lag < 0 ? '–' : String(s.lag)),
    ...stat('out', String(s.framesOut)), ...stat('rejected', String(s.rejected)));
  tile.querySelector('.name span').style.color = colorOf(s.id);
}

// ---- numbers, charts, rejections ---------------------------------------------------------------

async function pollStreams() {
  try {
    const body = await (await fetch('/v1/streams')).json();
    let inFps = 0, outFps = 0, rejected = 0; const latencies = [];
    const point = { t: Date.now(), out: {}, latency: {} };
    body.streams.forEach((s) => {
      onStream(s);
      inFps += s.inFps; outFps += s.outFps; rejected += s.rejected;
      if (s.latencyMs.p50 >= 0) latencies.push(s.latencyMs.p50);
      point.out[s.id] = s.outFps;
      point.latency[s.id] = s.latencyMs.p50 >= 0 ? s.latencyMs.p50 : null;
    });
    state.history.push(point);
    while (state.history.length && point.t - state.history[0].t > HISTORY_SECONDS * 1000) state.history.shift();
    $('total-streams').textContent = body.streams.length;
    $('total-in').textContent = fmt(inFps);
    $('total-out').textContent = fmt(outFps);
    latencies.sort((a, b) => a - b);
    $('total-latency').textContent = latencies.length ? fmt(latencies[Math.floor(latencies.length / 2)], 0) : '–';
    $('total-rejected').textContent = rejected;
    renderRejections(body.rejectedByReason);
    drawChart($('chart-throughput'), 'out', ' fps');
    drawChart($('chart-latency'), 'latency', ' ms');
    renderLegend();
  } catch (e) {
    $('connection').textContent = 'gateway unreachable: retrying';
  }
}

function renderRejections(byReason) {
  const entries = Object.entries(byReason || {}).sort((a, b) => b[1] - a[1]);
  const box = $('rejections');
  if (!entries.length) { box.replaceChildren(el('p', { class: 'muted' }, 'none')); return; }
  const max = entries[0][1];
  box.replaceChildren(...entries.map(([reason, n]) => {
    const bar = el('div'); bar.style.width = `${Math.max(2, 100 * n / max)}%`;
    return el('div', { class: 'bar', 'data-reason': reason }, el('span', {}, reason), el('span', {}, bar), el('span', {}, String(n)));
  }));
}

function renderLegend() {
  $('legend').replaceChildren(...[...state.streams.keys()].sort().map((id) => {
    const swatch = el('i'); swatch.style.background = colorOf(id);
    return el('span', {}, swatch, id);
  }));
}

function drawChart(canvas, field, unit) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, h = canvas.clientHeight || 170;
  if (canvas.width !== Math.round(w * ratio)) { canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio); }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, w, h);
  const left = 44, right = 8, top = 8, bottom = 18;
  const now = Date.now();
  const ids = [...state.streams.keys()];
  let max = 0;
  state.history.forEach((p) => ids.forEach((id) => { if (p[field][id] != null) max = Math.max(max, p[field][id]); }));
  max = niceCeiling(max || 1);
  g.strokeStyle = '#26303b'; g.fillStyle = '#8593a3'; g.font = '11px system-ui, sans-serif'; g.lineWidth = 1;
  const steps = String(max).startsWith('5') ? 5 : 4;   // round tick labels for 1, 2, 5 x 10^n
  for (let i = 0; i <= steps; i++) {
    const y = top + (h - top - bottom) * i / steps;
    g.beginPath(); g.moveTo(left, y); g.lineTo(w - right, y); g.stroke();
    g.fillText(`${fmt(max * (steps - i) / steps, max < 10 ? 1 : 0)}`, 4, y + 4);
  }
  g.fillText(`-${HISTORY_SECONDS}s`, left, h - 4);
  g.fillText('now', w - right - 22, h - 4);
  const x = (t) => left + (w - left - right) * (1 - (now - t) / (HISTORY_SECONDS * 1000));
  const y = (v) => top + (h - top - bottom) * (1 - v / max);
  ids.forEach((id) => {
    g.strokeStyle = colorOf(id); g.lineWidth = 2; g.beginPath();
    let drawing = false;
    state.history.forEach((p) => {
      const v = p[field][id];
      if (v == null) { drawing = false; return; }
      if (drawing) g.lineTo(x(p.t), y(v)); else { g.moveTo(x(p.t), y(v)); drawing = true; }
    });
    g.stroke();
  });
  canvas.setAttribute('aria-label', `${field} per stream${unit}`);
}

function niceCeiling(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return [1, 2, 5, 10].map((m) => m * p).find((c) => c >= v);
}

// ---- models and health ---------------------------------------------------------------------------

async function pollModels() {
  try {
    const body = await (await fetch('/v1/models')).json();
    $('models').tBodies[0].replaceChildren(...body.models.map((m) => {
      const c = m.card;
      return el('tr', { 'data-scope': m.scope },
        el('td', {}, m.scope),
        el('td', {}, el('div', {}, c.version), el('div', { class: 'muted' },
          `${c.architecture} · ${Number(c.parameters).toLocaleString()} params · ×${c.scale}`)),
        el('td', {}, ...quality(c)));
    }));
  } catch (e) { /* next poll */ }
}

function quality(card) {
  const m = card.metrics || {}, b = card.baselineMetrics || {};
  if (m.psnr_y != null && b.psnr_y != null) {
    return [el('span', { class: 'gain' }, `+${fmt(m.psnr_y - b.psnr_y, 2)} dB`),
      el('div', { class: 'muted' }, `PSNR-Y ${fmt(m.psnr_y, 2)} vs bicubic ${fmt(b.psnr_y, 2)}`)];
  }
  if (m.colourfulness != null && b.truth_colourfulness) {
    return [el('span', { class: 'gain' }, `${fmt(100 * m.colourfulness / b.truth_colourfulness, 0)}% colour`),
      el('div', { class: 'muted' }, `RGB PSNR ${fmt(m.psnr_rgb, 2)} vs gray ${fmt(b.psnr_rgb, 2)}`)];
  }
  const first = Object.entries(m)[0];
  return [el('span', { class: 'muted' }, first ? `${first[0]} ${fmt(first[1], 3)}` : 'no metrics on the card')];
}

async function pollHealth() {
  let body;
  try { body = await (await fetch('/health/ready')).json(); } catch (e) { body = null; }
  const pills = body && body.checks ? Object.entries(body.checks).map(([name, c]) =>
    el('span', { class: `pill ${c.ok ? 'ok' : 'down'}`, title: c.detail }, `${c.ok ? '●' : '○'} ${name}`))
    : [el('span', { class: 'pill down' }, '○ gateway unreachable')];
  $('health').replaceChildren(...pills);
}

// ---- upload --------------------------------------------------------------------------------------

const dropzone = $('dropzone');
['dragenter', 'dragover'].forEach((t) => dropzone.addEventListener(t, (e) => { e.preventDefault(); dropzone.classList.add('over'); }));
['dragleave', 'drop'].forEach((t) => dropzone.addEventListener(t, () => dropzone.classList.remove('over')));
dropzone.addEventListener('drop', (e) => { e.preventDefault(); if (e.dataTransfer.files.length) enhance(e.dataTransfer.files[0]); });
dropzone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') $('file').click(); });
$('file').addEventListener('change', (e) => { if (e.target.files.length) enhance(e.target.files[0]); e.target.value = ''; });

let resultUrl = null, inputUrl = null;
async function enhance(file) {
  const task = document.querySelector('input[name=task]:checked').value;
  const status = $('upload-status');
  status.className = 'status'; status.textContent = `enhancing ${file.name} (${task}) through Kafka…`;
  dropzone.classList.add('busy');
  const started = performance.now();
  try {
    const response = await fetch(`/v1/enhance?task=${enc(task)}`, {
      method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file });
    if (!response.ok) {
      let message = `HTTP ${response.status}`;
      try { const err = await response.json(); message = err.reason ? `${err.reason}: ${err.error}` : err.error; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    const blob = await response.blob();
    if (resultUrl) URL.revokeObjectURL(resultUrl);
    if (inputUrl) URL.revokeObjectURL(inputUrl);
    resultUrl = URL.createObjectURL(blob); inputUrl = URL.createObjectURL(file);
    const after = await loadImage(resultUrl), before = await loadImage(inputUrl);
    $('result-before').src = inputUrl; $('result-after').src = resultUrl;
    $('result-before-caption').textContent = `uploaded · ${before.naturalWidth}×${before.naturalHeight}`;
    $('result-after-caption').textContent = `${task} · ${after.naturalWidth}×${after.naturalHeight} · ${response.headers.get('X-FrameLift-Model-Version') || ''}`;
    const link = $('result-download');
    link.href = resultUrl; link.download = `${file.name.replace(/\.[^.]+$/, '')}-${task}.png`;
    colourStrength.reset(task === 'colorize' ? after : null, link.download);
    $('result').hidden = false;
    status.textContent = `done in ${fmt((performance.now() - started) / 1000, 2)} s`;
  } catch (e) {
    status.className = 'status error'; status.textContent = `not enhanced: ${e.message}`;
  } finally {
    dropzone.classList.remove('busy');
  }
}

// ---- colour strength of a colorized result --------------------------------------------------------

// The colorized result's chroma scaled about its BT.601 luma, y + s (c - y), rounded and clipped: what
// the enhancer's colorize.colour.strength (ColourStrength) does, here on the result already shown.
const colourStrength = (() => {
  const slider = $('strength');
  let image = null, name = '', url = null, latest = 0;
  function scaled(s) {
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const d = pixels.data;
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      for (let c = i; c < i + 3; c++) d[c] = Math.round(y + s * (d[c] - y));
    }
    ctx.putImageData(pixels, 0, 0);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }
  async function show() {
    const s = Number(slider.value), mine = ++latest;
    $('strength-value').textContent = s.toFixed(2);
    const blob = s === 1 ? null : await scaled(s);
    if (mine !== latest) return; // the slider moved on while this one was drawn
    if (url) URL.revokeObjectURL(url);
    url = blob ? URL.createObjectURL(blob) : null;
    const link = $('result-download');
    $('result-after').src = url || resultUrl; link.href = url || resultUrl;
    link.download = url ? name.replace(/\.png$/, `-strength-${s.toFixed(2)}.png`) : name;
  }
  slider.addEventListener('input', show);
  return {
    /** A new result: the slider back at 1, shown only for a colorized one (image null otherwise). */
    reset(colorized, downloadName) {
      image = colorized; name = downloadName; slider.value = '1'; latest++;
      $('strength-value').textContent = '1.00';
      if (url) { URL.revokeObjectURL(url); url = null; }
      $('strength-row').hidden = !colorized;
    },
  };
})();

// ---- start ---------------------------------------------------------------------------------------

function connect() {
  const source = new EventSource('/v1/live');
  source.addEventListener('open', () => { $('connection').textContent = 'live'; });
  source.addEventListener('stream', (e) => onStream(JSON.parse(e.data)));
  source.addEventListener('error', () => { $('connection').textContent = 'live feed interrupted: reconnecting…'; });
}

connect();
pollStreams(); pollModels(); pollHealth();
setInterval(pollStreams, 1000);
setInterval(pollModels, 10000);
setInterval(pollHealth, 5000);
