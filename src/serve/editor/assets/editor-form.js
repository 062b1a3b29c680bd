// The plan editor's form for one plan: every part of pmap/1 in the format's order, saved
// with PUT (only the top-level keys the form changed), each diagnostic shown by its field.
// Built on editor.js (window.sendaEditor), which comes first in the served script.
'use strict';

(() => {
  const E = window.sendaEditor;
  const { t, h, api, get, set, state, markDirty, field, checks, options, nextId } = E;

  /** A field labelled by its key path's names: ['docentes', 0, 'nombre'] -> `editor_f_docentes_nombre`. */
  const F = (path, opts) => field(path, t(`f_${path.filter((p) => typeof p === 'string').join('_')}`), opts);
  const V = (name, fallback) => options(state.vocab, name, fallback);
  const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'set', 'oct', 'nov', 'dic'];
  const fold = (s) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();

  /** Drops every place registered under `prefix` (a section or list about to be drawn again). */
  function forget(prefix) {
    for (const key of [...state.places.keys()]) {
      if (key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`)) state.places.delete(key);
    }
  }

  function section(key, title, ...kids) {
    const id = `parte-${key}`;
    const el = h('section', { id, class: 'parte', 'aria-labelledby': `${id}-titulo` }, h('h2', { id: `${id}-titulo`, tabindex: '-1' }, title), ...kids);
    E.place(key, el, el.querySelector('h2'));
    return el;
  }

  const group = (legend, ...kids) => h('fieldset', { class: 'grupo' }, h('legend', {}, legend), ...kids);

  /** The fieldset of a table (`institucion`): where diagnostics about the table as a whole go. */
  function table(key, legend, ...kids) {
    const el = group(legend, ...kids);
    E.place(key, el, el.querySelector('input, select, textarea') || el);
    return el;
  }

  /**
   * The records of the array at `path`, each a fieldset with its fields and a remove button,
   * and an add button. `spec`: { item(i, rec), fields(path, rec), blank(), add, fold }.
   * With `fold` (the key that names a record, e.g. `nombre`), a list longer than three shows
   * each record folded under its name, so 30 teachers are not 200 fields on a phone.
   */
  function records(path, spec) {
    const box = h('div', { class: 'registros' });
    const draw = (focusIndex) => {
      forget(E.clave(path));
      const list = get(state.plan, path) || [];
      const addButton = h('button', { type: 'button', class: 'agregar', onclick: () => {
        set(state.plan, path, [...(get(state.plan, path) || []), spec.blank()]);
        markDirty(path);
        draw((get(state.plan, path) || []).length - 1);
      } }, spec.add);
      box.replaceChildren(...list.map((rec, i) => {
        const itemPath = [...path, i];
        const legend = spec.item(i, rec);
        const fs = h('fieldset', { class: 'registro' }, h('legend', {}, legend), spec.fields(itemPath, rec),
          h('button', { type: 'button', class: 'quitar', onclick: () => {
            const now = get(state.plan, path) || [];
            now.splice(i, 1);
            set(state.plan, path, now);
            markDirty(path);
            draw(-1);
            box.querySelector('.agregar')?.focus();
          } }, t('remove', { que: legend })));
        E.place(E.clave(itemPath), fs, fs.querySelector('input, select, textarea') || fs);
        if (!spec.fold || list.length <= 3) return fs;
        const name = () => `${legend}: ${get(state.plan, [...itemPath, spec.fold]) || '—'}`;
        const summary = h('summary', {}, name());
        const folded = h('details', { class: 'plegable', open: i === focusIndex }, summary, fs);
        folded.addEventListener('input', () => { summary.textContent = name(); });
        return folded;
      }), addButton);
      E.place(E.clave(path), box, box.querySelector('input, select, textarea, button'));
      if (focusIndex >= 0) box.querySelectorAll('fieldset.registro')[focusIndex]?.querySelector('input, select, textarea')?.focus();
      spec.drawn?.();
    };
    draw(-1);
    return box;
  }

  /** An array of strings: one text box per item, with remove and add buttons. */
  function strings(path, label, opts = {}) {
    const box = h('fieldset', { class: 'grupo lista' }, h('legend', {}, label));
    const draw = (focus) => {
      forget(E.clave(path));
      const list = get(state.plan, path) || [];
      box.replaceChildren(box.firstChild, ...list.map((_, i) => h('div', { class: 'fila' },
        field([...path, i], t('item_n', { que: opts.item || label, n: i + 1 }), { kind: opts.kind || 'textarea', rows: 2 }),
        h('button', { type: 'button', class: 'quitar', onclick: () => {
          const now = get(state.plan, path) || [];
          now.splice(i, 1);
          set(state.plan, path, now);
          markDirty(path);
          draw(false);
          box.querySelector('.agregar').focus();
        } }, t('remove', { que: t('item_n', { que: opts.item || label, n: i + 1 }) })))),
      h('button', { type: 'button', class: 'agregar', onclick: () => {
        const now = [...(get(state.plan, path) || []), ''];
        // Written through `set` only once it has text: an empty item is not a value.
        const holder = get(state.plan, path.slice(0, -1));
        if (holder) holder[path[path.length - 1]] = now;
        else set(state.plan, path, now);
        draw(true);
      } }, t('add_item', { que: opts.item || label })));
      E.place(E.clave(path), box, box.querySelector('textarea, input, button'));
      if (focus) [...box.querySelectorAll('textarea, input')].pop()?.focus();
    };
    draw(false);
    return box;
  }

  // ---- Datos informativos: the plan's own keys, its period, its approval, the school.

  function datos() {
    const el = section('datos', t('part_datos'),
      group(t('group_plan'),
        h('p', { class: 'meta' }, `${t('f_id')}: `, h('code', {}, state.id)),
        F(['titulo'], { required: true }), F(['lema']), F(['anio'], { kind: 'int', required: true }),
        F(['denominacion_anio']), F(['decenio']), F(['lugar']), F(['fecha_elaboracion'], { kind: 'date' }),
        F(['estado'], { kind: 'select', choices: V('estados'), hint: t('f_estado_help') }),
        F(['ambito'], { kind: 'select', choices: V('ambitos', ['ie', 'red', 'ugel']) }),
        F(['modalidad_atencion'], { kind: 'select', choices: V('modalidades_atencion', ['presencial', 'semipresencial', 'a_distancia']) }),
        F(['pais'], { placeholder: 'PE' })),
      table('periodo', t('group_periodo'), F(['periodo', 'inicio'], { kind: 'date' }), F(['periodo', 'fin'], { kind: 'date' })),
      table('aprobacion', t('group_aprobacion'), h('p', { class: 'ayuda' }, t('group_aprobacion_help')),
        F(['aprobacion', 'documento']), F(['aprobacion', 'numero']), F(['aprobacion', 'fecha'], { kind: 'date' }),
        F(['aprobacion', 'folios'], { kind: 'int' }), F(['aprobacion', 'opinion_conei'], { kind: 'checkbox' }),
        strings(['aprobacion', 'considerandos'], t('f_aprobacion_considerandos'), { item: t('item_considerando') }),
        strings(['aprobacion', 'articulos'], t('f_aprobacion_articulos'), { item: t('item_articulo') })),
      institucion());
    return el;
  }

  function institucion() {
    const I = (k, opts) => F(['institucion', ...k.split('.')], opts);
    const niveles = V('niveles', ['inicial', 'primaria', 'secundaria']);
    return table('institucion', t('group_institucion'),
      I('nombre', { required: true }), I('numero'),
      I('tipo', { kind: 'select', choices: V('tipos_ie', ['IE', 'IEI', 'IES', 'IEP', 'CEBA', 'CEBE', 'PRONOEI', 'otro']) }),
      checks(['institucion', 'niveles'], t('f_institucion_niveles'), niveles),
      I('modalidad', { kind: 'select', choices: V('modalidades', ['EBR', 'EBA', 'EBE']) }),
      I('modelo_servicio', { kind: 'select', choices: V('modelos_servicio', ['JER', 'JEC', 'multigrado', 'unidocente', 'EIB', 'otro']) }),
      I('caracteristica'), I('turnos', { kind: 'list', hint: t('list_help') }),
      I('gestion', { kind: 'select', choices: V('gestiones', ['publica_directa', 'publica_privada', 'privada']) }),
      I('area', { kind: 'select', choices: V('areas', ['urbana', 'rural']) }),
      I('dre', { required: true }), I('ugel'), I('red_educativa'), I('region'), I('provincia'), I('distrito'),
      I('centro_poblado'), I('direccion'), I('altitud_msnm', { kind: 'int' }),
      I('codigo_local', { hint: t('f_institucion_codigo_local_help'), kind: 'text' }),
      niveles.map((n) => field(['institucion', 'codigos_modulares', String(n.valor)], t('f_institucion_codigo_modular', { nivel: n.nombre }), { hint: t('f_institucion_codigo_modular_help') })),
      I('lenguas', { kind: 'list', hint: t('list_help') }),
      I('contacto.telefono'), I('contacto.correo'), I('contacto.web'));
  }

  // ---- People: team, teachers (with import), the visit schedule, signatures.

  const idOf = (prefix, list) => {
    const used = new Set((list || []).map((r) => r.id));
    for (let n = 1; ; n += 1) {
      const id = `${prefix}${String(n).padStart(2, '0')}`;
      if (!used.has(id)) return id;
    }
  };

  function equipo() {
    return section('equipo', t('part_equipo'), h('p', { class: 'ayuda' }, t('part_equipo_help')), records(['equipo'], {
      item: (i, r) => t('item_miembro', { n: i + 1 }),
      fields: (p) => [F([...p, 'id'], { hint: t('f_equipo_id_help') }), F([...p, 'nombre']), F([...p, 'cargo']), F([...p, 'firma'], { kind: 'checkbox' })],
      blank: () => ({ id: idOf('m', state.plan.equipo), firma: true }),
      add: t('add_miembro'),
    }));
  }

  /** Upload of a spreadsheet to POST .../importar/<kind>; the form is drawn again from the file. */
  function importer(kind) {
    const id = nextId('importar');
    const input = h('input', { type: 'file', id, accept: '.xlsx,.ods,.csv', 'aria-describedby': `${id}-ayuda` });
    const run = async () => {
      const file = input.files?.[0];
      if (!file) {
        E.announce(t('import_pick'), 'error');
        input.focus();
        return;
      }
      try {
        if (state.dirty.size) await E.save();
        // A header holds only Latin-1: the name goes percent-encoded, as the server reads it.
        const name = encodeURIComponent(file.name);
        const res = await api('POST', `/planes/${encodeURIComponent(state.id)}/importar/${kind}`, file, { 'X-Senda-Archivo': name });
        await E.reload();
        E.report(res.diagnosticos || [], res.resumen || t('import_done'));
        // The form was drawn again: focus goes back to this importer's button, unless the
        // report took it to its summary.
        if (document.activeElement === document.body) document.querySelector(`#parte-${kind} .importar button`)?.focus();
      } catch (err) {
        E.announce(err.message, 'error');
      }
    };
    return h('div', { class: 'importar' }, h('label', { for: id }, t(`import_${kind}`)),
      h('p', { class: 'ayuda', id: `${id}-ayuda` }, t(`import_${kind}_help`)), input,
      h('button', { type: 'button', class: 'boton', onclick: run }, t('import_button')));
  }

  function docentes() {
    const niveles = V('niveles', ['inicial', 'primaria', 'secundaria']);
    return section('docentes', t('part_docentes'), importer('docentes'), records(['docentes'], {
      item: (i) => t('item_docente', { n: i + 1 }),
      fields: (p) => [F([...p, 'nombre']), F([...p, 'id'], { hint: t('f_docentes_id_help') }),
        F([...p, 'nivel_educativo'], { kind: 'select', choices: niveles }),
        F([...p, 'grados'], { kind: 'list', hint: t('list_help') }), F([...p, 'secciones'], { kind: 'list' }), F([...p, 'areas'], { kind: 'list' })],
      blank: () => ({ id: idOf('d', state.plan.docentes), nivel_educativo: state.plan.institucion?.niveles?.[0] }),
      add: t('add_docente'),
      fold: 'nombre',
    }));
  }

  /** A cell's text as a visit's `fecha` or `mes`; text that is neither is kept as `mes` for E8 to name. */
  function parseCell(text) {
    const s = text.trim();
    if (!s) return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return { fecha: s };
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (dmy) return { fecha: `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` };
    const f = fold(s);
    const named = V('meses', MONTHS).find((m) => fold(String(m.nombre)) === f || m.valor === f);
    if (named) return { mes: named.valor };
    if (['sep', 'sept', 'septiembre', 'setiembre'].includes(f)) return { mes: 'set' };
    return { mes: s };
  }

  const cellText = (v) => v.fecha || V('meses', MONTHS).find((m) => m.valor === v.mes)?.nombre || v.mes || '';
  const defaultFase = (n) => (n === 1 ? 'diagnostico' : n === 3 ? 'salida' : 'proceso');

  function visitas() {
    const body = h('div', {});
    const el = section('visitas', t('part_visitas'), h('p', { class: 'ayuda', id: 'visitas-ayuda' }, t('part_visitas_help')), body, importer('visitas'));
    let cols = 0;
    const draw = () => {
      forget('visitas');
      E.place('visitas', el, el.querySelector('h2'));
      const list = state.plan.visitas || [];
      const teachers = (state.plan.docentes || []).map((d) => ({ id: d.id, nombre: d.nombre || d.id }));
      for (const v of list) if (v.docente && !teachers.some((d) => d.id === v.docente)) teachers.push({ id: v.docente, nombre: v.docente });
      cols = Math.max(cols, 3, ...list.map((v) => Number(v.n) || 0));
      const nums = Array.from({ length: cols }, (_, i) => i + 1);
      const cells = new Map();
      const rows = teachers.map((d) => h('tr', {}, h('th', { scope: 'row' }, d.nombre), nums.map((n) => {
        const visit = list.find((v) => v.docente === d.id && Number(v.n) === n);
        const input = h('input', { type: 'text', id: nextId('visita'), value: visit ? cellText(visit) : '', autocomplete: 'off', 'aria-label': t('visit_cell', { n, docente: d.nombre }), 'aria-describedby': 'visitas-ayuda' });
        input.dataset.base = 'visitas-ayuda';
        input.dataset.key = `${d.id}\n${n}`;
        input.addEventListener('input', () => edit(d.id, n, input.value));
        cells.set(`${d.id}\n${n}`, input);
        return h('td', {}, input);
      })));
      const table = h('table', { class: 'rejilla' }, h('caption', {}, t('visits_caption')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('teacher')), nums.map((n) => h('th', { scope: 'col' }, t('visit_n', { n }))))),
        h('tbody', {}, rows));
      body.replaceChildren(teachers.length ? h('div', { class: 'desplazable', role: 'region', 'aria-label': t('visits_caption'), tabindex: '0' }, table) : h('p', {}, t('visits_no_teachers')),
        h('button', { type: 'button', class: 'agregar', onclick: () => { cols += 1; draw(); } }, t('add_visit_column')));
      // Each visit's diagnostics go to its cell: `visitas[3].fecha` -> the cell of that visit.
      list.forEach((v, i) => {
        const cell = cells.get(`${v.docente}\n${Number(v.n)}`);
        if (cell) E.place(`visitas[${i}]`, cell.parentElement, cell);
      });
    };
    const edit = (docente, n, text) => {
      const list = state.plan.visitas || [];
      const i = list.findIndex((v) => v.docente === docente && Number(v.n) === n);
      const value = parseCell(text);
      if (!value && i >= 0) list.splice(i, 1);
      else if (value && i >= 0) {
        delete list[i].fecha;
        delete list[i].mes;
        Object.assign(list[i], value);
      } else if (value) {
        list.push({ docente, n, fase: defaultFase(n), ...value, responsable: state.plan.equipo?.[0]?.id });
      }
      set(state.plan, ['visitas'], list);
      markDirty(['visitas']);
      // Indices moved: the places of the diagnostics follow the cells.
      if (!value || i < 0) {
        list.forEach((v, j) => {
          const cell = [...body.querySelectorAll('td input')].find((c) => c.dataset.key === `${v.docente}\n${v.n}`);
          if (cell) E.place(`visitas[${j}]`, cell.parentElement, cell);
        });
      }
    };
    draw();
    el.redraw = draw;
    return el;
  }

  /** Check boxes over the team (and teachers, if `people`), bound to the ids at `path`. */
  const teamChoices = () => (state.plan.equipo || []).filter((m) => m.id).map((m) => ({ valor: m.id, nombre: [m.nombre || m.id, m.cargo].filter(Boolean).join(', ') }));

  function firmas() {
    const body = h('div', {});
    const el = section('firmas', t('part_firmas'), h('p', { class: 'ayuda' }, t('part_firmas_help')), body);
    const draw = () => {
      forget('firmas');
      E.place('firmas', el, el.querySelector('h2'));
      const chosen = (state.plan.firmas || []).map((f) => f.ref);
      const team = teamChoices();
      const others = chosen.filter((r) => !team.some((m) => m.valor === r));
      const boxes = team.map((m) => {
        const id = nextId('firma');
        const input = h('input', { type: 'checkbox', id, checked: chosen.includes(m.valor) });
        input.addEventListener('change', () => {
          const picked = team.filter((_, j) => boxes[j].checked).map((x) => x.valor);
          set(state.plan, ['firmas'], [...picked, ...others].map((ref) => ({ ref })));
          markDirty(['firmas']);
        });
        return input;
      });
      body.replaceChildren(h('fieldset', { class: 'grupo' }, h('legend', {}, t('f_firmas')),
        h('div', { class: 'casillas' }, team.map((m, j) => h('div', { class: 'casilla' }, boxes[j], h('label', { for: boxes[j].id }, m.nombre))))));
      (state.plan.firmas || []).forEach((f, i) => {
        const j = team.findIndex((m) => m.valor === f.ref);
        if (j >= 0) E.place(`firmas[${i}]`, boxes[j].parentElement, boxes[j]);
      });
    };
    draw();
    el.redraw = draw;
    return el;
  }

  E.parts = { section, group, records, strings, F, V, forget, datos, equipo, docentes, visitas, firmas, teamChoices, MONTHS };
})();
