//! The closed vocabularies of `pmap/1`: enumerations, norm types, currencies. Month tokens
//! and names are `calendar`'s.
//!
//! Every enumeration also accepts `otro` (with a `detalle`), because plans invent categories.
//! A value is read in any case and with or without accents (`fold`): `GIA`, `Diagnóstico` and
//! `Primaria` are `gia`, `diagnostico` and `primaria`, and are read into that spelling when the
//! plan is loaded, so rules, pages and exports see only the listed one.
//! The enumerations senda acts on (`estado`, a visit's `fase`, `nombres_docentes`, a
//! strategy's `tipo`, a follow-up's `fase`) are Rust enums: each value is read once, into a
//! `Token` when the plan is loaded, and rules, the view and the exports match on it. Their
//! Spanish spelling, and the words pages show for them, are written only here. The others
//! are lists of the values a plan may write.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use toml::Spanned;

use crate::diag::suggest;

/// The one comparison of a written value with a listed one: case and accents ignored. `ñ`
/// is a letter of its own, not an accented `n`.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect()
}

/// The listed spelling `text` is written as, case and accents aside.
pub fn spelling_in<'a>(text: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let folded = fold(text);
    allowed.iter().find(|a| fold(a) == folded).copied()
}

/// The listed spelling closest to a misspelled `text`, if one is close enough to be a typo;
/// compared folded, so the case of what was written does not hide the match.
pub fn nearest<'a>(text: &str, allowed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let allowed: Vec<(String, &str)> = allowed.into_iter().map(|a| (fold(a), a)).collect();
    let near = suggest(
        &fold(text),
        allowed.iter().map(|(folded, _)| folded.as_str()),
    )?;
    allowed
        .iter()
        .find(|(folded, _)| folded == near)
        .map(|(_, a)| *a)
}

/// An enumeration of `pmap/1` with its spelling in plans.
pub trait Term: Copy + PartialEq + 'static {
    /// Every value with its spelling, in the order the format lists them.
    const SPELLINGS: &'static [(Self, &'static str)];

    /// The value `text` spells, case and accents aside.
    fn parse(text: &str) -> Option<Self> {
        let folded = fold(text);
        Self::SPELLINGS
            .iter()
            .find(|(_, spelling)| fold(spelling) == folded)
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

/// An enumerated value, and which value it is, if it is one: read once, when the plan is
/// loaded. `text` is the value's spelling (`Diagnóstico` is read as `diagnostico`), or what
/// the plan wrote if it is none: a value outside the enumeration is rule E0's to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<T> {
    pub text: String,
    pub value: Option<T>,
}

impl<'de, T: Term> Deserialize<'de> for Token<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Token<T>, D::Error> {
        // As a string is read, so a value of another type gets the same error as before.
        let text = String::deserialize(deserializer)?;
        let value = T::parse(&text);
        Ok(Token {
            text: value.map_or(text, |v| v.spelling().to_string()),
            value,
        })
    }
}

/// A list of the values a plan may write in a field senda does not act on (`niveles`,
/// `institucion.tipo`…), for `model`'s readers `one` and `each`.
pub trait List {
    const VALUES: &'static [&'static str];
    /// Whether `otro` (with a `detalle`) is a value too: it is, but for currencies.
    const OTRO: bool = true;
}

/// The listed spelling of a value, case and accents aside; a value not listed, as written.
fn respelled<L: List>(value: Spanned<String>) -> Spanned<String> {
    let otro: &[&str] = if L::OTRO { &["otro"] } else { &[] };
    let spelling = spelling_in(value.get_ref(), L::VALUES).or(spelling_in(value.get_ref(), otro));
    match spelling {
        Some(spelling) if spelling != value.get_ref() => {
            Spanned::new(value.span(), spelling.to_string())
        }
        _ => value,
    }
}

/// Reads an optional listed value in its listed spelling (`#[serde(default, deserialize_with
/// = "vocab::one::<vocab::Niveles, _>")]`).
pub fn one<'de, L: List, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Spanned<String>>, D::Error> {
    Ok(Option::<Spanned<String>>::deserialize(deserializer)?.map(respelled::<L>))
}

/// Reads a list of listed values, each in its listed spelling.
pub fn each<'de, L: List, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Spanned<String>>, D::Error> {
    let values = Vec::<Spanned<String>>::deserialize(deserializer)?;
    Ok(values.into_iter().map(respelled::<L>).collect())
}

/// Declares the marker types of the lists below, for `one` and `each`.
macro_rules! lists {
    ($($marker:ident = $list:ident),+ $(,)?) => {
        $(
            #[doc = concat!("The values of `", stringify!($list), "`.")]
            pub enum $marker {}
            impl List for $marker {
                const VALUES: &'static [&'static str] = $list;
            }
        )+
    };
}

lists! {
    Ambitos = AMBITOS,
    ModalidadesAtencion = MODALIDADES_ATENCION,
    TiposIe = TIPOS_IE,
    Niveles = NIVELES,
    Modalidades = MODALIDADES,
    ModelosServicio = MODELOS_SERVICIO,
    Gestiones = GESTIONES,
    Areas = AREAS,
    ModalidadesEstrategia = MODALIDADES_ESTRATEGIA,
    Instrumentos = INSTRUMENTOS,
    Anexos = ANEXOS,
    Normas = NORMAS,
}

/// ISO 4217 codes, read in capitals (`pen` is `PEN`); no `otro`: a currency has a code.
pub enum Monedas {}
impl List for Monedas {
    const VALUES: &'static [&'static str] = CURRENCIES;
    const OTRO: bool = false;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::Plan;

    #[test]
    fn folding_ignores_case_and_accents_only() {
        let cases = [
            ("Diagnóstico", "diagnostico"),
            ("GIA", "gia"),
            ("EN_REVISIÓN", "en_revision"),
            ("Pasantía", "pasantia"),
            ("Güemes", "guemes"),
            ("Año", "año"),
            ("a_distancia", "a_distancia"),
        ];
        for (text, folded) in cases {
            assert_eq!(fold(text), folded, "{text}");
        }
    }

    #[test]
    fn terms_are_read_in_any_case_and_accents() {
        let phases: &[(&str, Option<Fase>)] = &[
            ("diagnostico", Some(Fase::Diagnostico)),
            ("diagnóstico", Some(Fase::Diagnostico)),
            ("Diagnóstico", Some(Fase::Diagnostico)),
            ("SALIDA", Some(Fase::Salida)),
            ("Otro", Some(Fase::Otro)),
            ("diagnostic", None),
            ("dia gnostico", None),
        ];
        for (text, expected) in phases {
            assert_eq!(Fase::parse(text), *expected, "{text}");
        }
        assert_eq!(TipoEstrategia::parse("GIA"), Some(TipoEstrategia::Gia));
        assert_eq!(
            TipoEstrategia::parse("Diálogo_Reflexivo"),
            Some(TipoEstrategia::DialogoReflexivo)
        );
        assert_eq!(Estado::parse("En_Revisión"), Some(Estado::EnRevision));
        assert_eq!(
            NombresDocentes::parse("Iniciales"),
            Some(NombresDocentes::Iniciales)
        );
    }

    #[test]
    fn no_two_listed_values_fold_alike() {
        let lists: &[&[&str]] = &[
            AMBITOS,
            MODALIDADES_ATENCION,
            TIPOS_IE,
            NIVELES,
            MODALIDADES,
            MODELOS_SERVICIO,
            GESTIONES,
            AREAS,
            MODALIDADES_ESTRATEGIA,
            INSTRUMENTOS,
            ANEXOS,
            NORMAS,
            CURRENCIES,
        ];
        for list in lists {
            let mut folded: Vec<String> = list.iter().map(|v| fold(v)).collect();
            folded.push("otro".into());
            folded.sort();
            folded.dedup();
            assert_eq!(folded.len(), list.len() + 1, "{list:?}");
        }
    }

    /// A plan's listed values are read into their listed spelling, where they were written.
    #[test]
    fn listed_values_are_read_in_their_listed_spelling() {
        let toml = "ambito = \"IE\"\n[institucion]\ntipo = \"iei\"\nniveles = [\"Primaria\", \"SECUNDARIA\", \"básica\"]\nmodalidad = \"ebr\"\nmodelo_servicio = \"Multigrado\"\ngestion = \"Pública_Directa\"\narea = \"Rural\"\n[[bases_legales]]\ntipo = \"rm\"\n[[estrategias]]\ntipo = \"GIA\"\nmodalidad = \"Híbrida\"\n[[docentes]]\nnivel_educativo = \"Inicial\"\n[[visitas]]\nmes = \"Setiembre\"\nfase = \"Diagnóstico\"\ninstrumentos = [\"Rúbricas\", \"otro\", \"Otro\"]\n[[instrumentos]]\ntipo = \"Ficha_Observación\"\n[[actividades]]\nmeses = [\"OCTUBRE\", \"sep\", \"xx\"]\n[presupuesto]\nmoneda = \"pen\"\n[[anexos]]\ntipo = \"Enlace\"\n";
        let plan: Plan = toml::from_str(toml).unwrap();
        let inst = plan.institucion.as_ref().unwrap().get_ref();
        let text = |v: &Option<Spanned<String>>| v.as_ref().unwrap().get_ref().clone();
        let texts =
            |v: &[Spanned<String>]| v.iter().map(|x| x.get_ref().clone()).collect::<Vec<_>>();
        assert_eq!(text(&plan.ambito), "ie");
        assert_eq!(text(&inst.tipo), "IEI");
        assert_eq!(texts(&inst.niveles), ["primaria", "secundaria", "básica"]);
        assert_eq!(text(&inst.modalidad), "EBR");
        assert_eq!(text(&inst.modelo_servicio), "multigrado");
        assert_eq!(text(&inst.gestion), "publica_directa");
        assert_eq!(text(&inst.area), "rural");
        assert_eq!(text(&plan.bases_legales[0].get_ref().tipo), "RM");
        let estrategia = plan.estrategias[0].get_ref();
        assert_eq!(estrategia.tipo.as_ref().unwrap().get_ref().text, "gia");
        assert_eq!(text(&estrategia.modalidad), "hibrida");
        assert_eq!(text(&plan.docentes[0].get_ref().nivel_educativo), "inicial");
        let visita = plan.visitas[0].get_ref();
        assert_eq!(visita.fase.as_ref().unwrap().get_ref().text, "diagnostico");
        assert_eq!(texts(&visita.instrumentos), ["rubricas", "otro", "otro"]);
        // Months as their tokens; what is no month, as written, for E8.
        assert_eq!(text(&visita.mes), "set");
        assert_eq!(
            texts(&plan.actividades[0].get_ref().meses),
            ["oct", "set", "xx"]
        );
        assert_eq!(
            text(&plan.instrumentos[0].get_ref().tipo),
            "ficha_observacion"
        );
        assert_eq!(text(&plan.presupuesto.as_ref().unwrap().moneda), "PEN");
        assert_eq!(text(&plan.anexos[0].get_ref().tipo), "enlace");
        // Still where the plan wrote it, for the rules' messages.
        let tipo = inst.tipo.as_ref().unwrap();
        assert_eq!(&toml[tipo.span()], "\"iei\"");
    }
}
