//! The closed vocabularies of `pmap/1`: enumerations, norm types, currencies. Month tokens
//! and names are `calendar`'s.
//! Every enumeration also accepts `otro` (with a `detalle`), because plans invent categories.

pub const ESTADOS: &[&str] = &[
    "borrador",
    "en_revision",
    "aprobado",
    "en_ejecucion",
    "cerrado",
];
pub const AMBITOS: &[&str] = &["ie", "red", "ugel"];
pub const MODALIDADES_ATENCION: &[&str] = &["presencial", "semipresencial", "a_distancia"];
pub const TIPOS_IE: &[&str] = &["IE", "IEI", "IES", "IEP", "CEBA", "CEBE", "PRONOEI"];
pub const NIVELES: &[&str] = &["inicial", "primaria", "secundaria"];
pub const MODALIDADES: &[&str] = &["EBR", "EBA", "EBE"];
pub const MODELOS_SERVICIO: &[&str] = &["JER", "JEC", "multigrado", "unidocente", "EIB"];
pub const GESTIONES: &[&str] = &["publica_directa", "publica_privada", "privada"];
pub const AREAS: &[&str] = &["urbana", "rural"];
pub const ESTRATEGIAS: &[&str] = &[
    "visita_aula",
    "observacion_pares",
    "asesoria",
    "gia",
    "rtc",
    "taller",
    "microtaller",
    "curso_virtual",
    "pasantia",
    "jornada_reflexion",
    "dialogo_reflexivo",
];
pub const MODALIDADES_ESTRATEGIA: &[&str] = &["presencial", "virtual", "hibrida"];
pub const FASES: &[&str] = &["diagnostico", "proceso", "salida"];
pub const INSTRUMENTOS: &[&str] = &[
    "rubricas",
    "ficha_observacion",
    "cuaderno_campo",
    "ficha_monitoreo",
    "lista_cotejo",
    "encuesta",
    "matriz_dialogo",
    "ficha_acuerdos",
    "planificador_individual",
];
pub const ANEXOS: &[&str] = &["enlace", "markdown", "plantilla"];
pub const NORMAS: &[&str] = &["Ley", "DL", "DS", "RM", "RVM", "RSG", "Directiva", "OM"];
pub const NOMBRES_DOCENTES: &[&str] = &["completo", "iniciales", "codigo"];

/// ISO 4217 codes of the currencies plans in Latin America use, and the common others.
pub const CURRENCIES: &[&str] = &[
    "PEN", "USD", "EUR", "CLP", "COP", "MXN", "BOB", "ARS", "BRL", "UYU", "PYG", "VES", "GTQ",
    "HNL", "NIO", "CRC", "PAB", "DOP", "CUP", "GBP", "CAD", "JPY", "CHF",
];

/// The sites a described source is published on, when the description names a known
/// publisher (rule W10): a MINEDU course linked to an unrelated government site is a mistake.
pub fn expected_hosts(described: &str) -> Option<&'static [&'static str]> {
    let text = described.to_lowercase();
    if text.contains("minedu")
        || text.contains("ministerio de educación")
        || text.contains("perueduca")
    {
        Some(&["minedu.gob.pe", "perueduca.pe", "www.gob.pe"])
    } else if text.contains("unesco") {
        Some(&["unesco.org"])
    } else if text.contains("c líder")
        || text.contains("lideres educativos")
        || text.contains("líderes educativos")
    {
        Some(&["celider.cl", "lidereseducativos.cl"])
    } else {
        None
    }
}
