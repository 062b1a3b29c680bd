//! The closed vocabularies of `pmap/1`: enumerations, norm types, currencies. Month tokens
//! and names are `calendar`'s.
//!
//! Every enumeration also accepts `otro` (with a `detalle`), because plans invent categories.
//! The enumerations senda acts on (`estado`, a visit's `fase`, `nombres_docentes`, a
//! strategy's `tipo`, a follow-up's `fase`) are Rust enums: each value is read once, into a
//! `Token` when the plan is loaded, and rules, the view and the exports match on it. Their
//! Spanish spelling, and the words pages show for them, are written only here. The others
//! are lists of the values a plan may write.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An enumeration of `pmap/1` with its spelling in plans.
pub trait Term: Copy + PartialEq + 'static {
    /// Every value with its spelling, in the order the format lists them.
    const SPELLINGS: &'static [(Self, &'static str)];

    fn parse(text: &str) -> Option<Self> {
        Self::SPELLINGS
            .iter()
            .find(|(_, spelling)| *spelling == text)
            .map(|(value, _)| *value)
    }

    fn spelling(self) -> &'static str {
        Self::SPELLINGS
            .iter()
            .find(|(value, _)| *value == self)
            .map_or("", |(_, spelling)| spelling)
    }

    /// The spellings to offer in an error, `otro` aside: it is always allowed, and offered
    /// apart, with its `detalle`.
    fn listed() -> Vec<&'static str> {
        Self::SPELLINGS
            .iter()
            .map(|(_, spelling)| *spelling)
            .filter(|spelling| *spelling != "otro")
            .collect()
    }
}

/// An enumerated value as the plan writes it, and which value it is, if it is one: read once,
/// when the plan is loaded. A value outside the enumeration is rule E0's to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<T> {
    pub text: String,
    pub value: Option<T>,
}

impl<'de, T: Term> Deserialize<'de> for Token<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Token<T>, D::Error> {
        // As a string is read, so a value of another type gets the same error as before.
        let text = String::deserialize(deserializer)?;
        Ok(Token {
            value: T::parse(&text),
            text,
        })
    }
}

impl<T> fmt::Display for Token<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Declares an enumeration, its spellings, and its serialization as them (so pages, CSS
/// classes and `plan.json` show what the plan wrote).
macro_rules! term {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $spelling:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl Term for $name {
            const SPELLINGS: &'static [($name, &'static str)] = &[$(($name::$variant, $spelling)),+];
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.spelling())
            }
        }
    };
}

term! {
    /// `estado`: where the plan is in its life.
    Estado {
        Borrador = "borrador",
        EnRevision = "en_revision",
        Aprobado = "aprobado",
        EnEjecucion = "en_ejecucion",
        Cerrado = "cerrado",
        Otro = "otro",
    }
}

impl Estado {
    /// As a page shows it: "En revisión".
    pub fn texto(self) -> &'static str {
        match self {
            Estado::Borrador => "Borrador",
            Estado::EnRevision => "En revisión",
            Estado::Aprobado => "Aprobado",
            Estado::EnEjecucion => "En ejecución",
            Estado::Cerrado => "Cerrado",
            Estado::Otro => "Otro",
        }
    }
}

term! {
    /// A visit's `fase`.
    Fase {
        Diagnostico = "diagnostico",
        Proceso = "proceso",
        Salida = "salida",
        Otro = "otro",
    }
}

impl Fase {
    /// As people write it: "diagnóstico".
    pub fn texto(self) -> &'static str {
        match self {
            Fase::Diagnostico => "diagnóstico",
            Fase::Proceso => "proceso",
            Fase::Salida => "salida",
            Fase::Otro => "otro",
        }
    }
}

term! {
    /// `privacidad.nombres_docentes`: how teachers' names are shown on public outputs. It
    /// has no `otro`: a name is shown or it is not.
    NombresDocentes {
        Completo = "completo",
        Iniciales = "iniciales",
        Codigo = "codigo",
    }
}

impl NombresDocentes {
    /// When a plan does not say.
    pub const DEFAULT: NombresDocentes = NombresDocentes::Iniciales;

    /// Whether names are hidden: everything but `completo`.
    pub fn masks(self) -> bool {
        self != NombresDocentes::Completo
    }
}

term! {
    /// A strategy's `tipo`.
    TipoEstrategia {
        VisitaAula = "visita_aula",
        ObservacionPares = "observacion_pares",
        Asesoria = "asesoria",
        Gia = "gia",
        Rtc = "rtc",
        Taller = "taller",
        Microtaller = "microtaller",
        CursoVirtual = "curso_virtual",
        Pasantia = "pasantia",
        JornadaReflexion = "jornada_reflexion",
        DialogoReflexivo = "dialogo_reflexivo",
        Otro = "otro",
    }
}

impl TipoEstrategia {
    /// As a form lists it: "Grupo de interaprendizaje (GIA)".
    pub fn texto(self) -> &'static str {
        match self {
            TipoEstrategia::VisitaAula => "Visita en aula",
            TipoEstrategia::ObservacionPares => "Observación entre pares",
            TipoEstrategia::Asesoria => "Asesoría personalizada",
            TipoEstrategia::Gia => "Grupo de interaprendizaje (GIA)",
            TipoEstrategia::Rtc => "Reunión de trabajo colegiado (RTC)",
            TipoEstrategia::Taller => "Taller",
            TipoEstrategia::Microtaller => "Microtaller",
            TipoEstrategia::CursoVirtual => "Curso virtual",
            TipoEstrategia::Pasantia => "Pasantía",
            TipoEstrategia::JornadaReflexion => "Jornada de reflexión",
            TipoEstrategia::DialogoReflexivo => "Diálogo reflexivo",
            TipoEstrategia::Otro => "Otro",
        }
    }
}

term! {
    /// A follow-up's `fase` in the private file (rule E16): the columns of the planner. It
    /// has no `otro`: the planner has these four columns.
    FaseSeguimiento {
        Diagnostico = "diagnostico",
        Avance1 = "avance_1",
        Avance2 = "avance_2",
        Salida = "salida",
    }
}

pub const AMBITOS: &[&str] = &["ie", "red", "ugel"];
pub const MODALIDADES_ATENCION: &[&str] = &["presencial", "semipresencial", "a_distancia"];
pub const TIPOS_IE: &[&str] = &["IE", "IEI", "IES", "IEP", "CEBA", "CEBE", "PRONOEI"];
pub const NIVELES: &[&str] = &["inicial", "primaria", "secundaria"];
pub const MODALIDADES: &[&str] = &["EBR", "EBA", "EBE"];
pub const MODELOS_SERVICIO: &[&str] = &["JER", "JEC", "multigrado", "unidocente", "EIB"];
pub const GESTIONES: &[&str] = &["publica_directa", "publica_privada", "privada"];
pub const AREAS: &[&str] = &["urbana", "rural"];
pub const MODALIDADES_ESTRATEGIA: &[&str] = &["presencial", "virtual", "hibrida"];
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
