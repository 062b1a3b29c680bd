//! The public view of a plan: what templates and exports see, and nothing else.
//!
//! Teachers' names are masked here, once, as `[privacidad]` says; the full name of a masked
//! teacher is not a field of any struct in this module, so no template or export can print
//! it. Dates, norm codes, totals and the month grid are computed here so every output
//! (page, print, JSON, CSV, ICS) says the same thing.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::PlanFile;
use super::calendar::{
    self, Fecha, MonthNames, SchoolYear, active_months, day_and_month, month_and_year, month_name,
    month_number, month_token,
};
use super::model::Plan;
use super::paths;
use super::teacher_ids;
use super::vocab::{Estado, Fase, NombresDocentes, TipoEstrategia};
use crate::load::config::Config;
use crate::resolve::markdown;
use crate::resolve::slug::slugify;

#[derive(Debug, Clone, Serialize)]
pub struct PublicPlan {
    pub id: String,
    pub titulo: String,
    pub lema: Option<String>,
    pub anio: i64,
    pub denominacion_anio: Option<String>,
    pub decenio: Option<String>,
    /// "Juli, marzo de 2024", for the cover and the signatures.
    pub lugar_fecha: Option<String>,
    pub estado: Estado,
    pub estado_texto: String,
    pub url: String,
    pub permalink: String,
    pub urls: Urls,
    pub periodo: Option<Periodo>,
    pub aprobacion: Option<Aprobacion>,
    pub institucion: Institucion,
    pub equipo: Vec<Persona>,
    pub textos: Textos,
    pub objetivos: Objetivos,
    pub principios: Vec<Principio>,
    pub bases_legales: Vec<Norma>,
    pub estrategias: Vec<Estrategia>,
    pub enfoque: Option<Enfoque>,
    pub poblacion: Poblacion,
    /// `completo`, `iniciales` or `codigo`: how `docentes` were masked.
    pub nombres_docentes: NombresDocentes,
    pub docentes: Vec<Docente>,
    /// The visit schedule as teacher × visit.
    pub cronograma_visitas: Vec<FilaVisitas>,
    /// How many visit columns the schedule needs.
    pub visitas_por_docente: usize,
    /// The same visits, month by month.
    pub calendario_visitas: Vec<MesVisitas>,
    pub meses: Vec<Mes>,
    pub actividades: Vec<Actividad>,
    pub instrumentos: Vec<Instrumento>,
    pub presupuesto: Option<Presupuesto>,
    pub requerimientos: Vec<String>,
    pub bibliografia: Vec<String>,
    pub anexos: Vec<Anexo>,
    pub firmas: Vec<Persona>,
    /// The plan's sections in order, each with its Roman numeral, for the index.
    pub secciones: Vec<Seccion>,
    /// Section id to Roman numeral, for headings: `plan.numeros.objetivos`.
    pub numeros: BTreeMap<String, String>,
    /// Which year each month of `meses` is of, for the calendar export.
    #[serde(skip)]
    pub anio_escolar: SchoolYear,
}

#[derive(Debug, Clone, Serialize)]
pub struct Urls {
    pub imprimir: String,
    pub calendario: String,
    pub json: String,
    pub csv: String,
    /// The listing of all plans.
    pub planes: String,
    /// The listing of the plans of the plan's UGEL, if it names one.
    pub ugel: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Periodo {
    pub inicio: Fecha,
    pub fin: Fecha,
    pub texto: String,
    pub semanas_gestion: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Aprobacion {
    pub documento: String,
    pub numero: Option<String>,
    pub fecha: Option<Fecha>,
    pub fecha_texto: Option<String>,
    pub folios: Option<i64>,
    pub opinion_conei: bool,
    pub considerandos: Vec<String>,
    pub articulos: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Institucion {
    /// "IEI N° 246 «Mi Segundo Hogar»".
    pub nombre_completo: String,
    pub nombre: String,
    pub numero: Option<String>,
    pub tipo: Option<String>,
    pub niveles: Vec<String>,
    pub modalidad: Option<String>,
    pub modelo_servicio: Option<String>,
    pub caracteristica: Option<String>,
    pub turnos: Vec<String>,
    pub gestion: Option<String>,
    pub area: Option<String>,
    pub dre: Option<String>,
    pub ugel: Option<String>,
    pub ugel_slug: Option<String>,
    pub red_educativa: Option<String>,
    pub region: Option<String>,
    pub provincia: Option<String>,
    pub distrito: Option<String>,
    pub centro_poblado: Option<String>,
    pub direccion: Option<String>,
    pub altitud_msnm: Option<i64>,
    pub codigo_local: Option<String>,
    pub codigos_modulares: Vec<Codigo>,
    pub lenguas: Vec<String>,
    pub telefono: Option<String>,
    pub correo: Option<String>,
    pub web: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Codigo {
    pub nivel: String,
    pub codigo: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    pub nombre: String,
    pub cargo: String,
}

/// Prose fields as HTML (rendered Markdown, raw HTML escaped).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Textos {
    pub presentacion: Option<String>,
    pub fundamentacion: Option<String>,
    pub justificacion: Option<String>,
    pub finalidad: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Objetivos {
    pub general: Vec<String>,
    pub especificos: Vec<String>,
    pub metas: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Principio {
    pub nombre: String,
    pub descripcion: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Norma {
    /// "RM N° 587-2023-MINEDU".
    pub codigo: String,
    pub titulo: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Estrategia {
    pub tipo: TipoEstrategia,
    pub nombre: String,
    pub descripcion: Option<String>,
    pub modalidad: Option<String>,
    pub frecuencia: Option<String>,
    pub guia_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Enfoque {
    pub marco: Option<String>,
    pub competencias: Vec<Numerado>,
    pub desempenos_mbdd: Vec<i64>,
    pub rubricas: Vec<Numerado>,
    pub cge: Vec<Numerado>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Numerado {
    pub numero: i64,
    pub nombre: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Poblacion {
    pub directivos: Option<i64>,
    pub docentes: Option<i64>,
    pub estudiantes: Option<i64>,
    pub familias: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Docente {
    /// The plan's id for the teacher (`d01`) when names are published in full; while they
    /// are masked, an opaque id in its place (`teacher_ids`). Stable for calendar UIDs.
    pub id: String,
    /// The name as `[privacidad]` allows: full, initials, or "Docente 01".
    pub nombre: String,
    pub nivel_educativo: Option<String>,
    pub grados: Vec<String>,
    pub secciones: Vec<String>,
    pub areas: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilaVisitas {
    pub docente: String,
    pub aula: String,
    /// One cell per visit column; `None` where this teacher has fewer visits.
    pub visitas: Vec<Option<Visita>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Visita {
    /// `Docente::id` of the teacher visited.
    pub docente_id: String,
    pub docente: String,
    pub n: i64,
    pub numero_romano: String,
    pub fase: Option<Fase>,
    /// The phase as people write it: "diagnóstico", "proceso", "salida".
    pub fase_texto: Option<String>,
    pub fecha: Option<Fecha>,
    /// Month number 1–12.
    pub mes: u8,
    /// "9 de abril" or "junio".
    pub cuando: String,
    pub responsable: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MesVisitas {
    pub mes: String,
    pub visitas: Vec<Visita>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mes {
    pub token: String,
    pub nombre: String,
    /// The one-letter Gantt header (M A M J…), with the full name beside it for readers.
    pub inicial: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Actividad {
    pub nombre: String,
    pub responsables: Vec<String>,
    /// One flag per column of `meses`.
    pub marcas: Vec<bool>,
    pub evidencia: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Instrumento {
    pub nombre: String,
    pub tipo: String,
    pub anexo: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Presupuesto {
    pub moneda: String,
    pub descripcion: Option<String>,
    pub items: Vec<Item>,
    pub total: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub concepto: String,
    pub cantidad: String,
    pub costo_unitario: String,
    pub subtotal: String,
    pub fuente: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Anexo {
    pub id: String,
    pub titulo: String,
    pub tipo: String,
    pub url: Option<String>,
    pub contenido: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Seccion {
    pub id: String,
    pub titulo: String,
    pub numero: String,
}

/// A plan in a listing: what a UGEL specialist scans for.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    pub id: String,
    pub titulo: String,
    pub anio: i64,
    pub estado: Estado,
    pub estado_texto: String,
    pub institucion: String,
    pub dre: Option<String>,
    pub ugel: Option<String>,
    pub ugel_slug: Option<String>,
    pub niveles: Vec<String>,
    pub aprobacion: Option<String>,
    pub aprobacion_fecha: Option<String>,
    pub url: String,
    /// The plan's `plan.json`.
    pub datos: String,
}

impl PublicPlan {
    pub fn summary(&self) -> PlanSummary {
        PlanSummary {
            id: self.id.clone(),
            titulo: self.titulo.clone(),
            anio: self.anio,
            estado: self.estado,
            estado_texto: self.estado_texto.clone(),
            institucion: self.institucion.nombre_completo.clone(),
            dre: self.institucion.dre.clone(),
            ugel: self.institucion.ugel.clone(),
            ugel_slug: self.institucion.ugel_slug.clone(),
            niveles: self.institucion.niveles.clone(),
            aprobacion: self.aprobacion.as_ref().and_then(|a| a.numero.clone()),
            aprobacion_fecha: self.aprobacion.as_ref().and_then(|a| a.fecha_texto.clone()),
            url: self.url.clone(),
            datos: self.urls.json.clone(),
        }
    }
}

/// The site path of a plan's page, by the name `render` knows it.
pub use super::paths::page as plan_path;

/// Builds the public view. `resolve` turns `@/` links into URLs.
pub fn build(
    file: &PlanFile,
    config: &Config,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> PublicPlan {
    let plan = &file.plan;
    let md = |text: &str| markdown::render_untrusted(text, resolve);
    let text = |s: &Option<toml::Spanned<String>>| {
        s.as_ref()
            .map(|v| v.get_ref().trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let anio = plan.anio.as_ref().map_or(0, |a| *a.get_ref());
    let masking = teacher_ids::masking(plan);
    let names = names(plan, masking);
    let name_of = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let public_ids = teacher_ids::public_ids(&file.id, plan, masking);
    let public_id = |id: &str| public_ids.get(id).cloned().unwrap_or_default();
    let path = paths::page(&file.id);
    let months = gantt_months(plan);

    // Rule E0 lets no other value through; a plan that does not say is a draft.
    let estado = plan
        .estado
        .as_ref()
        .map_or(Some(Estado::Borrador), |e| e.get_ref().value)
        .unwrap_or(Estado::Otro);
    let institucion = institution(plan);
    let lugar_fecha = plan.lugar.as_ref().map(|lugar| {
        let when = plan
            .fecha_elaboracion
            .as_ref()
            .map(|f| month_and_year(*f.get_ref()))
            .unwrap_or_else(|| anio.to_string());
        format!("{}, {when}", lugar.get_ref())
    });

    let visits: Vec<Visita> = plan
        .visitas
        .iter()
        .filter_map(|v| {
            let v = v.get_ref();
            let docente_id = v.docente.as_ref()?.get_ref().clone();
            let n = v.n.as_ref().map_or(0, |n| *n.get_ref());
            let (fecha, mes) = match (&v.fecha, &v.mes) {
                (Some(f), _) => (Some(*f.get_ref()), f.get_ref().mes),
                (None, Some(m)) => (None, month_number(m.get_ref())?),
                (None, None) => return None,
            };
            Some(Visita {
                docente: name_of(&docente_id),
                docente_id: public_id(&docente_id),
                n,
                numero_romano: roman(n.max(1) as usize),
                fase: v.fase.as_ref().and_then(|f| f.get_ref().value),
                fase_texto: v
                    .fase
                    .as_ref()
                    .and_then(|f| f.get_ref().value)
                    .map(|f| f.texto().to_string()),
                fecha,
                mes,
                cuando: fecha.map_or_else(|| month_name(mes).to_string(), day_and_month),
                responsable: v
                    .responsable
                    .as_ref()
                    .map_or(String::new(), |r| name_of(r.get_ref())),
            })
        })
        .collect();
    // Rule E12 holds `n` to 1..=MAX_VISITS in every plan that reaches the view.
    let visitas_por_docente = visits
        .iter()
        .map(|v| v.n.clamp(0, super::rules::MAX_VISITS) as usize)
        .max()
        .unwrap_or(0);
    let by_teacher_and_number: HashMap<(&str, i64), &Visita> = visits
        .iter()
        .rev()
        .map(|v| ((v.docente_id.as_str(), v.n), v))
        .collect();
    let docentes: Vec<Docente> = plan
        .docentes
        .iter()
        .filter_map(|d| {
            let d = d.get_ref();
            let id = d.id.as_ref()?.get_ref().clone();
            Some(Docente {
                nombre: name_of(&id),
                id: public_id(&id),
                nivel_educativo: text(&d.nivel_educativo),
                grados: d.grados.iter().map(|g| g.get_ref().clone()).collect(),
                secciones: d.secciones.iter().map(|s| s.get_ref().clone()).collect(),
                areas: d.areas.iter().map(|a| a.get_ref().clone()).collect(),
            })
        })
        .collect();
    let cronograma_visitas = docentes
        .iter()
        .map(|d| FilaVisitas {
            docente: d.nombre.clone(),
            aula: classroom(d),
            visitas: (1..=visitas_por_docente as i64)
                .map(|n| {
                    by_teacher_and_number
                        .get(&(d.id.as_str(), n))
                        .copied()
                        .cloned()
                })
                .collect(),
        })
        .collect();
    let calendario_visitas = months
        .iter()
        .filter_map(|m| {
            let number = month_number(&m.token)?;
            let mut list: Vec<Visita> =
                visits.iter().filter(|v| v.mes == number).cloned().collect();
            list.sort_by(|a, b| {
                (&a.fecha, &a.docente_id, a.n).cmp(&(&b.fecha, &b.docente_id, b.n))
            });
            (!list.is_empty()).then(|| MesVisitas {
                mes: m.nombre.clone(),
                visitas: list,
            })
        })
        .collect();

    let actividades = plan
        .actividades
        .iter()
        .map(|a| {
            let a = a.get_ref();
            let tokens: Vec<u8> = a
                .meses
                .iter()
                .filter_map(|m| month_number(m.get_ref()))
                .collect();
            Actividad {
                nombre: text(&a.nombre).unwrap_or_default(),
                responsables: a
                    .responsables
                    .iter()
                    .map(|r| name_of(r.get_ref()))
                    .collect(),
                marcas: months
                    .iter()
                    .map(|m| month_number(&m.token).is_some_and(|n| tokens.contains(&n)))
                    .collect(),
                evidencia: text(&a.evidencia),
            }
        })
        .collect();

    let mut view = PublicPlan {
        id: file.id.clone(),
        titulo: text(&plan.titulo).unwrap_or_default(),
        lema: text(&plan.lema),
        anio,
        denominacion_anio: text(&plan.denominacion_anio),
        decenio: text(&plan.decenio),
        lugar_fecha,
        estado_texto: estado.texto().to_string(),
        estado,
        url: config.url(&path),
        permalink: config.permalink(&path),
        urls: Urls {
            imprimir: config.url(&paths::print_page(&file.id)),
            calendario: config.url(&paths::calendar_file(&file.id)),
            json: config.url(&paths::json_file(&file.id)),
            csv: config.url(&paths::csv_file(&file.id)),
            planes: config.url(paths::INDEX),
            ugel: institucion
                .ugel_slug
                .as_deref()
                .map(|slug| config.url(&paths::ugel_listing(slug))),
        },
        periodo: plan.periodo.as_ref().and_then(|p| {
            let p = p.get_ref();
            let (inicio, fin) = (*p.inicio.as_ref()?.get_ref(), *p.fin.as_ref()?.get_ref());
            Some(Periodo {
                inicio,
                fin,
                texto: format!("del {} al {}", long_date(inicio), long_date(fin)),
                semanas_gestion: p
                    .semanas_gestion
                    .iter()
                    .map(|s| {
                        format!(
                            "del {} al {}",
                            long_date(*s.get_ref().inicio.get_ref()),
                            long_date(*s.get_ref().fin.get_ref())
                        )
                    })
                    .collect(),
            })
        }),
        aprobacion: plan.aprobacion.as_ref().map(|a| {
            let a = a.get_ref();
            Aprobacion {
                documento: text(&a.documento)
                    .unwrap_or_else(|| "Resolución Directoral".to_string()),
                numero: text(&a.numero),
                fecha: a.fecha.as_ref().map(|f| *f.get_ref()),
                fecha_texto: a.fecha.as_ref().map(|f| long_date(*f.get_ref())),
                folios: a.folios.as_ref().map(|f| *f.get_ref()),
                opinion_conei: a.opinion_conei.unwrap_or(false),
                considerandos: a
                    .considerandos
                    .iter()
                    .map(|c| c.get_ref().clone())
                    .collect(),
                articulos: a.articulos.iter().map(|c| c.get_ref().clone()).collect(),
            }
        }),
        institucion,
        equipo: plan
            .equipo
            .iter()
            .map(|m| Persona {
                nombre: text(&m.get_ref().nombre).unwrap_or_default(),
                cargo: text(&m.get_ref().cargo).unwrap_or_default(),
            })
            .collect(),
        textos: plan
            .textos
            .as_ref()
            .map_or_else(Textos::default, |t| Textos {
                presentacion: text(&t.presentacion).map(|x| md(&x)),
                fundamentacion: text(&t.fundamentacion).map(|x| md(&x)),
                justificacion: text(&t.justificacion).map(|x| md(&x)),
                finalidad: text(&t.finalidad).map(|x| md(&x)),
            }),
        objetivos: plan
            .objetivos
            .as_ref()
            .map_or_else(Objetivos::default, |o| {
                let list = |items: &[toml::Spanned<String>]| {
                    items.iter().map(|i| md(i.get_ref())).collect()
                };
                Objetivos {
                    general: list(&o.general),
                    especificos: list(&o.especificos),
                    metas: list(&o.metas),
                }
            }),
        principios: plan
            .principios
            .iter()
            .map(|p| Principio {
                nombre: p.nombre.get_ref().clone(),
                descripcion: text(&p.descripcion).map(|x| md(&x)),
            })
            .collect(),
        bases_legales: plan
            .bases_legales
            .iter()
            .map(|n| norm(n.get_ref()))
            .collect(),
        estrategias: plan
            .estrategias
            .iter()
            .map(|e| {
                let e = e.get_ref();
                Estrategia {
                    tipo: e
                        .tipo
                        .as_ref()
                        .and_then(|t| t.get_ref().value)
                        .unwrap_or(TipoEstrategia::Otro),
                    nombre: text(&e.nombre)
                        .or_else(|| text(&e.detalle))
                        .unwrap_or_default(),
                    descripcion: text(&e.descripcion).map(|x| md(&x)),
                    modalidad: text(&e.modalidad),
                    frecuencia: text(&e.frecuencia),
                    guia_url: e
                        .guia
                        .as_ref()
                        .and_then(|g| resolve(g.get_ref().strip_prefix("@/")?)),
                }
            })
            .collect(),
        enfoque: plan.enfoque.as_ref().map(|e| {
            let numbers = |items: &[toml::Spanned<i64>], names: &[&str]| {
                items
                    .iter()
                    .map(|n| Numerado {
                        numero: *n.get_ref(),
                        nombre: usize::try_from(*n.get_ref() - 1)
                            .ok()
                            .and_then(|i| names.get(i))
                            .map_or(String::new(), |s| s.to_string()),
                    })
                    .collect()
            };
            let rubric_names = if e
                .marco_rubricas
                .as_ref()
                .is_some_and(|m| m.get_ref() == "2017")
            {
                RUBRICAS_2017
            } else {
                RUBRICAS
            };
            Enfoque {
                marco: text(&e.marco),
                competencias: numbers(&e.competencias_mbdd, COMPETENCIAS_MBDD),
                desempenos_mbdd: e.desempenos_mbdd.iter().map(|d| *d.get_ref()).collect(),
                rubricas: numbers(&e.rubricas, rubric_names),
                cge: numbers(&e.cge, CGE),
            }
        }),
        poblacion: plan
            .poblacion
            .as_ref()
            .map_or_else(Poblacion::default, |p| {
                let count = |v: &Option<toml::Spanned<toml::Value>>| {
                    v.as_ref().and_then(|v| v.get_ref().as_integer())
                };
                Poblacion {
                    directivos: count(&p.directivos),
                    docentes: count(&p.docentes),
                    estudiantes: count(&p.estudiantes),
                    familias: count(&p.familias),
                }
            }),
        nombres_docentes: masking,
        docentes,
        cronograma_visitas,
        visitas_por_docente,
        calendario_visitas,
        meses: months,
        actividades,
        instrumentos: plan
            .instrumentos
            .iter()
            .map(|i| {
                let i = i.get_ref();
                Instrumento {
                    nombre: text(&i.nombre)
                        .or_else(|| text(&i.detalle))
                        .unwrap_or_default(),
                    tipo: text(&i.tipo).unwrap_or_default(),
                    anexo: text(&i.anexo),
                }
            })
            .collect(),
        presupuesto: plan.presupuesto.as_ref().map(budget),
        requerimientos: plan
            .requerimientos
            .iter()
            .map(|r| md(r.descripcion.get_ref()))
            .collect(),
        bibliografia: plan.bibliografia.iter().map(reference).collect(),
        anexos: plan
            .anexos
            .iter()
            .map(|a| a.get_ref())
            .filter(|a| a.publico)
            .map(|a| Anexo {
                id: text(&a.id).unwrap_or_default(),
                titulo: text(&a.titulo).unwrap_or_default(),
                tipo: text(&a.tipo).unwrap_or_else(|| "enlace".to_string()),
                url: text(&a.url),
                contenido: text(&a.contenido).map(|x| md(&x)),
            })
            .collect(),
        firmas: plan
            .firmas
            .iter()
            .filter_map(|f| f.get_ref().referencia.as_ref())
            .filter_map(|r| {
                let member = plan
                    .equipo
                    .iter()
                    .map(|m| m.get_ref())
                    .find(|m| m.id.as_ref().is_some_and(|i| i.get_ref() == r.get_ref()))?;
                Some(Persona {
                    nombre: text(&member.nombre).unwrap_or_default(),
                    cargo: text(&member.cargo).unwrap_or_default(),
                })
            })
            .collect(),
        secciones: Vec::new(),
        numeros: BTreeMap::new(),
        // Rules E1 and E3 hold `anio` to a year a date can have in every plan that gets here.
        anio_escolar: SchoolYear::of(plan).unwrap_or(SchoolYear::within(anio as i32)),
    };
    number_sections(&mut view);
    view
}

/// Each teacher's public name, by id, as `[privacidad] nombres_docentes` says. Team members
/// sign the plan and are named in full; a teacher who is also a visitor stays masked.
fn names(plan: &Plan, masking: NombresDocentes) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for member in &plan.equipo {
        let m = member.get_ref();
        if let (Some(id), Some(nombre)) = (&m.id, &m.nombre) {
            names.insert(id.get_ref().clone(), nombre.get_ref().clone());
        }
    }
    for (index, docente) in plan.docentes.iter().enumerate() {
        let d = docente.get_ref();
        let Some(id) = &d.id else { continue };
        let full = d.nombre.as_ref().map_or("", |n| n.get_ref().as_str());
        let shown = match masking {
            NombresDocentes::Completo => full.to_string(),
            NombresDocentes::Codigo => format!("Docente {:02}", index + 1),
            NombresDocentes::Iniciales => initials(full),
        };
        names.insert(id.get_ref().clone(), shown);
    }
    names
}

/// "Julio César Apaza Nina" -> "J. C. A. N.".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn classroom(d: &Docente) -> String {
    let mut parts = Vec::new();
    if !d.grados.is_empty() {
        parts.push(d.grados.join(", "));
    }
    if !d.secciones.is_empty() {
        parts.push(format!("sección {}", d.secciones.join(", ")));
    }
    if !d.areas.is_empty() {
        parts.push(d.areas.join(", "));
    }
    parts.join(" · ")
}

fn institution(plan: &Plan) -> Institucion {
    let empty = super::model::Institucion::default();
    let inst = plan.institucion.as_ref().map_or(&empty, |i| i.get_ref());
    let s = |v: &Option<toml::Spanned<String>>| v.as_ref().map(|x| x.get_ref().clone());
    let code = |v: &toml::Spanned<toml::Value>| match v.get_ref() {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let nombre = s(&inst.nombre).unwrap_or_default();
    let tipo = s(&inst.tipo).filter(|t| t != "otro");
    let nombre_completo = match (&tipo, &inst.numero) {
        (Some(t), Some(n)) => format!("{t} N° {} «{nombre}»", n.get_ref()),
        (None, Some(n)) => format!("IE N° {} «{nombre}»", n.get_ref()),
        (Some(t), None) => format!("{t} «{nombre}»"),
        (None, None) => nombre.clone(),
    };
    let contacto = inst.contacto.as_ref();
    Institucion {
        nombre_completo,
        nombre,
        numero: s(&inst.numero),
        tipo,
        niveles: inst.niveles.iter().map(|n| n.get_ref().clone()).collect(),
        modalidad: s(&inst.modalidad),
        modelo_servicio: s(&inst.modelo_servicio),
        caracteristica: s(&inst.caracteristica),
        turnos: inst.turnos.iter().map(|t| t.get_ref().clone()).collect(),
        gestion: s(&inst.gestion).map(|g| g.replace('_', " ")),
        area: s(&inst.area),
        dre: s(&inst.dre),
        ugel_slug: inst.ugel.as_ref().map(|u| slugify(u.get_ref())),
        ugel: s(&inst.ugel),
        red_educativa: s(&inst.red_educativa),
        region: s(&inst.region),
        provincia: s(&inst.provincia),
        distrito: s(&inst.distrito),
        centro_poblado: s(&inst.centro_poblado),
        direccion: s(&inst.direccion),
        altitud_msnm: inst.altitud_msnm.as_ref().map(|a| *a.get_ref()),
        codigo_local: inst.codigo_local.as_ref().map(code),
        codigos_modulares: inst
            .codigos_modulares
            .iter()
            .map(|(nivel, c)| Codigo {
                nivel: nivel.clone(),
                codigo: code(c),
            })
            .collect(),
        lenguas: inst.lenguas.iter().map(|l| l.get_ref().clone()).collect(),
        telefono: contacto.and_then(|c| s(&c.telefono)),
        correo: contacto.and_then(|c| s(&c.correo)),
        web: contacto.and_then(|c| s(&c.web)),
    }
}

/// "RM N° 0547-2012-ED" with year and issuer, "Ley N° 28044" without; `numero` as written.
fn norm(n: &super::model::Norma) -> Norma {
    let s = |v: &Option<toml::Spanned<String>>| v.as_ref().map(|x| x.get_ref().clone());
    let tipo = s(&n.tipo).unwrap_or_default();
    let codigo = match (&n.numero, &n.anio, &n.emisor) {
        (Some(num), Some(anio), Some(emisor)) if tipo != "otro" => format!(
            "{tipo} N° {}-{}-{}",
            num.get_ref(),
            anio.get_ref(),
            emisor.get_ref()
        ),
        (Some(num), _, _) if tipo != "otro" => format!("{tipo} N° {}", num.get_ref()),
        _ => s(&n.detalle).or_else(|| s(&n.titulo)).unwrap_or(tipo),
    };
    let titulo = s(&n.titulo).filter(|t| *t != codigo);
    Norma {
        codigo,
        titulo,
        url: s(&n.url),
    }
}

fn reference(r: &super::model::Referencia) -> String {
    let mut parts = Vec::new();
    if let Some(autor) = &r.autor {
        parts.push(format!("{}.", autor.get_ref().trim_end_matches('.')));
    }
    if let Some(anio) = &r.anio {
        parts.push(format!("({}).", anio.get_ref()));
    }
    parts.push(format!("{}.", r.titulo.get_ref().trim_end_matches('.')));
    if let Some(editorial) = &r.editorial {
        parts.push(format!("{}.", editorial.get_ref().trim_end_matches('.')));
    }
    if let Some(url) = &r.url {
        parts.push(url.get_ref().clone());
    }
    parts.join(" ")
}

fn budget(p: &super::model::Presupuesto) -> Presupuesto {
    let moneda = p
        .moneda
        .as_ref()
        .map_or("PEN".to_string(), |m| m.get_ref().clone());
    let mut total = 0.0;
    let items = p
        .items
        .iter()
        .map(|item| {
            let i = item.get_ref();
            let cantidad = i.cantidad.as_ref().map_or(0.0, |c| *c.get_ref());
            let unit = i.costo_unitario.as_ref().map_or(0.0, |c| *c.get_ref());
            total += cantidad * unit;
            Item {
                concepto: i
                    .concepto
                    .as_ref()
                    .map_or(String::new(), |c| c.get_ref().clone()),
                cantidad: number(cantidad),
                costo_unitario: money(unit),
                subtotal: money(cantidad * unit),
                fuente: i.fuente.as_ref().map(|f| f.get_ref().clone()),
            }
        })
        .collect();
    Presupuesto {
        descripcion: p.descripcion.as_ref().map(|d| d.get_ref().clone()),
        items,
        total: money(total),
        moneda,
    }
}

fn money(amount: f64) -> String {
    format!("{amount:.2}")
}

fn number(amount: f64) -> String {
    if amount.fract() == 0.0 {
        format!("{amount:.0}")
    } else {
        format!("{amount}")
    }
}

/// The Gantt columns: the school period (March–December by default), widened to any month
/// an activity or visit uses (February planning is common).
fn gantt_months(plan: &Plan) -> Vec<Mes> {
    let mut used: Vec<u8> = active_months(plan);
    let extra = plan
        .actividades
        .iter()
        .flat_map(|a| a.get_ref().meses.iter())
        .chain(plan.visitas.iter().filter_map(|v| v.get_ref().mes.as_ref()))
        .filter_map(|m| month_number(m.get_ref()));
    for month in extra {
        if !used.contains(&month) {
            used.push(month);
        }
    }
    let period = active_months(plan);
    let crosses_new_year = period.windows(2).any(|w| w[1] < w[0]);
    if crosses_new_year {
        // A school year from, say, September to June reads in that order.
        let start = period[0];
        used.sort_by_key(|m| (*m + 12 - start) % 12);
    } else {
        used.sort_unstable();
    }
    used.into_iter()
        .map(|m| Mes {
            token: month_token(m).to_string(),
            nombre: month_name(m).to_string(),
            inicial: month_name(m)
                .chars()
                .next()
                .unwrap_or(' ')
                .to_uppercase()
                .to_string(),
        })
        .collect()
}

/// "11 de marzo de 2024", as plans write it.
fn long_date(date: Fecha) -> String {
    calendar::long_date(date, MonthNames::Peru)
}

pub fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Numbers the sections the plan actually has, in the plan's own order.
fn number_sections(view: &mut PublicPlan) {
    let t = &view.textos;
    let candidates: [(&str, &str, bool); 19] = [
        ("datos", "Datos informativos", true),
        ("presentacion", "Presentación", t.presentacion.is_some()),
        (
            "fundamentacion",
            "Fundamentación",
            t.fundamentacion.is_some(),
        ),
        ("justificacion", "Justificación", t.justificacion.is_some()),
        ("finalidad", "Finalidad", t.finalidad.is_some()),
        (
            "bases-legales",
            "Bases legales",
            !view.bases_legales.is_empty(),
        ),
        (
            "objetivos",
            "Objetivos",
            !(view.objetivos.general.is_empty()
                && view.objetivos.especificos.is_empty()
                && view.objetivos.metas.is_empty()),
        ),
        ("principios", "Principios", !view.principios.is_empty()),
        (
            "estrategias",
            "Estrategias de intervención",
            !view.estrategias.is_empty(),
        ),
        (
            "competencias",
            "Competencias y desempeños priorizados",
            view.enfoque.as_ref().is_some_and(|e| {
                !(e.competencias.is_empty()
                    && e.rubricas.is_empty()
                    && e.cge.is_empty()
                    && e.desempenos_mbdd.is_empty())
            }),
        ),
        ("poblacion", "Población beneficiaria", true),
        (
            "cronograma-visitas",
            "Cronograma de visitas",
            !view.cronograma_visitas.is_empty(),
        ),
        (
            "cronograma-actividades",
            "Cronograma de actividades",
            !view.actividades.is_empty(),
        ),
        (
            "instrumentos",
            "Instrumentos",
            !view.instrumentos.is_empty(),
        ),
        ("presupuesto", "Presupuesto", view.presupuesto.is_some()),
        (
            "requerimientos",
            "Requerimientos",
            !view.requerimientos.is_empty(),
        ),
        (
            "bibliografia",
            "Bibliografía",
            !view.bibliografia.is_empty(),
        ),
        ("anexos", "Anexos", !view.anexos.is_empty()),
        ("firmas", "Firmas", !view.firmas.is_empty()),
    ];
    for (id, titulo, present) in candidates {
        if present {
            let numero = roman(view.secciones.len() + 1);
            view.numeros.insert(id.to_string(), numero.clone());
            view.secciones.push(Seccion {
                id: id.to_string(),
                titulo: titulo.to_string(),
                numero,
            });
        }
    }
}

/// The nine competencies of the Marco de Buen Desempeño Docente (RM N° 0547-2012-ED), short.
const COMPETENCIAS_MBDD: &[&str] = &[
    "Conoce y comprende las características de sus estudiantes y sus contextos, los contenidos que enseña y los enfoques y procesos pedagógicos",
    "Planifica la enseñanza de forma colegiada, con coherencia entre aprendizajes, proceso pedagógico, recursos y evaluación",
    "Crea un clima propicio para el aprendizaje, la convivencia democrática y la vivencia de la diversidad",
    "Conduce el proceso de enseñanza con dominio de los contenidos y el uso de estrategias y recursos pertinentes",
    "Evalúa permanentemente el aprendizaje para tomar decisiones y retroalimentar a estudiantes y comunidad",
    "Participa activamente en la gestión de la escuela y la mejora continua del Proyecto Educativo Institucional",
    "Establece relaciones de respeto, colaboración y corresponsabilidad con las familias y la comunidad",
    "Reflexiona sobre su práctica y desarrolla procesos de aprendizaje continuo, individual y colectivo",
    "Ejerce su profesión desde una ética de respeto de los derechos fundamentales de las personas",
    "Gestiona su desarrollo profesional de manera autónoma (perfil de egreso FID)",
    "Utiliza entornos virtuales en su práctica (perfil de egreso FID)",
    "Investiga aspectos críticos de la práctica docente (perfil de egreso FID)",
];

/// The classroom-observation rubric performances in force since 2018.
const RUBRICAS: &[&str] = &[
    "Involucra activamente a los estudiantes en el proceso de aprendizaje",
    "Promueve el razonamiento, la creatividad y/o el pensamiento crítico",
    "Evalúa el progreso de los aprendizajes para retroalimentar a los estudiantes y adecuar su enseñanza",
    "Propicia un ambiente de respeto y proximidad",
    "Regula positivamente el comportamiento de los estudiantes",
];

/// The 2017 version, with "Maximiza el tiempo dedicado al aprendizaje" as rubric 2.
const RUBRICAS_2017: &[&str] = &[
    "Involucra activamente a los estudiantes en el proceso de aprendizaje",
    "Maximiza el tiempo dedicado al aprendizaje",
    "Promueve el razonamiento, la creatividad y/o el pensamiento crítico",
    "Evalúa el progreso de los aprendizajes para retroalimentar a los estudiantes y adecuar su enseñanza",
    "Propicia un ambiente de respeto y proximidad",
    "Regula positivamente el comportamiento de los estudiantes",
];

/// Compromisos de Gestión Escolar (DS N° 006-2021-MINEDU).
const CGE: &[&str] = &[
    "Desarrollo integral de las y los estudiantes",
    "Acceso de las y los estudiantes al sistema educativo hasta la culminación de su trayectoria",
    "Gestión de las condiciones operativas orientada al sostenimiento del servicio educativo",
    "Gestión de la práctica pedagógica orientada al logro de aprendizajes",
    "Gestión del bienestar escolar que promueva el desarrollo integral de las y los estudiantes",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_to_initials() {
        assert_eq!(initials("Julio César Apaza Nina"), "J. C. A. N.");
        assert_eq!(initials("ángel  ruiz"), "Á. R.");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(19), "XIX");
    }
}
