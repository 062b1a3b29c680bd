// The plan editor of `senda serve` (/_editor/): the shared core. Plain JavaScript, no
// framework and no build step, so the page works offline exactly as senda serves it.
// editor-form.js and editor-page.js, served after it as one script (pages.rs), build one
// plan's form on top of it.
//
// Everything a plan says is untrusted text: it only ever reaches the page as text nodes or
// attribute values set through the DOM, never as markup.
'use strict';

(() => {
  const STRINGS = JSON.parse(document.getElementById('senda-editor-strings')?.textContent || '{}');
  const TOKEN = document.querySelector('meta[name="senda-token"]')?.content || '';
  const API = '/_editor/api';

  /** The theme's `editor_<key>` string, `{name}` replaced by `vars.name`. */
  const missing = new Set();
  function t(key, vars = {}) {
    if (!(`editor_${key}` in STRINGS)) missing.add(key);
    let text = STRINGS[`editor_${key}`] ?? key;
    for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
    return text;
  }

  /** An element: `props` are attributes (`on*` are listeners), `kids` text or elements. */
  function h(tag, props = {}, ...kids) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = value;
      else if (key === 'value' || key === 'checked') el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    el.append(...kids.flat(Infinity).filter((k) => k != null && k !== false).map((k) => (k instanceof Node ? k : String(k))));
    return el;
  }

  /** A JSON request to the editor's API; a refusal becomes an Error with the server's message. */
  async function api(method, path, body, headers = {}) {
    const init = { method, headers: { ...headers } };
    if (method !== 'GET') init.headers['X-Senda-Token'] = TOKEN;
    if (body instanceof Blob || body instanceof ArrayBuffer) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
    let res;
    try {
      res = await fetch(API + path, init);
    } catch {
      throw new Error(t('error_network'));
    }
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (!res.ok) throw new Error(data?.error || t('error_http', { status: res.status }));
    return data;
  }

  // ---- Key paths: ['docentes', 2, 'nombre'] <-> "docentes[2].nombre", as `clave` spells them.

  const clave = (path) => path.reduce((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');

  function get(obj, path) {
    return path.reduce((o, p) => (o == null ? undefined : o[p]), obj);
  }

  const isEmpty = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

  /** Sets `path` in `obj`, creating tables on the way; an empty value removes the key. */
  function set(obj, path, value) {
    let o = obj;
    for (let i = 0; i < path.length - 1; i += 1) {
      if (o[path[i]] == null || typeof o[path[i]] !== 'object') o[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
      o = o[path[i]];
    }
    const last = path[path.length - 1];
    if (isEmpty(value) && !Array.isArray(o)) delete o[last];
    // An item of a list is never a hole (TOML has no null): an emptied one is "".
    else o[last] = Array.isArray(o) && value === undefined ? '' : value;
    // A table left empty is removed too, so the file gets no `[aprobacion]` with nothing in it.
    for (let i = path.length - 1; i > 0; i -= 1) {
      const parent = get(obj, path.slice(0, i));
      if (parent && !Array.isArray(parent) && typeof parent === 'object' && Object.keys(parent).length === 0) {
        const holder = get(obj, path.slice(0, i - 1)) ?? obj;
        if (!Array.isArray(holder)) delete holder[path[i - 1]];
      }
    }
  }

  /** A list offered by GET /vocabulario as `{valor, nombre}`, whatever shape the server used. */
  function options(vocab, name, fallback = []) {
    const list = Array.isArray(vocab?.[name]) && vocab[name].length ? vocab[name] : fallback;
    return list.map((o) => (typeof o === 'object' ? { ...o, valor: o.valor ?? o.numero, nombre: o.nombre ?? String(o.valor ?? o.numero) } : { valor: o, nombre: String(o) }));
  }

  // ---- The form's state: the plan as JSON, the top-level keys changed, where each key is shown.

  const state = {
    id: null,
    plan: {},
    vocab: {},
    dirty: new Set(),
    /** clave -> { box, control }: where a diagnostic about that key goes. */
    places: new Map(),
    onChange: [],
  };

  function markDirty(path) {
    state.dirty.add(path[0]);
    for (const fn of state.onChange) fn(path);
  }

  let serial = 0;
  const nextId = (what) => `${what}-${(serial += 1)}`;

  /** Where diagnostics about `key` go: `box` (the field's wrapper), `control` (what gets focus). */
  function place(key, box, control = box) {
    state.places.set(key, { box, control });
  }

  /** Converts a control's text to the value the plan stores, by `kind`. */
  function parse(kind, el) {
    const text = el.value.trim();
    switch (kind) {
      case 'checkbox':
        return el.checked;
      case 'int':
        return text === '' ? undefined : /^-?\d+$/.test(text) ? Number(text) : text;
      case 'number':
        return text === '' ? undefined : Number.isFinite(Number(text.replace(',', '.'))) ? Number(text.replace(',', '.')) : text;
      case 'list':
        return text.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
      case 'ints':
        return text.split(/[,;\s]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      default:
        return el.value === '' ? undefined : el.value;
    }
  }

  function show(kind, value) {
    if (value == null) return '';
    if (kind === 'list' || kind === 'ints') return Array.isArray(value) ? value.join(', ') : String(value);
    return String(value);
  }

  /**
   * One labelled field bound to `path` of the plan. `opts.kind`: text (default), textarea,
   * int, number, date, select (with `opts.choices` as {valor, nombre}), checkbox, list
   * (comma-separated text), ints. `opts.hint` is shown under the label.
   */
  function field(path, label, opts = {}) {
    const kind = opts.kind || 'text';
    const id = nextId('campo');
    const value = get(state.plan, path);
    const hintId = opts.hint ? `${id}-ayuda` : null;
    let control;
    const common = { id, name: clave(path), 'aria-describedby': hintId, required: opts.required };
    if (kind === 'textarea') control = h('textarea', { ...common, rows: opts.rows || 4, value: show(kind, value) });
    else if (kind === 'select') {
      const choices = [...(opts.choices || [])];
      if (!isEmpty(value) && !choices.some((c) => String(c.valor) === String(value))) choices.push({ valor: value, nombre: String(value) });
      control = h('select', common, h('option', { value: '' }, t('choose')), choices.map((c) => h('option', { value: String(c.valor) }, c.nombre)));
      control.value = value == null ? '' : String(value);
    } else if (kind === 'checkbox') control = h('input', { ...common, type: 'checkbox', checked: value === true });
    else {
      const type = kind === 'date' ? 'date' : 'text';
      const inputmode = kind === 'int' || kind === 'ints' ? 'numeric' : kind === 'number' ? 'decimal' : null;
      control = h('input', { ...common, type, inputmode, value: show(kind, value), autocomplete: 'off', placeholder: opts.placeholder });
    }
    control.dataset.base = hintId || '';
    const update = () => {
      const parsed = parse(kind, control);
      if (kind === 'select' && typeof value === 'number' && parsed !== undefined) set(state.plan, path, Number(parsed));
      else set(state.plan, path, parsed);
      markDirty(path);
      opts.onchange?.(parsed);
    };
    control.addEventListener(kind === 'checkbox' || kind === 'select' ? 'change' : 'input', update);
    const box = kind === 'checkbox'
      ? h('div', { class: 'campo campo-casilla' }, control, h('label', { for: id }, label), opts.hint && h('p', { class: 'ayuda', id: hintId }, opts.hint))
      : h('div', { class: `campo campo-${kind}` }, h('label', { for: id }, label), opts.hint && h('p', { class: 'ayuda', id: hintId }, opts.hint), control);
    place(clave(path), box, control);
    return box;
  }

  /** A group of check boxes, one per choice, bound to the array at `path`. */
  function checks(path, legend, choices, opts = {}) {
    const chosen = new Set((get(state.plan, path) || []).map(String));
    const keep = (get(state.plan, path) || []).filter((v) => !choices.some((c) => String(c.valor) === String(v)));
    const boxes = choices.map((c) => {
      const id = nextId('casilla');
      const input = h('input', { type: 'checkbox', id, value: String(c.valor), checked: chosen.has(String(c.valor)) });
      input.addEventListener('change', () => {
        const picked = boxes.filter((b) => b.input.checked).map((b) => b.choice.valor);
        set(state.plan, path, [...picked, ...keep]);
        markDirty(path);
        opts.onchange?.();
      });
      return { input, choice: c, el: h('div', { class: 'casilla' }, input, h('label', { for: id }, c.nombre)) };
    });
    const set_ = h('fieldset', { class: `grupo ${opts.class || ''}` }, h('legend', {}, legend), opts.hint && h('p', { class: 'ayuda' }, opts.hint), h('div', { class: 'casillas' }, boxes.map((b) => b.el)));
    place(clave(path), set_, boxes[0]?.input || set_);
    return set_;
  }

  // ---- Diagnostics: next to their field, and listed at the top with links to the fields.

  /** The nearest place shown for `key`: `docentes[2].nombre`, else `docentes[2]`, else `docentes`. */
  function placeOf(key) {
    let k = key || '';
    while (k) {
      if (state.places.has(k)) return state.places.get(k);
      const cut = Math.max(k.lastIndexOf('.'), k.endsWith(']') ? k.lastIndexOf('[') : -1);
      k = cut > 0 ? k.slice(0, cut) : '';
    }
    return null;
  }

  const levelOf = (d) => (d.nivel === 'error' ? 'error' : 'advertencia');

  /** The text of a diagnostic, the level spelled out so it is not told by colour alone. */
  function diagnosticBox(d, id) {
    const level = levelOf(d);
    return h('div', { class: `diag diag-${level}`, id },
      h('p', { class: 'diag-mensaje' }, h('span', { class: 'diag-nivel', 'aria-hidden': 'true' }, level === 'error' ? '✖ ' : '⚠ '),
        h('strong', {}, `${t(level === 'error' ? 'level_error' : 'level_warning')} ${d.codigo || ''}: `), d.mensaje || ''),
      d.ayuda && h('p', { class: 'diag-ayuda' }, `${t('help')}: ${d.ayuda}`));
  }

  function clearDiagnostics() {
    for (const el of document.querySelectorAll('.diag')) el.remove();
    for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of document.querySelectorAll('[data-base]')) {
      if (el.dataset.base) el.setAttribute('aria-describedby', el.dataset.base);
      else el.removeAttribute('aria-describedby');
    }
    for (const el of document.querySelectorAll('.con-error, .con-aviso')) el.classList.remove('con-error', 'con-aviso');
  }

  /** Shows `list` in the form and in `summary`; returns the counts. */
  function showDiagnostics(list, summary) {
    clearDiagnostics();
    summary.replaceChildren();
    const errors = list.filter((d) => levelOf(d) === 'error').length;
    const warnings = list.length - errors;
    const items = list.map((d, i) => {
      const where = placeOf(d.clave);
      const id = `diag-${i}`;
      if (where) {
        where.box.append(diagnosticBox(d, id));
        // A diagnostic is never hidden in a folded record.
        for (let el = where.box.closest('details'); el; el = el.parentElement?.closest('details')) el.open = true;
        where.box.classList.add(levelOf(d) === 'error' ? 'con-error' : 'con-aviso');
        const c = where.control;
        if (c.matches?.('input, select, textarea')) {
          if (levelOf(d) === 'error') c.setAttribute('aria-invalid', 'true');
          c.setAttribute('aria-describedby', [c.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
        }
      }
      const at = [d.clave, d.linea && t('line', { linea: d.linea, columna: d.columna ?? 1 })].filter(Boolean).join(', ');
      const text = `${t(levelOf(d) === 'error' ? 'level_error' : 'level_warning')} ${d.codigo || ''}: ${d.mensaje || ''}`;
      const target = where?.control;
      const link = target
        ? h('a', { href: `#${target.id || ''}`, onclick: (e) => { e.preventDefault(); target.scrollIntoView({ block: 'center' }); target.focus(); } }, text)
        : h('span', {}, text);
      return h('li', { class: `diag-item diag-${levelOf(d)}` }, link, at && h('span', { class: 'diag-donde' }, ` (${at})`));
    });
    if (list.length) {
      summary.append(h('h2', { tabindex: '-1', id: 'resumen-titulo' }, t('summary_title')),
        h('p', {}, t('summary_counts', { errores: errors, avisos: warnings })), h('ul', { class: 'diag-lista' }, items));
    }
    return { errors, warnings };
  }

  /** The status line read out by screen readers (`role=status`). */
  function announce(text, kind = 'info') {
    const el = document.getElementById('editor-estado');
    if (!el) return;
    el.className = `estado estado-${kind}`;
    el.textContent = '';
    // A new text node in the next frame, so a repeated message is read again.
    requestAnimationFrame(() => { el.textContent = text; });
  }

  // ---- The list of plans: completeness, counts, actions, and the form for a new plan.

  const publicUrl = (id) => `/planes/${encodeURIComponent(id)}/`;
  const printUrl = (id) => `/planes/${encodeURIComponent(id)}/imprimir/`;
  const formUrl = (id) => `/_editor/planes/${encodeURIComponent(id)}`;

  /** The id `-2024` -> `-2025`, or with `-<year+1>` added: a suggestion for next year's plan. */
  function nextYearId(id, anio) {
    const m = /^(.*-)(\d{4})$/.exec(id);
    if (m) return `${m[1]}${Number(m[2]) + 1}`;
    return `${id}-${(Number(anio) || new Date().getFullYear()) + 1}`;
  }

  function completeness(plan) {
    const c = plan.completitud || { llenas: 0, total: 0, secciones: [] };
    const id = nextId('completitud');
    const missing = (c.secciones || []).filter((s) => !s.llena).map((s) => s.nombre);
    return h('div', { class: 'completitud' },
      h('p', { id }, t('completeness', { llenas: c.llenas, total: c.total })),
      h('meter', { min: 0, max: c.total || 1, value: c.llenas, 'aria-labelledby': id }),
      missing.length > 0 && h('p', { class: 'faltan' }, `${t('missing')}: ${missing.join(', ')}`));
  }

  function counts(plan) {
    return h('p', { class: 'cuentas' },
      h('span', { class: plan.errores ? 'cuenta cuenta-error' : 'cuenta' }, `✖ ${t('errors_count', { n: plan.errores ?? 0 })}`), ' ',
      h('span', { class: plan.advertencias ? 'cuenta cuenta-aviso' : 'cuenta' }, `⚠ ${t('warnings_count', { n: plan.advertencias ?? 0 })}`));
  }

  function planCard(plan, form) {
    const heading = nextId('plan');
    const estado = options(state.vocab, 'estados').find((e) => e.valor === plan.estado)?.nombre || plan.estado || '';
    return h('li', { class: 'tarjeta', 'aria-labelledby': heading },
      h('h2', { id: heading }, h('a', { href: formUrl(plan.id) }, plan.titulo || plan.id)),
      h('p', { class: 'meta' }, h('code', {}, plan.id), ` · ${t('year')} ${plan.anio ?? '—'} · ${t('status')}: ${estado}`),
      completeness(plan), counts(plan),
      h('ul', { class: 'acciones' },
        h('li', {}, h('a', { class: 'boton', href: formUrl(plan.id) }, t('edit'))),
        h('li', {}, h('a', { href: publicUrl(plan.id) }, t('public_page'))),
        h('li', {}, h('a', { href: printUrl(plan.id) }, t('print_page'))),
        h('li', {}, h('button', { type: 'button', onclick: () => form.nextYear(plan) }, t('next_year')))));
  }

  /** The form that creates a plan, from the template or as next year's plan of another. */
  function newPlanForm(plans) {
    const idInput = h('input', { id: 'nuevo-id', name: 'id', type: 'text', required: true, autocomplete: 'off', pattern: '[a-z0-9\\-]+', 'aria-describedby': 'nuevo-id-ayuda', spellcheck: 'false' });
    const from = h('select', { id: 'nuevo-desde', name: 'desde' },
      h('option', { value: '' }, t('from_template')),
      plans.map((p) => h('option', { value: p.id }, t('from_plan', { titulo: p.titulo || p.id, id: p.id }))));
    const result = h('div', { id: 'nuevo-resultado' });
    const form = h('form', { class: 'nuevo', 'aria-labelledby': 'nuevo-titulo' },
      h('h2', { id: 'nuevo-titulo', tabindex: '-1' }, t('new_plan')),
      h('div', { class: 'campo' }, h('label', { for: 'nuevo-id' }, t('new_id')), h('p', { class: 'ayuda', id: 'nuevo-id-ayuda' }, t('new_id_help')), idInput),
      h('div', { class: 'campo' }, h('label', { for: 'nuevo-desde' }, t('new_from')), from),
      result,
      h('button', { type: 'submit', class: 'boton principal' }, t('create')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      result.replaceChildren();
      const body = { id: idInput.value.trim() };
      if (from.value) body.desde = from.value;
      try {
        await api('POST', '/planes', body);
        window.location.assign(formUrl(body.id));
      } catch (err) {
        result.append(h('p', { class: 'diag diag-error', role: 'alert' }, h('strong', {}, `${t('level_error')}: `), err.message));
        idInput.setAttribute('aria-invalid', 'true');
        idInput.focus();
      }
    });
    form.nextYear = (plan) => {
      from.value = plan.id;
      idInput.value = nextYearId(plan.id, plan.anio);
      form.scrollIntoView({ block: 'start' });
      idInput.focus();
      idInput.select();
    };
    return form;
  }

  async function listPage(main) {
    const [data, vocab] = await Promise.all([api('GET', '/planes'), api('GET', '/vocabulario').catch(() => ({}))]);
    state.vocab = vocab || {};
    const plans = data.planes || [];
    const form = newPlanForm(plans);
    main.replaceChildren(
      h('h1', {}, t('plans_title')),
      h('p', { class: 'intro' }, t('plans_intro')),
      plans.length ? h('ul', { class: 'planes' }, plans.map((p) => planCard(p, form))) : h('p', {}, t('no_plans')),
      form);
  }

  async function boot() {
    const main = document.getElementById('contenido');
    if (!main) return;
    // The shell's own words are a fallback; the theme's strings (a site may change them) win.
    document.title = t('title');
    for (const [id, key] of [['editor-nombre', 'title'], ['editor-saltar', 'skip']]) {
      const el = document.getElementById(id);
      if (el && STRINGS[`editor_${key}`]) el.textContent = t(key);
    }
    const m = /^\/_editor\/planes\/([^/]+)\/?$/.exec(window.location.pathname);
    try {
      if (m) await window.sendaEditor.formPage(main, decodeURIComponent(m[1]));
      else await listPage(main);
    } catch (err) {
      main.replaceChildren(h('h1', {}, t('title')), h('p', { class: 'diag diag-error', role: 'alert' }, h('strong', {}, `${t('level_error')}: `), err.message));
    }
  }

  window.sendaEditor = { t, h, api, clave, get, set, isEmpty, options, state, markDirty, nextId, place, field, checks, showDiagnostics, announce, publicUrl, printUrl, missing };
  document.addEventListener('DOMContentLoaded', boot);
})();
