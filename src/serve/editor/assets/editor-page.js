// The plan editor's form page: the parts of pmap/1 after the people (texts, objectives,
// strategies, MBDD, activities, budget, annexes…), the page around them, and saving.
// Built on editor.js and editor-form.js, which come before it in the served script.
'use strict';

(() => {
  const E = window.sendaEditor;
  const { t, h, api, get, set, state, markDirty, checks, nextId } = E;
  const P = E.parts;
  const { section, group, records, strings, F, V } = P;

  function textos() {
    const T = (k) => F(['textos', k], { kind: 'textarea', rows: 6, hint: t('markdown_help') });
    return section('textos', t('part_textos'), T('presentacion'), T('fundamentacion'), T('justificacion'), T('finalidad'));
  }

  function objetivos() {
    return section('objetivos', t('part_objetivos'),
      strings(['objetivos', 'general'], t('f_objetivos_general'), { item: t('item_objetivo_general') }),
      strings(['objetivos', 'especificos'], t('f_objetivos_especificos'), { item: t('item_objetivo_especifico') }),
      strings(['objetivos', 'metas'], t('f_objetivos_metas'), { item: t('item_meta') }));
  }

  function principios() {
    return section('principios', t('part_principios'), records(['principios'], {
      item: (i) => t('item_principio', { n: i + 1 }),
      fields: (p) => [F([...p, 'nombre']), F([...p, 'descripcion'], { kind: 'textarea', rows: 2 })],
      blank: () => ({}),
      add: t('add_principio'),
    }));
  }

  // National norms most plans cite (those of the bundled plans), offered when the server has
  // no list of its own; each is added as an ordinary entry the director can still edit.
  const KNOWN_NORMS = [
    { tipo: 'Ley', numero: '28044', titulo: 'Ley General de Educación' },
    { tipo: 'Ley', numero: '29944', titulo: 'Ley de Reforma Magisterial' },
    { tipo: 'DS', numero: '011', anio: 2012, emisor: 'ED', titulo: 'Reglamento de la Ley N° 28044, Ley General de Educación' },
    { tipo: 'DS', numero: '004', anio: 2013, emisor: 'ED', titulo: 'Reglamento de la Ley N° 29944, Ley de Reforma Magisterial' },
    { tipo: 'RM', numero: '0547', anio: 2012, emisor: 'ED', titulo: 'Marco de Buen Desempeño Docente' },
    { tipo: 'RSG', numero: '304', anio: 2014, emisor: 'MINEDU', titulo: 'Marco de Buen Desempeño del Directivo' },
    { tipo: 'Ley', numero: '27444', titulo: 'Ley del Procedimiento Administrativo General' },
    { tipo: 'Ley', numero: '27815', titulo: 'Ley del Código de Ética de la Función Pública' },
  ];

  /** "RM N° 0547-2012-ED", as the format renders a norm's code. */
  const normCode = (n) => `${n.tipo} N° ${n.numero}${n.anio && n.emisor ? `-${n.anio}-${n.emisor}` : ''}`;

  function basesLegales() {
    const known = Array.isArray(state.vocab.normas) && state.vocab.normas.length ? state.vocab.normas : KNOWN_NORMS;
    const list = records(['bases_legales'], {
      item: (i) => t('item_norma', { n: i + 1 }),
      fields: (p) => [F([...p, 'tipo'], { kind: 'select', choices: V('tipos_norma', ['Ley', 'DL', 'DS', 'RM', 'RVM', 'RSG', 'Directiva', 'OM', 'otro']) }),
        F([...p, 'numero']), F([...p, 'anio'], { kind: 'int' }), F([...p, 'emisor'], { hint: t('f_bases_legales_emisor_help') }),
        F([...p, 'titulo']), F([...p, 'url'])],
      blank: () => ({}),
      add: t('add_norma'),
      fold: 'titulo',
    });
    const id = nextId('normas');
    const pick = h('select', { id }, known.map((n, i) => h('option', { value: String(i) }, `${normCode(n)}: ${n.titulo || ''}`)));
    const add = () => {
      const chosen = known[Number(pick.value)];
      const now = state.plan.bases_legales || [];
      if (now.some((n) => normCode(n) === normCode(chosen))) {
        E.announce(t('norm_present', { norma: normCode(chosen) }), 'info');
        return;
      }
      set(state.plan, ['bases_legales'], [...now, { ...chosen }]);
      markDirty(['bases_legales']);
      redraw('bases_legales');
      document.getElementById(id)?.focus();
      E.announce(t('norm_added', { norma: normCode(chosen) }), 'info');
    };
    return section('bases_legales', t('part_bases_legales'),
      h('div', { class: 'campo elegir' }, h('label', { for: id }, t('known_norms')), pick, h('button', { type: 'button', class: 'boton', onclick: add }, t('add_known_norm'))), list);
  }

  /** A guidance page named by a plan (`@/estrategias/gia.md`) or by the vocabulary, as a link. */
  function guide(g) {
    if (!g) return null;
    const ruta = typeof g === 'string' ? g : g.ruta || g.guia || g.url;
    let url = typeof g === 'object' && g.url ? g.url : ruta;
    if (typeof url === 'string' && url.startsWith('@/')) url = `/${url.slice(2).replace(/(\/?_index)?\.md$/, '')}/`.replace(/\/+/g, '/');
    if (typeof url !== 'string' || !/^\/(?!\/)/.test(url)) return null;
    return { url, titulo: (typeof g === 'object' && g.titulo) || ruta };
  }

  function estrategias() {
    const tipos = V('tipos_estrategia');
    return section('estrategias', t('part_estrategias'), records(['estrategias'], {
      item: (i) => t('item_estrategia', { n: i + 1 }),
      fields: (p, rec) => {
        const note = h('p', { class: 'guia', 'aria-live': 'polite' });
        const showGuide = () => {
          const g = guide(rec.guia) || guide(tipos.find((x) => x.valor === rec.tipo)?.guia);
          note.replaceChildren(...(g ? [`${t('guide')}: `, h('a', { href: g.url, target: '_blank' }, g.titulo)] : []));
        };
        const guia = F([...p, 'guia'], { hint: t('f_estrategias_guia_help'), onchange: showGuide });
        const tipo = F([...p, 'tipo'], { kind: 'select', choices: tipos, onchange: (v) => {
          // A strategy with no guidance of its own takes its type's, so the link is kept in the plan.
          const g = tipos.find((x) => x.valor === v)?.guia;
          const ruta = typeof g === 'string' ? g : g?.ruta;
          if (!get(state.plan, [...p, 'guia']) && ruta?.startsWith('@/')) {
            set(state.plan, [...p, 'guia'], ruta);
            guia.querySelector('input').value = ruta;
          }
          showGuide();
        } });
        showGuide();
        return [tipo, note, F([...p, 'nombre']), F([...p, 'descripcion'], { kind: 'textarea', rows: 3 }),
          F([...p, 'modalidad'], { kind: 'select', choices: V('modalidades_estrategia', ['presencial', 'virtual', 'hibrida']) }),
          F([...p, 'frecuencia']), guia];
      },
      blank: () => ({}),
      add: t('add_estrategia'),
      fold: 'nombre',
    }));
  }

  function enfoque() {
    const numbered = (name, n, label) => {
      const list = V(name);
      const base = list.length ? list : Array.from({ length: n }, (_, i) => ({ valor: i + 1, nombre: t(label, { n: i + 1 }) }));
      return base.map((c) => ({ valor: Number(c.valor), nombre: list.length ? `${c.valor}. ${c.nombre}` : c.nombre }));
    };
    return section('enfoque', t('part_enfoque'),
      F(['enfoque', 'marco'], { placeholder: 'MBDD-2012' }),
      F(['enfoque', 'marco_rubricas'], { kind: 'select', choices: V('marcos_rubricas', [{ valor: '2018', nombre: t('rubrics_2018') }, { valor: '2017', nombre: t('rubrics_2017') }]) }),
      checks(['enfoque', 'competencias_mbdd'], t('f_enfoque_competencias_mbdd'), numbered('competencias_mbdd', 9, 'competencia_n'), { class: 'largas' }),
      F(['enfoque', 'desempenos_mbdd'], { kind: 'ints', hint: t('f_enfoque_desempenos_mbdd_help') }),
      checks(['enfoque', 'rubricas'], t('f_enfoque_rubricas'), numbered('rubricas', 5, 'rubrica_n'), { class: 'largas' }),
      checks(['enfoque', 'cge'], t('f_enfoque_cge'), numbered('cge', 5, 'cge_n'), { class: 'largas' }));
  }

  function poblacion() {
    const N = (k) => F(['poblacion', k], { kind: 'int' });
    const el = section('poblacion', t('part_poblacion'), N('directivos'), N('docentes'), N('estudiantes'), N('familias'),
      F(['privacidad', 'nombres_docentes'], { kind: 'select', choices: V('nombres_docentes', ['iniciales', 'codigo', 'completo']), hint: t('f_privacidad_nombres_docentes_help') }));
    E.place('privacidad', el, el.querySelector('select'));
    return el;
  }

  function actividades() {
    const el = section('actividades', t('part_actividades'), h('p', { class: 'ayuda' }, t('part_actividades_help')));
    const list = records(['actividades'], {
      item: (i) => t('item_actividad', { n: i + 1 }),
      fields: (p) => [F([...p, 'nombre']),
        checks([...p, 'meses'], t('f_actividades_meses'), V('meses', P.MONTHS), { class: 'meses' }),
        checks([...p, 'responsables'], t('f_actividades_responsables'), P.teamChoices(), { class: 'largas' }),
        F([...p, 'evidencia'])],
      blank: () => ({ responsables: state.plan.equipo?.[0]?.id ? [state.plan.equipo[0].id] : [] }),
      add: t('add_actividad'),
      fold: 'nombre',
    });
    el.append(list);
    return el;
  }

  function instrumentos() {
    return section('instrumentos', t('part_instrumentos'), records(['instrumentos'], {
      item: (i) => t('item_instrumento', { n: i + 1 }),
      fields: (p) => [F([...p, 'tipo'], { kind: 'select', choices: V('instrumentos') }), F([...p, 'nombre']), F([...p, 'anexo'])],
      blank: () => ({}),
      add: t('add_instrumento'),
    }));
  }

  /** The budget: its items with their subtotals, and the total, kept up to date as one types. */
  function presupuesto() {
    const outputs = [];
    const total = h('output', { id: 'presupuesto-total' });
    const money = (n) => `${state.plan.presupuesto?.moneda || 'PEN'} ${n.toFixed(2)}`;
    const amount = (it) => (Number(it.cantidad) || 0) * (Number(it.costo_unitario) || 0);
    const update = () => {
      const items = state.plan.presupuesto?.items || [];
      items.forEach((it, i) => { if (outputs[i]) outputs[i].textContent = money(amount(it)); });
      total.textContent = money(items.reduce((s, it) => s + amount(it), 0));
    };
    state.onChange.push((path) => { if (path[0] === 'presupuesto') update(); });
    const items = records(['presupuesto', 'items'], {
      item: (i) => t('item_gasto', { n: i + 1 }),
      fields: (p) => {
        const out = h('output', {});
        outputs[p[2]] = out;
        return [F([...p, 'concepto']), F([...p, 'cantidad'], { kind: 'number' }), F([...p, 'costo_unitario'], { kind: 'number', hint: t('f_presupuesto_items_costo_unitario_help') }),
          F([...p, 'fuente']), h('p', { class: 'subtotal' }, `${t('subtotal')}: `, out)];
      },
      blank: () => ({ cantidad: 1 }),
      add: t('add_gasto'),
      drawn: () => update(),
    });
    update();
    return section('presupuesto', t('part_presupuesto'),
      F(['presupuesto', 'moneda'], { kind: 'select', choices: V('monedas', ['PEN', 'USD']) }),
      F(['presupuesto', 'descripcion'], { kind: 'textarea', rows: 2 }), items,
      h('p', { class: 'total' }, h('strong', {}, `${t('total')}: `), total));
  }

  const simple = (key, fields, blank = () => ({})) => section(key, t(`part_${key}`), records([key], {
    item: (i) => t(`item_${key}`, { n: i + 1 }),
    fields: (p) => fields.map(([k, opts]) => F([...p, k], opts)),
    blank,
    add: t(`add_${key}`),
  }));

  const PARTS = () => [
    P.datos(), P.equipo(), textos(), objetivos(), principios(), basesLegales(), estrategias(), enfoque(), poblacion(),
    P.docentes(), P.visitas(), actividades(), instrumentos(), presupuesto(),
    simple('requerimientos', [['descripcion', { kind: 'textarea', rows: 2 }]]),
    simple('bibliografia', [['autor'], ['anio', { kind: 'int' }], ['titulo'], ['editorial'], ['url']]),
    simple('anexos', [['id'], ['titulo'], ['tipo', { kind: 'select', choices: V('anexos', ['enlace', 'markdown', 'plantilla']) }], ['url'], ['publico', { kind: 'checkbox' }]], () => ({ publico: true })),
    P.firmas(),
  ];

  /** Draws one section again, in place (after a list it shows has changed elsewhere). */
  function redraw(key) {
    const old = document.getElementById(`parte-${key}`);
    if (!old) return;
    if (old.redraw) return old.redraw();
    const builders = { bases_legales: basesLegales, actividades };
    if (builders[key]) old.replaceWith(builders[key]());
  }

  let summary;
  let saveButton;
  let pending = null;

  function report(diagnostics, message) {
    const { errors, warnings } = E.showDiagnostics(diagnostics, summary);
    E.announce(`${message} ${t('summary_counts', { errores: errors, avisos: warnings })}`, errors ? 'error' : warnings ? 'aviso' : 'ok');
    if (errors + warnings) summary.querySelector('h2')?.focus();
  }

  /** PUT the top-level keys changed since the last save; the file is written even with errors. */
  async function save() {
    if (pending) return pending;
    const body = {};
    for (const key of state.dirty) body[key] = state.plan[key] === undefined ? null : state.plan[key];
    const sent = new Set(state.dirty);
    saveButton.setAttribute('aria-disabled', 'true');
    E.announce(t('saving'));
    pending = api('PUT', `/planes/${encodeURIComponent(state.id)}`, body).then((res) => {
      for (const key of sent) state.dirty.delete(key);
      report(res.diagnosticos || [], t('saved'));
      return res;
    }).catch((err) => {
      E.announce(`${t('not_saved')} ${err.message}`, 'error');
      throw err;
    }).finally(() => {
      pending = null;
      saveButton.removeAttribute('aria-disabled');
    });
    return pending;
  }

  async function load() {
    const data = await api('GET', `/planes/${encodeURIComponent(state.id)}`);
    state.plan = data.plan || {};
    state.urls = data.urls || {};
    state.dirty.clear();
    return data;
  }

  function draw(main, data) {
    state.places.clear();
    state.onChange.length = 0;
    const parts = PARTS();
    summary = h('div', { id: 'resumen', class: 'resumen' });
    const status = h('p', { id: 'editor-estado', class: 'estado', role: 'status' });
    saveButton = h('button', { type: 'submit', class: 'boton principal' }, t('save'));
    const form = h('form', { id: 'plan', novalidate: true, 'aria-labelledby': 'plan-titulo' }, parts,
      h('div', { class: 'barra' }, saveButton, status));
    form.addEventListener('submit', (e) => { e.preventDefault(); save().catch(() => {}); });
    const toc = h('nav', { class: 'indice', 'aria-labelledby': 'indice-titulo' }, h('h2', { id: 'indice-titulo' }, t('parts')),
      h('ol', {}, parts.map((p) => h('li', {}, h('a', { href: `#${p.id}` }, p.querySelector('h2').textContent)))));
    main.replaceChildren(
      h('p', { class: 'volver' }, h('a', { href: '/_editor/' }, t('back_to_list'))),
      h('h1', { id: 'plan-titulo' }, state.plan.titulo || state.id),
      state.plan.institucion?.nombre && h('p', { class: 'meta' }, state.plan.institucion.nombre),
      h('ul', { class: 'acciones' },
        h('li', {}, h('a', { href: state.urls.publica || E.publicUrl(state.id) }, t('public_page'))),
        h('li', {}, h('a', { href: state.urls.impresion || E.printUrl(state.id) }, t('print_page')))),
      summary, toc, form);
    // Lists that show the team or the teachers follow them as they are edited.
    let timer = null;
    state.onChange.push((path) => {
      const follow = { docentes: ['visitas'], equipo: ['actividades', 'firmas'] }[path[0]];
      if (!follow) return;
      clearTimeout(timer);
      timer = setTimeout(() => follow.forEach(redraw), 300);
    });
    E.showDiagnostics(data.diagnosticos || [], summary);
  }

  E.formPage = async (main, id) => {
    state.id = id;
    const [data, vocab] = await Promise.all([load(), api('GET', '/vocabulario').catch(() => ({}))]);
    state.vocab = vocab || {};
    draw(main, data);
    document.title = `${state.plan.titulo || id} · ${t('title')}`;
    E.reload = async () => draw(main, await load());
    window.addEventListener('beforeunload', (e) => { if (state.dirty.size) e.preventDefault(); });
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        save().catch(() => {});
      }
    });
  };
  E.save = save;
  E.report = report;
})();
