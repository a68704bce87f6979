'use strict';
// The pScan console: plain DOM, no framework and no build step, so it works offline and under the
// strict CSP of /ui (scripts and styles from this server only). Whatever a device said is rendered
// as text nodes, never as markup. The token lives in sessionStorage (this tab) and in headers only.

const TOKEN_KEY = 'pscan-token';
const FACTS = ['mac', 'hostname', 'manufacturer', 'model', 'os', 'type'];
const WANTABLE = ['hostname', 'manufacturer', 'model', 'os', 'services', 'type', 'mac'];
const RANK = { stated: 3, registry: 2, inferred: 1 };
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
/** How often the scan list is read again while a scan in it is queued or running, ms. */
const LIST_REFRESH_MS = 3000;
/** Reconnections of one scan's event stream before the page gives up and says so. */
const STREAM_RETRIES = 5;

const $ = (sel, root = document) => root.querySelector(sel);
const enc = encodeURIComponent;

/** Builds an element. Strings among the children become text nodes, never markup. */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k === 'className' ? 'class' : k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const token = () => sessionStorage.getItem(TOKEN_KEY) ?? '';

class ApiError extends Error {
  constructor(status, problem) {
    super(`${status} ${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Authorization: `Bearer ${token()}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = { title: 'not JSON', detail: text.slice(0, 200) };
  }
  if (!res.ok) throw new ApiError(res.status, json ?? {});
  return json;
}

/**
 * Reads a scan's Server-Sent Events with fetch, since EventSource cannot send the bearer token.
 * Calls onEvent(type, data, id) per event; resolves true after `end`, false if the server closed
 * the stream first (it drops a client that fell too far behind; resume with Last-Event-ID).
 */
async function readEvents(id, lastSeq, signal, onEvent) {
  const headers = { Authorization: `Bearer ${token()}`, Accept: 'text/event-stream' };
  if (lastSeq > 0) headers['Last-Event-ID'] = String(lastSeq);
  const res = await fetch(`/v1/scans/${enc(id)}/events`, { headers, signal });
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    buf += value.replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      let type = 'message';
      let eventId;
      const data = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = val;
        else if (field === 'data') data.push(val);
        else if (field === 'id') eventId = val;
      }
      if (!data.length) continue;
      onEvent(type, JSON.parse(data.join('\n')), eventId);
      if (type === 'end') {
        reader.cancel().catch(() => {});
        return true;
      }
    }
  }
}

/** Resolves after ms, or at once when the page is left. */
const pause = (ms, signal) => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

// ---- small renderers -------------------------------------------------------------------------

function ago(iso) {
  if (!iso) return '—';
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return s < 90 ? `${Math.round(s)} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : s < 129600 ? `${Math.round(s / 3600)} h ago` : `${Math.round(s / 86400)} d ago`;
}
const when = (iso) => h('span', { title: iso ?? '' }, ago(iso));
const stamp = (iso) => (iso ? h('span', { className: 'mono' }, iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z')) : '—');

function bar(u) {
  const i = h('i');
  i.style.width = `${Math.round(u * 100)}%`;
  return h('span', { className: `bar${u < 0.5 ? ' stale' : ''}`, title: `freshness ${u}` }, i);
}
const freshnessCell = (u) => h('span', { className: 'freshness' }, bar(u), u.toFixed(2));
const status = (s) => h('span', { className: `status-${s}` }, s);
const scanLink = (id) => h('a', { href: `#/scans/${enc(id)}`, className: 'mono' }, id);
const assetLink = (ip) => h('a', { href: `#/assets/${enc(ip)}`, className: 'mono' }, ip);
const fact = (f) => (f ? h('div', { className: 'fact' }, f.value, h('small', {}, bar(f.freshness), ago(f.observedAt))) : h('span', { 'aria-label': 'unknown' }, '—'));
const serviceText = (s) => [`${s.port}/${s.protocol}`, s.name, s.product, s.version].filter(Boolean).join(' ');
const table = (id, heads, rows, empty) =>
  h('table', { id }, h('thead', {}, h('tr', {}, heads.map((x) => h('th', {}, x)))), h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: heads.length, className: 'muted' }, empty))));

function what(scan) {
  const r = scan.request;
  const parts = (r.probes ?? []).map((p) => p.type);
  if (r.want?.length) parts.push(`want: ${r.want.join(', ')}`);
  return parts.join(', ');
}

/** A result in one line: its error, or the few data fields that say most. */
function summary(r) {
  if (r.error) return `${r.error.code}: ${r.error.message}`;
  const d = r.data;
  if (!d || typeof d !== 'object') return '';
  const keys = ['service', 'product', 'version', 'os', 'hostname', 'sysName', 'model', 'manufacturer', 'type', 'title', 'server'];
  const picked = keys.filter((k) => d[k] !== undefined && typeof d[k] !== 'object').map((k) => `${k}=${d[k]}`);
  if (picked.length) return picked.join(' ');
  return Object.entries(d).filter(([, v]) => v !== null && typeof v !== 'object').slice(0, 4).map(([k, v]) => `${k}=${v}`).join(' ');
}

// ---- field errors: the API's JSON pointers placed next to the field they name ------------------

/** Fields of a form by the pointer the API uses for them (`/targets`, `/probes/0/ports`, `query:cidr`). */
class FieldErrors {
  constructor(formError) {
    this.formError = formError;
    this.fields = new Map();
  }

  register(pointer, wrapper) {
    this.fields.set(pointer, wrapper);
  }

  clear() {
    for (const w of this.fields.values()) {
      w.querySelector(':scope > .field-error').textContent = '';
      w.querySelectorAll(':scope > input, :scope > select, :scope > textarea').forEach((x) => x.classList.remove('invalid'));
    }
    this.formError.textContent = '';
  }

  /** The registered field whose pointer is the longest whole-segment prefix of `path`. */
  find(path) {
    let best;
    for (const p of this.fields.keys()) {
      if ((path === p || path.startsWith(`${p}/`)) && (!best || p.length > best.length)) best = p;
    }
    return best;
  }

  show(err) {
    const problem = err instanceof ApiError ? err.problem : {};
    const items = problem.errors ?? (problem.pointer ? [{ path: problem.pointer, message: problem.detail }] : []);
    const unplaced = [];
    for (const { path, message } of items) {
      const p = this.find(path);
      if (!p) {
        unplaced.push(`${path} ${message}`);
        continue;
      }
      const w = this.fields.get(p);
      const out = w.querySelector(':scope > .field-error');
      out.textContent = [out.textContent, path === p ? message : `${path} ${message}`].filter(Boolean).join('; ');
      w.querySelectorAll(':scope > input, :scope > select, :scope > textarea').forEach((x) => x.classList.add('invalid'));
    }
    if (!items.length) this.formError.textContent = err.message;
    else if (unplaced.length) this.formError.textContent = unplaced.join('; ');
  }
}

/** A labelled control with a place for its error. */
const field = (label, control, hint) =>
  h('label', { className: `field${control.type === 'checkbox' ? ' check' : ''}` }, control.type === 'checkbox' ? [control, label] : [label, control], hint ? h('small', {}, hint) : null, h('span', { className: 'field-error' }));

// ---- the launch form -------------------------------------------------------------------------

/** The control for one parameter as /v1/probes describes it, and how to read it back. */
function paramControl(param, id) {
  const placeholder = param.default !== undefined ? `default ${[param.default].flat().join(', ')}` : param.required ? 'required' : '';
  const hint = [param.description, param.min !== undefined ? `${param.min}–${param.max}` : '', param.category === 'intrusive' ? 'intrusive' : '', param.available === false ? `needs ${param.requires}, absent here` : ''].filter(Boolean).join(' · ');
  if (param.type === 'object') {
    const subs = (param.fields ?? []).map((f) => ({ f, ...paramControl(f, `${id}.${f.name}`) }));
    const box = h('fieldset', { className: 'grid' }, h('legend', {}, param.name), subs.map((s) => s.wrapper));
    return {
      wrapper: h('div', {}, box, h('span', { className: 'field-error' })),
      read: () => {
        const o = {};
        for (const s of subs) {
          const v = s.read();
          if (v !== undefined) o[s.f.name] = v;
        }
        return Object.keys(o).length ? o : undefined;
      },
      subs,
    };
  }
  let control;
  let read;
  if (param.type === 'enum') {
    control = h('select', { name: id }, h('option', { value: '' }, param.default !== undefined ? `(default ${param.default})` : param.required ? '(choose)' : '(none)'), param.values.map((v) => h('option', { value: v }, v)));
    read = () => control.value || undefined;
  } else if (param.type === 'boolean') {
    control = h('input', { type: 'checkbox', name: id, checked: param.default === true, disabled: param.available === false });
    read = () => (control.checked === (param.default === true) ? undefined : control.checked);
  } else if (param.type === 'integer') {
    control = h('input', { type: 'number', name: id, placeholder, min: param.min, max: param.max });
    read = () => (control.value === '' ? undefined : Number(control.value));
  } else if (param.type === 'ports' || param.type.endsWith('[]')) {
    const numbers = param.type === 'ports' || param.type === 'integer[]';
    control = h('input', { type: 'text', name: id, className: 'mono', placeholder: param.type === 'ports' ? 'e.g. 22, 80, 8000-8010, 1-65535' : numbers ? 'e.g. 22, 80' : placeholder || 'comma-separated' });
    read = () => {
      const items = control.value.split(/[\s,]+/).filter(Boolean);
      if (!items.length) return undefined;
      // Numbers as numbers; anything else (a-b ranges among them) goes as typed, for the API to check and name.
      return numbers ? items.map((x) => (/^-?\d+$/.test(x) ? Number(x) : x)) : items;
    };
  } else {
    control = h('input', { type: param.name.toLowerCase().includes('key') || param.name === 'community' ? 'password' : 'text', name: id, placeholder, autocomplete: 'off' });
    read = () => control.value || undefined;
  }
  return { wrapper: field(param.name, control, hint), read };
}

function launchForm(catalogue, signal) {
  const formError = h('div', { className: 'field-error', id: 'launch-error', role: 'alert' });
  const errors = new FieldErrors(formError);
  const targets = h('textarea', { id: 'targets', name: 'targets', rows: 2, className: 'mono', placeholder: '192.168.1.20, 192.168.1.0/28, 192.168.1.40-192.168.1.45' });
  const targetsField = field('Targets (addresses, CIDRs, a-b ranges; comma, space or line separated)', targets);
  errors.register('/targets', targetsField);

  const probes = catalogue.probes.map((p, i) => {
    const enable = h('input', { type: 'checkbox', className: 'enable', name: `use-${p.type}` });
    const params = p.parameters.map((param) => ({ param, ...paramControl(param, `${p.type}.${param.name}`) }));
    const box = h('fieldset', { className: 'probe', dataset: { type: p.type, on: 'false' } },
      h('legend', {}, h('label', {}, enable, ` ${p.type}`), h('small', {}, ` ${p.category}, ${p.reach}`)),
      h('small', {}, p.description),
      h('span', { className: 'field-error' }),
      h('div', { className: 'params grid' }, params.map((x) => x.wrapper)));
    enable.addEventListener('change', () => (box.dataset.on = String(enable.checked)));
    if (i === 0) {
      enable.checked = true;
      box.dataset.on = 'true';
    }
    return { p, enable, box, params };
  });
  const probeSection = h('div', { id: 'probe-section' }, h('span', { className: 'field-error' }), probes.map((x) => x.box));

  const wantBoxes = WANTABLE.map((f) => h('input', { type: 'checkbox', name: `want-${f}`, value: f }));
  const wantFacts = h('div', { className: 'facts' }, wantBoxes.map((b) => h('label', {}, b, ` ${b.value}`)));
  const wantField = h('div', { className: 'field', id: 'want-field' }, 'Facts to find', wantFacts, h('span', { className: 'field-error' }));
  const intrusive = h('input', { type: 'checkbox', name: 'allowIntrusive' });
  const budget = h('input', { type: 'number', name: 'packetsPerTarget', min: 1, placeholder: 'no budget' });
  const community = h('input', { type: 'password', name: 'community', autocomplete: 'off', placeholder: 'none (the server’s own list only)' });
  const wantSection = h('div', { id: 'want-section', hidden: true },
    h('p', { className: 'hint' }, 'The service plans the probes, cheapest first, and stops on a target once its wanted facts are known.'),
    wantField,
    h('div', { className: 'grid' }, field('Packets per target (budget)', budget), field('SNMP v2c community to try first', community), field('allow nmap -sV (intrusive)', intrusive)));

  const kind = ['probes', 'want'].map((k) => h('input', { type: 'radio', name: 'kind', value: k, checked: k === 'probes' }));
  const tabs = h('div', { className: 'tabs', role: 'radiogroup' }, h('label', {}, kind[0], 'Pick probes'), h('label', {}, kind[1], 'Ask for facts (want)'));
  const isWant = () => kind[1].checked;
  kind.forEach((k) => k.addEventListener('change', () => {
    probeSection.hidden = isWant();
    wantSection.hidden = !isWant();
  }));

  const timing = catalogue.timing.map((param) => ({ param, ...paramControl(param, `timing.${param.name}`) }));
  const discovery = h('select', { name: 'discovery' }, ['', 'auto', 'none'].map((v) => h('option', { value: v }, v || '(default auto)')));
  const profile = h('select', { name: 'profile' }, ['', 'normal', 'fragile'].map((v) => h('option', { value: v }, v || '(default normal)')));
  const label = h('input', { type: 'text', name: 'label', placeholder: 'key:value', className: 'mono' });
  const options = [field('discovery', discovery), field('profile', profile), field('label', label)];
  for (const t of timing) errors.register(`/timing/${t.param.name}`, t.wrapper);
  errors.register('/discovery', options[0]);
  errors.register('/profile', options[1]);
  errors.register('/labels', options[2]);
  errors.register('/want', wantField);
  errors.register('/budget', budget.parentElement);
  errors.register('/credentials', community.parentElement);
  errors.register('/allowIntrusive', intrusive.parentElement);

  const submit = h('button', { type: 'submit' }, 'Launch scan');
  const form = h('form', { id: 'launch', className: 'panel', novalidate: true },
    targetsField, tabs, probeSection, wantSection,
    h('fieldset', {}, h('legend', {}, 'Timing'), h('div', { className: 'grid' }, timing.map((t) => t.wrapper))),
    h('div', { className: 'grid' }, options),
    h('div', { className: 'row' }, submit, formError));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errors.clear();
    // Pointers of probes depend on which are ticked: registered afresh for each request.
    for (const p of [...errors.fields.keys()]) if (p === '/probes' || p.startsWith('/probes/')) errors.fields.delete(p);
    errors.register('/probes', probeSection);
    const body = { targets: targets.value.split(/[\s,]+/).filter(Boolean) };
    if (isWant()) {
      body.want = wantBoxes.filter((b) => b.checked).map((b) => b.value);
      if (intrusive.checked) body.allowIntrusive = true;
      if (budget.value !== '') body.budget = { packetsPerTarget: Number(budget.value) };
      if (community.value) body.credentials = { snmp: [{ version: '2c', community: community.value }] };
    } else {
      body.probes = [];
      for (const { p, enable, box, params } of probes.filter((x) => x.enable.checked)) {
        const base = `/probes/${body.probes.length}`;
        errors.register(base, box);
        const spec = { type: p.type };
        for (const x of params) {
          errors.register(`${base}/${x.param.name}`, x.wrapper);
          for (const s of x.subs ?? []) errors.register(`${base}/${x.param.name}/${s.f.name}`, s.wrapper);
          const v = x.read();
          if (v !== undefined) spec[x.param.name] = v;
        }
        body.probes.push(spec);
      }
    }
    const t = {};
    for (const x of timing) {
      const v = x.read();
      if (v !== undefined) t[x.param.name] = v;
    }
    if (Object.keys(t).length) body.timing = t;
    if (discovery.value) body.discovery = discovery.value;
    if (profile.value) body.profile = profile.value;
    if (label.value) {
      const at = label.value.indexOf(':');
      body.labels = at < 0 ? { [label.value]: '' } : { [label.value.slice(0, at)]: label.value.slice(at + 1) };
    }
    submit.disabled = true;
    try {
      const scan = await api('/v1/scans', { method: 'POST', body, signal });
      location.hash = `#/scans/${enc(scan.id)}`;
    } catch (err) {
      if (!signal.aborted) errors.show(err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// ---- pages -----------------------------------------------------------------------------------

async function overview(view, signal) {
  const catalogue = await api('/v1/probes', { signal });
  const scansBody = h('div');
  const assetsBody = h('div', { id: 'assets-list' });
  const labelFilter = h('input', { type: 'text', name: 'label', className: 'mono', placeholder: 'key:value' });
  const labelField = field('label', labelFilter);
  const scanFormError = h('div', { className: 'field-error', role: 'alert' });
  const scanFilter = h('form', { id: 'scan-filter', className: 'row', novalidate: true }, labelField, h('button', { type: 'submit' }, 'Filter scans'), scanFormError);
  const scanErrors = new FieldErrors(scanFormError);
  scanErrors.register('query:label', labelField);

  let refresh;
  async function loadScans() {
    clearTimeout(refresh);
    scanErrors.clear();
    try {
      const page = await api(`/v1/scans?limit=20${labelFilter.value ? `&label=${enc(labelFilter.value)}` : ''}`, { signal });
      scansBody.replaceChildren(table('scans', ['Scan', 'Status', 'Targets', 'Probes', 'Hosts', 'Packets', 'Created'], page.items.map((s) =>
        h('tr', { dataset: { id: s.id } }, h('td', {}, scanLink(s.id)), h('td', {}, status(s.status)), h('td', {}, s.request.targets.join(', ')), h('td', {}, what(s)),
          h('td', { className: 'num' }, s.stats.hosts ? `${s.stats.hosts.alive} up, ${s.stats.hosts.dead} down, ${s.stats.hosts.pending} pending` : ''),
          h('td', { className: 'num' }, s.stats.packetsSent), h('td', {}, when(s.createdAt)))), 'No scans yet: launch one above.'));
      // The list has no stream of its own; a scan's page has (SSE). Read it again while one moves.
      if (page.items.some((s) => !TERMINAL.has(s.status)) && !signal.aborted) refresh = setTimeout(loadScans, LIST_REFRESH_MS);
    } catch (err) {
      if (!signal.aborted) scanErrors.show(err);
    }
  }
  signal.addEventListener('abort', () => clearTimeout(refresh));
  scanFilter.addEventListener('submit', (e) => {
    e.preventDefault();
    loadScans();
  });

  const filterNames = [['cidr', '192.168.1.0/24'], ['port', '22'], ['service', 'ssh'], ['manufacturer', 'axis'], ['seenSince', '24h or ISO time'], ['minFreshness', '0–1']];
  const filterFormError = h('div', { className: 'field-error', role: 'alert' });
  const assetErrors = new FieldErrors(filterFormError);
  const filters = filterNames.map(([name, placeholder]) => {
    const input = h('input', { type: 'text', name, placeholder, className: 'mono' });
    const w = field(name, input);
    assetErrors.register(`query:${name}`, w);
    return { name, input, w };
  });
  const assetFilter = h('form', { id: 'asset-filter', className: 'panel', novalidate: true }, h('div', { className: 'grid' }, filters.map((f) => f.w)), h('div', { className: 'row' }, h('button', { type: 'submit' }, 'Filter assets'), filterFormError));
  const assetRow = (a) => h('tr', { dataset: { ip: a.ip } }, h('td', {}, assetLink(a.ip)), ['hostname', 'manufacturer', 'model', 'os', 'type'].map((f) => h('td', {}, fact(a[f]))),
    h('td', {}, a.services.length ? a.services.map((s) => h('div', { className: 'svc' }, serviceText(s), h('small', {}, bar(s.freshness), ago(s.observedAt)))) : '—'),
    h('td', {}, when(a.lastSeen)));
  let assetLoads = 0;
  async function loadAssets(cursor) {
    assetErrors.clear();
    // Busy until the answer is on the page, so a reader (or a test) can tell a stale list from the
    // new one. A load that another has overtaken (filters changed while it waited) is dropped:
    // its answer would overwrite the later one's.
    const load = ++assetLoads;
    assetsBody.setAttribute('aria-busy', 'true');
    const q = filters.filter((f) => f.input.value.trim()).map((f) => `&${f.name}=${enc(f.input.value.trim())}`).join('');
    try {
      const page = await api(`/v1/assets?limit=100${q}${cursor ? `&cursor=${enc(cursor)}` : ''}`, { signal });
      if (load !== assetLoads) return;
      const rows = page.items.map(assetRow);
      if (cursor) $('#assets tbody', assetsBody).append(...rows);
      else assetsBody.replaceChildren(table('assets', ['Address', 'Hostname', 'Manufacturer', 'Model', 'OS', 'Type', 'Services', 'Last seen'], rows, q ? 'No asset matches these filters.' : 'No assets yet: run a scan.'));
      $('#more-assets', assetsBody)?.remove();
      if (page.nextCursor) assetsBody.append(h('button', { id: 'more-assets', type: 'button', onclick: () => loadAssets(page.nextCursor) }, 'More'));
    } catch (err) {
      if (!signal.aborted && load === assetLoads) assetErrors.show(err);
    } finally {
      if (load === assetLoads) assetsBody.removeAttribute('aria-busy');
    }
  }
  assetFilter.addEventListener('submit', (e) => {
    e.preventDefault();
    loadAssets();
  });

  view.replaceChildren(
    h('h2', {}, 'Launch a scan'), launchForm(catalogue, signal),
    h('h2', {}, 'Scans'), scanFilter, scansBody,
    h('h2', {}, 'Assets'), h('p', { className: 'hint' }, 'What scans have learned per address, each fact with when it was last observed and how fresh it still is (U(t) = 2/(e^αt + e^−αt), half at the configured half-life).'),
    assetFilter, assetsBody);
  await Promise.all([loadScans(), loadAssets()]);
}

/** What did not answer, in nmap's words: a timeout is `filtered`. */
const UNANSWERED = { closed: 'closed', timeout: 'filtered', unreachable: 'unreachable' };

/**
 * Quiet by default, as nmap's "Not shown: 998 closed ports": rows of what did not answer are
 * hidden behind their counts, with a box that shows them all.
 */
function quietRows(id) {
  const counts = new Map();
  const rows = [];
  const text = h('span', { id: `${id}-hidden` });
  const box = h('input', { type: 'checkbox', id: `${id}-all` });
  const el = h('p', { className: 'hint', hidden: true }, text, ' ', h('label', {}, box, ' show all'));
  const render = () => {
    for (const row of rows) row.hidden = !box.checked;
    text.textContent = `${box.checked ? 'Shown' : 'Not shown'}: ${[...counts].map(([word, n]) => `${n} ${word}`).join(', ')}`;
  };
  box.addEventListener('change', render);
  return {
    el,
    add(row, word) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      rows.push(row);
      el.hidden = false;
      render();
    },
  };
}

async function scanPage(view, id, signal) {
  let scan = await api(`/v1/scans/${enc(id)}`, { signal });
  const seen = new Set();
  let lastSeq = 0;
  const statusEl = h('span', { id: 'scan-status' });
  const live = h('span', { id: 'live', className: 'live', hidden: true }, 'live');
  const cancel = h('button', { type: 'button', id: 'cancel', hidden: true }, 'Cancel scan');
  const statsEl = h('div', { id: 'scan-stats', className: 'stats' });
  const planEl = h('div', { id: 'plan-section' });
  const assetsEl = h('div');
  const resultRows = h('tbody');
  const quietResults = quietRows('results');
  const streamError = h('div', { className: 'field-error', role: 'alert' });

  function showStatus() {
    statusEl.replaceChildren(status(scan.status));
    cancel.hidden = TERMINAL.has(scan.status);
  }
  function showStats(p) {
    const hosts = p.hosts;
    const done = hosts ? hosts.alive + hosts.dead : undefined;
    statsEl.replaceChildren(
      h('div', {}, h('b', { id: 'stat-targets' }, p.targets), 'targets'),
      hosts ? h('div', {}, h('b', { id: 'stat-hosts' }, `${hosts.alive} / ${hosts.dead} / ${hosts.pending}`), 'hosts up / down / pending') : null,
      h('div', {}, h('b', { id: 'stat-results' }, p.results), 'results'),
      h('div', {}, h('b', { id: 'stat-packets' }, p.packetsSent), 'packets sent'),
      hosts && p.targets ? h('div', {}, h('progress', { max: p.targets, value: done }), ` ${Math.round((100 * done) / p.targets)}% of hosts settled`) : null);
  }
  function addResult(r) {
    if (seen.has(r.seq)) return;
    seen.add(r.seq);
    lastSeq = Math.max(lastSeq, r.seq);
    resultRows.querySelector('.empty')?.remove();
    const row = h('tr', { dataset: { seq: r.seq } },
      h('td', { className: 'num' }, r.seq), h('td', {}, r.target), h('td', {}, r.probe), h('td', {}, r.port !== undefined ? `${r.port}/${r.protocol ?? ''}` : ''),
      h('td', {}, status(r.status)), h('td', { className: 'num' }, r.rttMs ?? ''), h('td', { className: 'num' }, r.tries),
      h('td', {}, summary(r), h('details', {}, h('summary', {}, 'raw'), h('pre', {}, JSON.stringify(r.data ?? r.error ?? {}, null, 2)))));
    resultRows.append(row);
    if (UNANSWERED[r.status]) quietResults.add(row, UNANSWERED[r.status]);
  }
  function showPlan() {
    if (!scan.plan) return planEl.replaceChildren();
    const p = scan.plan;
    planEl.replaceChildren(
      h('h2', {}, 'Plan'),
      h('p', { className: 'hint', id: 'plan-summary' }, `Wanted: ${p.want.join(', ')} · targets with every wanted fact: ${p.complete}`),
      table('plan', ['Step', 'Probes', 'Detail', 'Targets', 'Packets', 'Skipped'], p.steps.map((s) =>
        h('tr', { dataset: { step: s.step } }, h('td', {}, s.site ? `${s.step} (site ${s.site})` : s.step), h('td', {}, s.probes.map((x) => x.type).join(', ') || '—'), h('td', {}, s.detail ?? ''),
          h('td', { className: 'num' }, s.targets), h('td', { className: 'num' }, s.packets), h('td', {}, s.skipped ? `${s.skipped.budget} over budget` : ''))), 'No step yet.'),
      ...(p.unmet?.length ? [h('h3', {}, 'Not found'), h('ul', { id: 'plan-unmet' }, ...p.unmet.map((u) => h('li', { dataset: { fact: u.fact } }, `${u.fact} on ${u.targets} target(s): ${u.why.map((w) => (w.targets === u.targets ? w.reason : `${w.reason} (${w.targets})`)).join('; ')}`)))] : []));
  }
  function showAssets() {
    const rows = (scan.assets ?? []).map((a) => h('tr', { dataset: { ip: a.ip } }, h('td', {}, assetLink(a.ip)),
      h('td', {}, FACTS.filter((f) => a[f]).map((f) => {
        const src = a.sources?.[f];
        return h('div', { className: 'fact' }, `${f}: `, a[f], src ? h('small', {}, `${src.source}${src.seq ? ` #${src.seq}` : ''}, ${src.confidence}`) : null);
      })),
      h('td', {}, a.services.map((s) => h('div', { className: 'svc' }, serviceText(s))))));
    assetsEl.replaceChildren(h('h2', {}, 'Assets from this scan'), table('scan-assets', ['Address', 'Facts (source)', 'Services'], rows, TERMINAL.has(scan.status) ? 'This scan learned nothing.' : 'Assets are derived when the scan ends.'));
  }
  const fromScan = () => ({ targets: scan.stats.targets, hosts: scan.stats.hosts, results: scan.stats.results ?? scan.results.length, packetsSent: scan.stats.packetsSent });

  cancel.addEventListener('click', async () => {
    try {
      await api(`/v1/scans/${enc(id)}`, { method: 'DELETE', signal });
    } catch (err) {
      streamError.textContent = err.message;
    }
  });
  const r = scan.request;
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← overview')),
    h('h2', {}, 'Scan ', h('code', { id: 'scan-id' }, scan.id), ' ', statusEl, ' ', live, ' ', cancel),
    h('dl', { className: 'meta' },
      h('dt', {}, 'Targets'), h('dd', {}, r.targets.join(', ')),
      h('dt', {}, 'Probes'), h('dd', {}, what(scan) || '—'),
      h('dt', {}, 'Timing'), h('dd', { className: 'mono' }, Object.entries(r.timing ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')),
      h('dt', {}, 'Labels'), h('dd', {}, Object.entries(scan.labels ?? {}).map(([k, v]) => `${k}:${v}`).join(', ') || '—'),
      h('dt', {}, 'Created'), h('dd', {}, stamp(scan.createdAt)),
      h('dt', {}, 'Finished'), h('dd', { id: 'scan-finished' }, stamp(scan.finishedAt)),
      scan.error ? [h('dt', {}, 'Error'), h('dd', {}, `${scan.error.code ?? ''} ${scan.error.message ?? ''}`)] : null),
    statsEl, streamError, planEl,
    h('h2', {}, 'Results'),
    h('table', { id: 'results' }, h('thead', {}, h('tr', {}, ['#', 'Target', 'Probe', 'Port', 'Status', 'RTT ms', 'Tries', 'What it said'].map((x) => h('th', {}, x)))), resultRows),
    quietResults.el,
    assetsEl);
  resultRows.append(h('tr', { className: 'empty' }, h('td', { colspan: 8, className: 'muted' }, 'No result yet.')));
  scan.results.forEach(addResult);
  showStatus();
  showStats(fromScan());
  showPlan();
  showAssets();
  if (TERMINAL.has(scan.status)) return;

  // Live: results and counts from the event stream as they are stored, resumed after a drop.
  live.hidden = false;
  for (let tries = 0; !signal.aborted; ) {
    try {
      const ended = await readEvents(id, lastSeq, signal, (type, data) => {
        if (type === 'result') addResult(data);
        else if (type === 'progress') {
          showStats(data);
          if (scan.status === 'queued') {
            scan.status = 'running';
            showStatus();
          }
        }
      });
      if (ended) break;
    } catch (err) {
      if (signal.aborted) return;
      if (++tries > STREAM_RETRIES || (err instanceof ApiError && err.status < 500 && err.status !== 429)) {
        streamError.textContent = `The live stream stopped: ${err.message}. Reload to try again.`;
        live.hidden = true;
        return;
      }
      await pause(1000 * tries, signal);
    }
  }
  if (signal.aborted) return;
  live.hidden = true;
  // The end: the final counts, plan and assets are in the scan itself.
  scan = await api(`/v1/scans/${enc(id)}`, { signal });
  scan.results.forEach(addResult);
  $('#scan-finished').replaceChildren(stamp(scan.finishedAt));
  showStatus();
  showStats(fromScan());
  showPlan();
  showAssets();
}

/** Up to `pages` pages of an address's history intervals, the newest opened first. */
async function history(ip, signal, pages) {
  const items = [];
  let cursor;
  for (let i = 0; i < pages; i++) {
    const page = await api(`/v1/assets/${enc(ip)}/history?limit=200${cursor ? `&cursor=${enc(cursor)}` : ''}`, { signal });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { items, more: Boolean(cursor) };
}

async function assetPage(view, ip, signal) {
  const [a, hist] = await Promise.all([api(`/v1/assets/${enc(ip)}`, { signal }), history(ip, signal, 5)]);
  // The view gives each fact's value, time and scan; the interval of that value that the time falls
  // in says which source gave it (the best-ranked, as the scan's own merge chose).
  const seqIn = (o, scanId) => (o.scans.last.scanId === scanId ? o.scans.last.seq : o.scans.first.scanId === scanId ? o.scans.first.seq : undefined);
  const during = (o, at) => o.firstSeen <= at && at <= o.lastSeen;
  const sourceOf = (name, f) => hist.items
    .filter((o) => o.fact === name && o.value === f.value && during(o, f.observedAt))
    .sort((x, y) => (RANK[y.confidence] ?? 0) - (RANK[x.confidence] ?? 0) || (seqIn(x, f.scanId) ?? 0) - (seqIn(y, f.scanId) ?? 0))[0];
  const factRows = FACTS.filter((name) => a[name]).map((name) => {
    const f = a[name];
    const o = sourceOf(name, f);
    return h('tr', { dataset: { fact: name } }, h('th', {}, name), h('td', {}, f.value),
      h('td', { className: 'source' }, o ? o.source ?? '—' : '—'), h('td', {}, o?.confidence ?? '—'),
      h('td', {}, stamp(f.observedAt), h('small', {}, ` ${ago(f.observedAt)}`)), h('td', {}, freshnessCell(f.freshness)),
      h('td', {}, scanLink(f.scanId), o && seqIn(o, f.scanId) ? ` #${seqIn(o, f.scanId)}` : ''));
  });
  const serviceRows = a.services.map((s) => {
    const o = hist.items.find((x) => x.fact === `${s.protocol}/${s.port}` && during(x, s.observedAt));
    const seq = o && seqIn(o, s.scanId);
    return h('tr', { dataset: { port: `${s.port}/${s.protocol}` } }, h('td', {}, `${s.port}/${s.protocol}`), h('td', {}, s.name ?? ''), h('td', {}, s.product ?? ''), h('td', {}, s.version ?? ''),
      h('td', { className: 'mono' }, s.banner ?? ''), h('td', { className: 'source' }, seq ? `result #${seq}` : 'result'),
      h('td', {}, stamp(s.observedAt), h('small', {}, ` ${ago(s.observedAt)}`)), h('td', {}, freshnessCell(s.freshness)), h('td', {}, scanLink(s.scanId)));
  });
  const quietHistory = quietRows('asset-history');
  const histRows = hist.items.map((o) => {
    const row = h('tr', {}, h('td', {}, stamp(o.firstSeen)), h('td', {}, stamp(o.lastSeen)), h('td', {}, `${o.count}×`), h('td', {}, o.fact),
      h('td', {}, o.service ? [o.service.state, o.service.name, o.service.product, o.service.version].filter(Boolean).join(' ') : o.value ?? ''),
      h('td', {}, [o.source, o.confidence].filter(Boolean).join(', ')),
      h('td', {}, scanLink(o.scans.first.scanId), o.scans.last.scanId !== o.scans.first.scanId ? [' … ', scanLink(o.scans.last.scanId)] : ''));
    // A closed port's interval is counted, not listed, unless asked for: an address probed on every port has thousands.
    if (o.service?.state === 'closed') quietHistory.add(row, 'closed port intervals');
    return row;
  });
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← overview')),
    h('h2', {}, 'Asset ', h('code', { id: 'asset-ip' }, a.ip)),
    h('p', { className: 'hint' }, 'Last seen ', stamp(a.lastSeen), ` (${ago(a.lastSeen)}) by ${a.scans} scan${a.scans === 1 ? '' : 's'}; freshness `, freshnessCell(a.freshness)),
    h('h3', {}, 'Facts'),
    table('asset-facts', ['Fact', 'Value', 'Source', 'Confidence', 'Observed', 'Freshness', 'Scan'], factRows, 'No fact known.'),
    h('h3', {}, 'Services'),
    table('asset-services', ['Port', 'Name', 'Product', 'Version', 'Banner', 'Source', 'Observed', 'Freshness', 'Scan'], serviceRows, 'No service known.'),
    h('h3', {}, 'History'),
    table('asset-history', ['First seen', 'Last seen', 'Seen', 'Fact', 'Value', 'Source', 'Scans'], histRows, 'None kept.'),
    quietHistory.el,
    hist.more ? h('p', { className: 'hint' }, 'Older intervals: GET /v1/assets/{ip}/history with the cursor.') : null);
}

// ---- routing and the token ---------------------------------------------------------------------

let leave = new AbortController();

async function route() {
  leave.abort();
  leave = new AbortController();
  const { signal } = leave;
  const view = $('#view');
  $('#error').textContent = '';
  const signedIn = Boolean(token());
  $('#auth').hidden = signedIn;
  $('#signed-in').hidden = !signedIn;
  if (!signedIn) {
    view.replaceChildren(h('p', { className: 'hint' }, 'Paste a token with scans:read (and scans:write to launch scans). It is kept for this tab only.'));
    return;
  }
  const [, page, arg] = /^#\/(?:(scans|assets)\/(.+))?$/.exec(location.hash) ?? [];
  view.replaceChildren(h('p', { className: 'muted' }, 'Loading…'));
  try {
    if (page === 'scans') await scanPage(view, decodeURIComponent(arg), signal);
    else if (page === 'assets') await assetPage(view, decodeURIComponent(arg), signal);
    else await overview(view, signal);
  } catch (err) {
    if (signal.aborted) return;
    $('#error').textContent = err.message;
    if (err instanceof ApiError && err.status === 401) {
      // A token the server refuses is no use in this tab: ask for another.
      sessionStorage.removeItem(TOKEN_KEY);
      $('#auth').hidden = false;
      $('#signed-in').hidden = true;
      view.replaceChildren();
    }
  }
}

$('#auth').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
  $('#token').value = '';
  route();
});
$('#forget').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  route();
});
window.addEventListener('hashchange', route);
route();
