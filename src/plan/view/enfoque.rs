//! The framework the plan focuses on: competencies of the Marco de Buen Desempeño Docente,
//! observation rubrics and school management commitments, by number and name.

use serde::Serialize;

use super::super::model;
use super::text;

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

pub(super) fn enfoque(e: &model::Enfoque) -> Enfoque {
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
}

/// The nine competencies of the Marco de Buen Desempeño Docente (RM N° 0547-2012-ED), short.
pub(crate) const COMPETENCIAS_MBDD: &[&str] = &[
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
