//! The `pmap/1` plan file as written: serde structs mirroring the TOML, with spans where a
//! rule may need to point at a value.
//!
//! Everything is optional here. Required keys, enumerations, month tokens and codes are
//! checked by `validate`, so each problem gets its rule code and a message in Spanish
//! instead of serde's first-error-only English.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};
use toml::Spanned;

type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub esquema: Option<S<String>>,
    pub id: Option<S<String>>,
    pub titulo: Option<S<String>>,
    pub lema: Option<S<String>>,
    pub pais: Option<S<String>>,
    pub anio: Option<S<i64>>,
    pub denominacion_anio: Option<S<String>>,
    pub decenio: Option<S<String>>,
    pub lugar: Option<S<String>>,
    pub fecha_elaboracion: Option<S<Fecha>>,
    pub estado: Option<S<String>>,
    pub ambito: Option<S<String>>,
    pub modalidad_atencion: Option<S<String>>,
    pub periodo: Option<S<Periodo>>,
    pub aprobacion: Option<S<Aprobacion>>,
    pub institucion: Option<S<Institucion>>,
    #[serde(default)]
    pub equipo: Vec<S<Miembro>>,
    pub textos: Option<Textos>,
    pub objetivos: Option<Objetivos>,
    #[serde(default)]
    pub principios: Vec<Principio>,
    #[serde(default)]
    pub bases_legales: Vec<S<Norma>>,
    #[serde(default)]
    pub estrategias: Vec<S<Estrategia>>,
    pub enfoque: Option<Enfoque>,
    pub poblacion: Option<Poblacion>,
    pub privacidad: Option<Privacidad>,
    #[serde(default)]
    pub docentes: Vec<S<Docente>>,
    #[serde(default)]
    pub visitas: Vec<S<Visita>>,
    #[serde(default)]
    pub actividades: Vec<S<Actividad>>,
    #[serde(default)]
    pub instrumentos: Vec<S<Instrumento>>,
    pub presupuesto: Option<Presupuesto>,
    #[serde(default)]
    pub requerimientos: Vec<Requerimiento>,
    #[serde(default)]
    pub bibliografia: Vec<Referencia>,
    #[serde(default)]
    pub anexos: Vec<S<Anexo>>,
    #[serde(default)]
    pub firmas: Vec<S<Firma>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periodo {
    pub inicio: Option<S<Fecha>>,
    pub fin: Option<S<Fecha>>,
    #[serde(default)]
    pub semanas_gestion: Vec<S<Intervalo>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intervalo {
    pub inicio: S<Fecha>,
    pub fin: S<Fecha>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aprobacion {
    pub documento: Option<S<String>>,
    pub numero: Option<S<String>>,
    pub fecha: Option<S<Fecha>>,
    pub folios: Option<S<i64>>,
    pub opinion_conei: Option<bool>,
    #[serde(default)]
    pub considerandos: Vec<S<String>>,
    #[serde(default)]
    pub articulos: Vec<S<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Institucion {
    pub numero: Option<S<String>>,
    pub nombre: Option<S<String>>,
    pub tipo: Option<S<String>>,
    #[serde(default)]
    pub niveles: Vec<S<String>>,
    pub modalidad: Option<S<String>>,
    pub modelo_servicio: Option<S<String>>,
    pub caracteristica: Option<S<String>>,
    #[serde(default)]
    pub turnos: Vec<S<String>>,
    pub gestion: Option<S<String>>,
    pub area: Option<S<String>>,
    pub dre: Option<S<String>>,
    pub ugel: Option<S<String>>,
    pub red_educativa: Option<S<String>>,
    pub region: Option<S<String>>,
    pub provincia: Option<S<String>>,
    pub distrito: Option<S<String>>,
    pub centro_poblado: Option<S<String>>,
    pub direccion: Option<S<String>>,
    pub altitud_msnm: Option<S<i64>>,
    /// Kept as a raw value: an integer here has lost its leading zeros (rule E5).
    pub codigo_local: Option<S<toml::Value>>,
    #[serde(default)]
    pub codigos_modulares: BTreeMap<String, S<toml::Value>>,
    #[serde(default)]
    pub lenguas: Vec<S<String>>,
    pub contacto: Option<Contacto>,
    pub detalle: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacto {
    pub telefono: Option<S<String>>,
    pub correo: Option<S<String>>,
    pub web: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Miembro {
    pub id: Option<S<String>>,
    pub nombre: Option<S<String>>,
    pub cargo: Option<S<String>>,
    #[serde(default)]
    pub firma: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Textos {
    pub presentacion: Option<S<String>>,
    pub fundamentacion: Option<S<String>>,
    pub justificacion: Option<S<String>>,
    pub finalidad: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objetivos {
    #[serde(default)]
    pub general: Vec<S<String>>,
    #[serde(default)]
    pub especificos: Vec<S<String>>,
    #[serde(default)]
    pub metas: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principio {
    pub nombre: S<String>,
    pub descripcion: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norma {
    pub tipo: Option<S<String>>,
    pub numero: Option<S<String>>,
    pub anio: Option<S<i64>>,
    pub emisor: Option<S<String>>,
    pub titulo: Option<S<String>>,
    pub detalle: Option<S<String>>,
    pub url: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estrategia {
    pub tipo: Option<S<String>>,
    pub nombre: Option<S<String>>,
    pub descripcion: Option<S<String>>,
    pub modalidad: Option<S<String>>,
    pub frecuencia: Option<S<String>>,
    pub guia: Option<S<String>>,
    pub detalle: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enfoque {
    pub marco: Option<S<String>>,
    pub marco_rubricas: Option<S<String>>,
    #[serde(default)]
    pub competencias_mbdd: Vec<S<i64>>,
    #[serde(default)]
    pub desempenos_mbdd: Vec<S<i64>>,
    #[serde(default)]
    pub rubricas: Vec<S<i64>>,
    #[serde(default)]
    pub cge: Vec<S<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Poblacion {
    pub directivos: Option<S<toml::Value>>,
    pub docentes: Option<S<toml::Value>>,
    pub estudiantes: Option<S<toml::Value>>,
    pub familias: Option<S<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacidad {
    pub nombres_docentes: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docente {
    pub id: Option<S<String>>,
    pub nombre: Option<S<String>>,
    pub nivel_educativo: Option<S<String>>,
    #[serde(default)]
    pub grados: Vec<S<String>>,
    #[serde(default)]
    pub secciones: Vec<S<String>>,
    #[serde(default)]
    pub areas: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visita {
    pub docente: Option<S<String>>,
    pub n: Option<S<i64>>,
    pub fase: Option<S<String>>,
    pub fecha: Option<S<Fecha>>,
    pub mes: Option<S<String>>,
    pub responsable: Option<S<String>>,
    #[serde(default)]
    pub instrumentos: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actividad {
    pub nombre: Option<S<String>>,
    #[serde(default)]
    pub responsables: Vec<S<String>>,
    #[serde(default)]
    pub meses: Vec<S<String>>,
    pub evidencia: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrumento {
    pub tipo: Option<S<String>>,
    pub nombre: Option<S<String>>,
    pub anexo: Option<S<String>>,
    pub detalle: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presupuesto {
    pub moneda: Option<S<String>>,
    pub descripcion: Option<S<String>>,
    #[serde(default)]
    pub items: Vec<S<Item>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub concepto: Option<S<String>>,
    pub cantidad: Option<S<f64>>,
    pub costo_unitario: Option<S<f64>>,
    pub fuente: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requerimiento {
    pub descripcion: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referencia {
    pub autor: Option<S<String>>,
    pub anio: Option<S<i64>>,
    pub titulo: S<String>,
    pub editorial: Option<S<String>>,
    pub url: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anexo {
    pub id: Option<S<String>>,
    pub titulo: Option<S<String>>,
    pub tipo: Option<S<String>>,
    pub url: Option<S<String>>,
    pub contenido: Option<S<String>>,
    #[serde(default = "yes")]
    pub publico: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Firma {
    #[serde(rename = "ref")]
    pub referencia: Option<S<String>>,
}

/// A calendar date (no time). Plans use TOML local dates: `fecha = 2024-04-09`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fecha {
    pub anio: i32,
    pub mes: u8,
    pub dia: u8,
}

impl Fecha {
    pub fn new(anio: i32, mes: u8, dia: u8) -> Option<Fecha> {
        let days_in_month = match mes {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if anio % 4 == 0 && (anio % 100 != 0 || anio % 400 == 0) => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&dia)
            .then_some(Fecha { anio, mes, dia })
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days(self) -> i64 {
        let y = i64::from(self.anio) - i64::from(self.mes <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.mes);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.dia) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u8
    }

    pub fn next_day(self) -> Fecha {
        Fecha::new(self.anio, self.mes, self.dia + 1)
            .or_else(|| Fecha::new(self.anio, self.mes + 1, 1))
            .unwrap_or(Fecha {
                anio: self.anio + 1,
                mes: 1,
                dia: 1,
            })
    }
}

impl fmt::Display for Fecha {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.anio, self.mes, self.dia)
    }
}

impl<'de> Deserialize<'de> for Fecha {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fecha, D::Error> {
        use serde::de::Error;
        let value = toml::value::Datetime::deserialize(deserializer)?;
        let not_a_date = || D::Error::custom("se esperaba una fecha sin hora, como 2024-04-09");
        let date = value
            .date
            .filter(|_| value.time.is_none())
            .ok_or_else(not_a_date)?;
        Fecha::new(i32::from(date.year), date.month, date.day).ok_or_else(not_a_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_and_day_arithmetic() {
        let date = Fecha::new(2024, 4, 9).unwrap();
        assert_eq!(date.weekday(), 2, "9 April 2024 was a Tuesday");
        assert_eq!(Fecha::new(2024, 7, 27).unwrap().weekday(), 6);
        assert_eq!(
            Fecha::new(2024, 2, 29).unwrap().next_day(),
            Fecha::new(2024, 3, 1).unwrap()
        );
        assert_eq!(
            Fecha::new(2024, 12, 31).unwrap().next_day(),
            Fecha::new(2025, 1, 1).unwrap()
        );
        assert!(Fecha::new(2023, 2, 29).is_none());
    }
}
