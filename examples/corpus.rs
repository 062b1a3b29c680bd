//! Writes a deterministic benchmark corpus: a complete senda site with N guidance pages spread
//! over S sections and P school plans (`pmap/1`), all derived from a seed.
//!
//! ```text
//! cargo run --release --example corpus -- --out DIR --pages N --sections S --plans P --seed K [--theme senda|minimal]
//! ```
//!
//! - Same arguments and seed give byte-identical output.
//! - Pages are `content/seccion-NNN/pagina-NNNNN.md` (numbered from 0, in contiguous blocks:
//!   section `s` holds pages `s*N/S .. (s+1)*N/S`), about 600 words each, with headings, a
//!   list, a table, emphasis and two `@/` links to other pages (one to a heading anchor).
//! - Plans are `content/planes/ie-NNNNN-2024.toml`, valid `pmap/1` without warnings. With
//!   `--plans 0` neither `planes/` nor `estrategias/` is written, so a pages-only corpus is only
//!   Markdown, for comparison with other generators.
//! - `--theme minimal` (the templates in `benches/theme/minimal/`) or `--theme senda` (the
//!   default: a copy of `themes/senda`).
//!
//! Every random choice comes from a SplitMix64 stream keyed by (seed, kind, index), so a page's
//! headings can be recomputed by any other page that links to one of its anchors.

// A tool of its own: it prints, and reads folders directly.
#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: cargo run --release --example corpus -- --out DIR --pages N --sections S --plans P --seed K [--theme senda|minimal]";

const MAX_SECTIONS: usize = 1_000;
const MAX_PAGES: usize = 100_000;
const MAX_PLANS: usize = 100_000;

/// The minimal theme, for comparing senda with other generators on the same templates.
macro_rules! minimal_templates {
    ($($name:literal),*) => {
        [$(($name, include_str!(concat!("../benches/theme/minimal/templates/", $name)))),*]
    };
}
const MINIMAL_TEMPLATES: [(&str, &str); 8] = minimal_templates!(
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "404.html",
    "plan.html",
    "plan_print.html",
    "plans.html"
);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Theme {
    Senda,
    Minimal,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::Senda => "senda",
            Theme::Minimal => "minimal",
        }
    }
}

struct Args {
    out: PathBuf,
    pages: usize,
    sections: usize,
    plans: usize,
    seed: u64,
    theme: Theme,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    match generate(&args) {
        Ok(()) => {
            println!(
                "Wrote {} pages, {} sections, {} plans (seed {}, theme {}) in {:.2} s -> {}",
                args.pages,
                args.sections,
                args.plans,
                args.seed,
                args.theme.name(),
                start.elapsed().as_secs_f64(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// `Ok(None)` for `--help`.
fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let (mut out, mut pages, mut sections, mut plans, mut seed) = (None, None, None, None, None);
    let mut theme = Theme::Senda;
    while let Some(arg) = argv.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| argv.next())
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--pages" => pages = Some(number(&flag, &value()?)?),
            "--sections" => sections = Some(number(&flag, &value()?)?),
            "--plans" => plans = Some(number(&flag, &value()?)?),
            "--seed" => seed = Some(number(&flag, &value()?)?),
            "--theme" => {
                theme = match value()?.as_str() {
                    "senda" => Theme::Senda,
                    "minimal" => Theme::Minimal,
                    other => return Err(format!("unknown theme `{other}`: use senda or minimal")),
                }
            }
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    let missing = |name: &str| format!("missing `--{name}`");
    let args = Args {
        out: out.ok_or_else(|| missing("out"))?,
        pages: pages.ok_or_else(|| missing("pages"))? as usize,
        sections: sections.ok_or_else(|| missing("sections"))? as usize,
        plans: plans.ok_or_else(|| missing("plans"))? as usize,
        seed: seed.ok_or_else(|| missing("seed"))?,
        theme,
    };
    if args.pages > MAX_PAGES {
        return Err(format!("at most {MAX_PAGES} pages (5-digit file names)"));
    }
    if args.sections > MAX_SECTIONS {
        return Err(format!(
            "at most {MAX_SECTIONS} sections (3-digit folder names)"
        ));
    }
    if args.plans > MAX_PLANS {
        return Err(format!("at most {MAX_PLANS} plans (5-digit ids)"));
    }
    if args.pages > 0 && args.sections == 0 {
        return Err("pages need at least one section".into());
    }
    Ok(Some(args))
}

fn number(flag: &str, text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("`{flag}` needs a whole number, not `{text}`"))
}

// ---- Output ------------------------------------------------------------------------------------

fn generate(args: &Args) -> Result<(), String> {
    prepare_out(&args.out)?;
    let content = args.out.join("content");
    create_dir(&content)?;
    let mut buf = String::with_capacity(64 * 1024);

    site_toml(&mut buf, args);
    write_file(&args.out.join("site.toml"), &buf)?;
    write_theme(args)?;

    home(&mut buf, args);
    write_file(&content.join("_index.md"), &buf)?;

    let mut path = String::with_capacity(128);
    let ascii = ascii_words();
    for s in 0..args.sections {
        let dir = content.join(format!("seccion-{s:03}"));
        create_dir(&dir)?;
        section(&mut buf, args.seed, s);
        write_file(&dir.join("_index.md"), &buf)?;
        let (first, end) = section_pages(s, args.pages, args.sections);
        for p in first..end {
            debug_assert_eq!(section_of(p, args.pages, args.sections), s);
            page(&mut buf, args, &ascii, p, p - first);
            path.clear();
            let _ = write!(path, "pagina-{p:05}.md");
            write_file(&dir.join(&path), &buf)?;
        }
    }

    if args.plans > 0 {
        let estrategias = content.join("estrategias");
        create_dir(&estrategias)?;
        write_file(&estrategias.join("_index.md"), ESTRATEGIAS_INDEX)?;
        write_file(&estrategias.join("visita-en-aula.md"), VISITA_EN_AULA)?;
        let planes = content.join("planes");
        create_dir(&planes)?;
        write_file(&planes.join("_index.md"), PLANES_INDEX)?;
        for i in 0..args.plans {
            plan(&mut buf, args.seed, i);
            path.clear();
            let _ = write!(path, "ie-{i:05}-2024.toml");
            write_file(&planes.join(&path), &buf)?;
        }
    }
    Ok(())
}

/// Creates `out`, or accepts it when it is an empty folder.
fn prepare_out(out: &Path) -> Result<(), String> {
    match fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                Err(format!(
                    "{} exists and is not empty: choose a new folder",
                    out.display()
                ))
            } else {
                Ok(())
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))
        }
        Err(e) => Err(format!("cannot use {}: {e}", out.display())),
    }
}

fn create_dir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn write_theme(args: &Args) -> Result<(), String> {
    let dest = args.out.join("themes").join(args.theme.name());
    match args.theme {
        Theme::Minimal => {
            let templates = dest.join("templates");
            create_dir(&templates)?;
            for (name, text) in MINIMAL_TEMPLATES {
                write_file(&templates.join(name), text)?;
            }
            Ok(())
        }
        Theme::Senda => {
            let source = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes")
                .join("senda");
            copy_tree(&source, &dest)
        }
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    create_dir(to)?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| {
                format!(
                    "cannot copy {} to {}: {e}",
                    entry.path().display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}

// ---- Random numbers ----------------------------------------------------------------------------

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The kinds of streams: one independent sequence per (kind, index).
const HEADINGS: u64 = 1;
const PAGE: u64 = 2;
const SECTION: u64 = 3;
const PLAN: u64 = 4;
const HOME: u64 = 5;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, kind: u64, index: usize) -> Rng {
        Rng(mix(
            seed ^ mix(kind.wrapping_mul(GOLDEN) ^ mix(index as u64))
        ))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Between `lo` and `hi` distinct indices of `0..n`, in increasing order.
    fn subset_of(&mut self, n: usize, lo: usize, hi: usize) -> Vec<usize> {
        let k = self.range(lo, hi);
        self.subset(n, k)
    }

    /// `k` distinct indices of `0..n`, in increasing order.
    fn subset(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all.sort_unstable();
        all
    }
}

// ---- Text --------------------------------------------------------------------------------------

#[rustfmt::skip]
const FUNCTION_WORDS: [&str; 24] = [
    "de", "la", "el", "en", "y", "con", "para", "los", "las", "del", "que", "se", "por", "una",
    "un", "al", "su", "sus", "como", "desde", "entre", "sobre", "cada", "durante",
];

#[rustfmt::skip]
const WORDS: [&str; 213] = [
    "acompañamiento", "monitoreo", "docente", "docentes", "estudiante", "estudiantes",
    "aprendizaje", "aprendizajes", "enseñanza", "aula", "escuela", "institución", "comunidad",
    "familia", "familias", "práctica", "pedagógica", "pedagógico", "reflexión", "reflexiva",
    "diálogo", "visita", "visitas", "observación", "rúbrica", "rúbricas", "evidencia",
    "evidencias", "competencia", "competencias", "desempeño", "desempeños", "evaluación",
    "formativa", "retroalimentación", "planificación", "sesión", "sesiones", "unidad", "proyecto",
    "proyectos", "estrategia", "estrategias", "recurso", "recursos", "material", "materiales",
    "lectura", "escritura", "matemática", "ciencia", "comunicación", "tutoría", "convivencia",
    "liderazgo", "gestión", "directivo", "directora", "equipo", "colegiado", "trabajo", "grupo",
    "interaprendizaje", "taller", "talleres", "jornada", "asesoría", "mentoría", "pares",
    "compromiso", "compromisos", "acuerdo", "acuerdos", "mejora", "meta", "metas", "objetivo",
    "objetivos", "indicador", "indicadores", "logro", "logros", "nivel", "niveles", "proceso",
    "procesos", "inicio", "cierre", "salida", "diagnóstico", "ciclo", "grado", "sección", "área",
    "currículo", "nacional", "enfoque", "intercultural", "inclusivo", "ambiental", "ciudadano",
    "crítico", "creativo", "autónomo", "colaborativo", "participativo", "significativo",
    "pertinente", "oportuno", "contextualizado", "situación", "significativa", "reto", "retos",
    "pregunta", "preguntas", "respuesta", "criterio", "criterios", "instrumento", "instrumentos",
    "ficha", "registro", "cuaderno", "campo", "portafolio", "producto", "productos", "informe",
    "cronograma", "calendario", "semana", "mes", "bimestre", "trimestre", "año", "escolar",
    "rural", "urbana", "multigrado", "bilingüe", "lengua", "materna", "oralidad", "juego",
    "movimiento", "arte", "cultura", "territorio", "saberes", "pensamiento", "razonamiento",
    "problema", "problemas", "solución", "argumento", "indagación", "investigación", "análisis",
    "síntesis", "lógica", "secuencia", "didáctica", "didácticas", "orientación", "orientaciones",
    "guía", "guías", "norma", "normas", "responsabilidad", "respeto", "confianza",
    "horizontalidad", "empatía", "escucha", "activa", "clima", "emocional", "bienestar",
    "motivación", "interés", "participación", "atención", "diversidad", "necesidades", "inclusión",
    "equidad", "calidad", "resultado", "resultados", "progreso", "avance", "avances", "apoyo",
    "soporte", "asistencia", "técnica", "formación", "continua", "capacitación", "experiencia",
    "experiencias", "buenas", "prácticas", "innovación", "cambio", "transformación", "propósito",
    "sentido", "valor", "valores", "identidad",
];

/// Writes `word` with its first letter in upper case.
fn capitalized(buf: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        buf.extend(first.to_uppercase());
        buf.push_str(chars.as_str());
    }
}

/// Writes `n` words of running text (no final period); returns `n`.
fn words(buf: &mut String, rng: &mut Rng, n: usize, capital: bool, decorate: bool) -> usize {
    let mut previous_content = false;
    for i in 0..n {
        if i > 0 {
            buf.push(' ');
        }
        let function = i > 0 && i + 1 < n && previous_content && rng.chance(40);
        let word = if function {
            rng.pick(&FUNCTION_WORDS)
        } else {
            rng.pick(&WORDS)
        };
        previous_content = !function;
        let mark = if decorate && !function {
            match rng.below(100) {
                0..=2 => "*",
                3 => "**",
                _ => "",
            }
        } else {
            ""
        };
        buf.push_str(mark);
        if i == 0 && capital {
            capitalized(buf, word);
        } else {
            buf.push_str(word);
        }
        buf.push_str(mark);
        if decorate && i + 1 < n && !function && rng.chance(7) {
            buf.push(',');
        }
    }
    n
}

fn sentence(buf: &mut String, rng: &mut Rng) -> usize {
    let n = rng.range(7, 16);
    words(buf, rng, n, true, true);
    buf.push('.');
    n
}

/// A paragraph of 3 to 6 sentences, without the final blank line.
fn paragraph(buf: &mut String, rng: &mut Rng) -> usize {
    let mut count = 0;
    for i in 0..rng.range(3, 6) {
        if i > 0 {
            buf.push(' ');
        }
        count += sentence(buf, rng);
    }
    count
}

/// Writes `text` as a TOML basic string.
fn toml_str(buf: &mut String, text: &str) {
    buf.push('"');
    for c in text.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\n' => buf.push_str("\\n"),
            _ => buf.push(c),
        }
    }
    buf.push('"');
}

/// A title of `lo..=hi` words, generated in a scratch string.
fn title(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let mut text = String::with_capacity(64);
    let n = rng.range(lo, hi);
    words(&mut text, rng, n, true, false);
    text
}

// ---- Pages -------------------------------------------------------------------------------------

/// The pages of section `s`: `s*N/S .. (s+1)*N/S`.
fn section_pages(s: usize, pages: usize, sections: usize) -> (usize, usize) {
    (s * pages / sections, (s + 1) * pages / sections)
}

/// The section holding page `p`: the largest `s` with `s*N/S <= p`.
fn section_of(p: usize, pages: usize, sections: usize) -> usize {
    ((p + 1) * sections - 1) / pages
}

struct Heading {
    level: usize,
    text: String,
    id: String,
}

/// A page's headings, from its own stream so that linking pages can recompute them. Heading
/// words are ASCII, so the id is the words in lower case joined by `-`; ids are unique.
fn headings(seed: u64, p: usize, ascii: &[&'static str]) -> Vec<Heading> {
    let mut rng = Rng::new(seed, HEADINGS, p);
    let count = rng.range(3, 5);
    let mut list: Vec<Heading> = Vec::with_capacity(count);
    while list.len() < count {
        let level = if list.is_empty() || rng.chance(60) {
            2
        } else {
            3
        };
        let n = rng.range(2, 4);
        let mut text = String::with_capacity(48);
        let mut id = String::with_capacity(48);
        for i in 0..n {
            let mut word = rng.pick(ascii);
            while id.split('-').any(|w| w == word) {
                word = rng.pick(ascii);
            }
            if i == 0 {
                capitalized(&mut text, word);
            } else {
                text.push(' ');
                text.push_str(word);
                id.push('-');
            }
            id.push_str(word);
        }
        if list.iter().all(|h| h.id != id) {
            list.push(Heading { level, text, id });
        }
    }
    list
}

/// Another page than `p`, at random.
fn other_page(rng: &mut Rng, p: usize, pages: usize) -> usize {
    let q = rng.below(pages - 1);
    if q >= p { q + 1 } else { q }
}

fn page_link(buf: &mut String, args: &Args, q: usize) {
    let s = section_of(q, args.pages, args.sections);
    let _ = write!(buf, "@/seccion-{s:03}/pagina-{q:05}.md");
}

/// Writes page `p`, the `k`-th of its section.
fn page(buf: &mut String, args: &Args, ascii: &[&'static str], p: usize, k: usize) {
    let mut rng = Rng::new(args.seed, PAGE, p);
    let heads = headings(args.seed, p, ascii);
    buf.clear();
    buf.push_str("+++\ntitle = ");
    let t = title(&mut rng, 3, 6);
    toml_str(buf, &t);
    buf.push_str("\ndescription = ");
    let mut d = title(&mut rng, 8, 14);
    d.push('.');
    toml_str(buf, &d);
    let (month, day) = (rng.range(1, 12), rng.range(1, 28));
    let _ = write!(
        buf,
        "\ndate = 2024-{month:02}-{day:02}\nweight = {}\n+++\n\n",
        (k + 1) * 10
    );

    let target = rng.range(520, 600);
    let parts = heads.len() + 1;
    let list_at = rng.below(heads.len());
    let table_at = (list_at + 1 + rng.below(heads.len() - 1)) % heads.len();
    let anchor_at = rng.below(heads.len());

    // Introduction, ending with the plain link.
    let mut count = paragraph(buf, &mut rng);
    buf.push_str(" Consulte también [");
    let n = rng.range(2, 4);
    count += 2 + words(buf, &mut rng, n, false, false);
    buf.push_str("](");
    if args.pages > 1 {
        let q = other_page(&mut rng, p, args.pages);
        page_link(buf, args, q);
    } else {
        buf.push_str("@/_index.md");
    }
    buf.push_str(").\n\n");
    while count < target / parts {
        count += paragraph(buf, &mut rng);
        buf.push_str("\n\n");
    }

    for (i, h) in heads.iter().enumerate() {
        for _ in 0..h.level {
            buf.push('#');
        }
        let _ = write!(buf, " {}\n\n", h.text);
        count += paragraph(buf, &mut rng);
        if i == anchor_at {
            buf.push_str(" Más detalles en [");
            let n = rng.range(2, 4);
            count += 3 + words(buf, &mut rng, n, false, false);
            buf.push_str("](");
            if args.pages > 1 {
                let q = other_page(&mut rng, p, args.pages);
                let target_heads = headings(args.seed, q, ascii);
                page_link(buf, args, q);
                let _ = write!(buf, "#{}", target_heads[rng.below(target_heads.len())].id);
            } else {
                let _ = write!(buf, "#{}", heads[0].id);
            }
            buf.push_str(").");
        }
        buf.push_str("\n\n");
        if i == list_at {
            for _ in 0..rng.range(3, 6) {
                buf.push_str("- ");
                let n = rng.range(4, 10);
                count += words(buf, &mut rng, n, true, true);
                buf.push_str(".\n");
            }
            buf.push('\n');
        }
        if i == table_at {
            count += table(buf, &mut rng);
        }
        while count < target * (i + 2) / parts {
            count += paragraph(buf, &mut rng);
            buf.push_str("\n\n");
        }
    }
    // One trailing newline.
    while buf.ends_with("\n\n") {
        buf.pop();
    }
}

const TABLE_HEADERS: [[&str; 3]; 4] = [
    ["Aspecto", "Nivel", "Docentes"],
    ["Estrategia", "Frecuencia", "Sesiones"],
    ["Competencia", "Logro", "Estudiantes"],
    ["Instrumento", "Fase", "Visitas"],
];
const TABLE_LEVELS: [&str; 6] = ["I", "II", "III", "IV", "inicio", "proceso"];

fn table(buf: &mut String, rng: &mut Rng) -> usize {
    let [a, b, c] = rng.pick(&TABLE_HEADERS);
    let _ = writeln!(buf, "| {a} | {b} | {c} |\n|---|---|---:|");
    let mut count = 3;
    for _ in 0..rng.range(3, 5) {
        buf.push_str("| ");
        count += words(buf, rng, 2, true, false);
        let _ = writeln!(
            buf,
            " | {} | {} |",
            rng.pick(&TABLE_LEVELS),
            rng.range(1, 60)
        );
        count += 2;
    }
    buf.push('\n');
    count
}

fn ascii_words() -> Vec<&'static str> {
    WORDS.iter().copied().filter(|w| w.is_ascii()).collect()
}

fn section_title(seed: u64, s: usize) -> String {
    title(&mut Rng::new(seed, SECTION, s), 2, 4)
}

fn section(buf: &mut String, seed: u64, s: usize) {
    let mut rng = Rng::new(seed, SECTION, s);
    let t = title(&mut rng, 2, 4);
    debug_assert_eq!(t, section_title(seed, s));
    buf.clear();
    buf.push_str("+++\ntitle = ");
    toml_str(buf, &t);
    buf.push_str("\ndescription = ");
    let mut d = title(&mut rng, 8, 14);
    d.push('.');
    toml_str(buf, &d);
    let _ = write!(buf, "\nweight = {}\n+++\n\n", (s + 1) * 10);
    paragraph(buf, &mut rng);
    buf.push('\n');
}

fn home(buf: &mut String, args: &Args) {
    let mut rng = Rng::new(args.seed, HOME, 0);
    buf.clear();
    buf.push_str("+++\ntitle = \"Inicio\"\ndescription = \"Corpus de prueba generado para medir senda.\"\n+++\n\n");
    paragraph(buf, &mut rng);
    buf.push_str("\n\n");
    for s in 0..args.sections {
        let _ = writeln!(
            buf,
            "- [{}](@/seccion-{s:03}/_index.md)",
            section_title(args.seed, s)
        );
    }
    if args.plans > 0 {
        buf.push_str("- [Planes de monitoreo](@/planes/_index.md)\n");
    }
}

fn site_toml(buf: &mut String, args: &Args) {
    buf.clear();
    let _ = write!(
        buf,
        "# Generated by `cargo run --release --example corpus -- --pages {} --sections {} --plans {} --seed {} --theme {}`.\n\
         title = \"Corpus de prueba de senda\"\n\
         base_url = \"https://example.org/\"\n\
         language = \"es-PE\"\n\
         theme = \"{}\"\n",
        args.pages,
        args.sections,
        args.plans,
        args.seed,
        args.theme.name(),
        args.theme.name()
    );
}

const ESTRATEGIAS_INDEX: &str = "+++
title = \"Estrategias\"
description = \"Estrategias de acompañamiento pedagógico.\"
+++

Las estrategias con las que los planes acompañan a sus docentes.
";

const VISITA_EN_AULA: &str = "+++
title = \"Visita en aula\"
description = \"Cómo se prepara, se realiza y se cierra una visita en aula.\"
weight = 10
+++

La visita en aula observa una sesión completa y termina con un diálogo reflexivo.

## Antes de la visita

Se acuerda la fecha con la o el docente y se revisa su planificación.

## Durante la visita

Se observa la sesión con las rúbricas y se registran evidencias en el cuaderno de campo.

## Diálogo reflexivo

Se conversa sobre lo observado y se acuerdan compromisos de mejora.
";

const PLANES_INDEX: &str = "+++
title = \"Planes de monitoreo\"
description = \"Planes de monitoreo y acompañamiento pedagógico de las instituciones educativas (datos ficticios).\"
+++

Planes de monitoreo y acompañamiento pedagógico generados para las pruebas de rendimiento.
Las instituciones y las personas son ficticias.
";

// ---- Plans -------------------------------------------------------------------------------------

/// DRE, UGEL, region, province, district, native language (if any), phone area code.
type Place = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

#[rustfmt::skip]
const PLACES: [Place; 10] = [
    ("DRE Puno", "UGEL Chucuito", "Puno", "Chucuito", "Juli", Some("aimara"), "051"),
    ("DRE Puno", "UGEL El Collao", "Puno", "El Collao", "Ilave", Some("aimara"), "051"),
    ("DRE Cusco", "UGEL Canchis", "Cusco", "Canchis", "Sicuani", Some("quechua"), "084"),
    ("DRE Ayacucho", "UGEL Huamanga", "Ayacucho", "Huamanga", "Ayacucho", Some("quechua"), "066"),
    ("DRE Junín", "UGEL Huancayo", "Junín", "Huancayo", "El Tambo", None, "064"),
    ("DRE Lima Metropolitana", "UGEL 03", "Lima", "Lima", "Breña", None, "01"),
    ("DRE Piura", "UGEL Sullana", "Piura", "Sullana", "Bellavista", None, "073"),
    ("DRE Cajamarca", "UGEL Chota", "Cajamarca", "Chota", "Chota", None, "076"),
    ("DRE Loreto", "UGEL Maynas", "Loreto", "Maynas", "Iquitos", None, "065"),
    ("DRE La Libertad", "UGEL Trujillo Nor Oeste", "La Libertad", "Trujillo", "La Esperanza", None, "044"),
];

#[rustfmt::skip]
const SCHOOLS: [&str; 20] = [
    "Nueva Esperanza", "Santa Rosa", "Virgen del Carmen", "Los Andes", "San Juan Bautista",
    "Señor de los Milagros", "Amauta", "Sagrado Corazón", "Los Pioneros", "Virgen de Fátima",
    "San Martín de Porres", "Micaela Bastidas", "José Olaya", "Horizonte", "Sol Naciente",
    "Flor de Retama", "Nuevo Amanecer", "Los Laureles", "Miraflores Alto", "Inmaculada Concepción",
];

#[rustfmt::skip]
const WOMEN: [&str; 30] = [
    "Ana", "María", "Rosa", "Carmen", "Lucía", "Elena", "Julia", "Sonia", "Gladys", "Norma",
    "Ruth", "Flor", "Marisol", "Yolanda", "Nélida", "Luz", "Maribel", "Edith", "Roxana", "Silvia",
    "Patricia", "Irma", "Olga", "Delia", "Betty", "Zulema", "Aurora", "Fany", "Hilda", "Vilma",
];

#[rustfmt::skip]
const MEN: [&str; 30] = [
    "Juan", "José", "Luis", "Carlos", "Jorge", "Julio", "César", "Wilber", "Edwin", "Raúl",
    "Víctor", "Hugo", "Walter", "Fredy", "Néstor", "Rubén", "Alberto", "Efraín", "Mario", "Percy",
    "Óscar", "Rolando", "Elmer", "Teófilo", "Grimaldo", "Saúl", "Marco", "Iván", "Ángel", "Germán",
];

#[rustfmt::skip]
const SURNAMES: [&str; 50] = [
    "Quispe", "Mamani", "Huamán", "Condori", "Apaza", "Ticona", "Vilca", "Pari", "Nina", "Flores",
    "Rojas", "Chávez", "Ramos", "Torres", "Mendoza", "Gutiérrez", "Cárdenas", "Huarachi", "Ccama",
    "Choque", "Cruz", "Díaz", "Vargas", "Salazar", "Paredes", "Castillo", "Espinoza", "Pinedo",
    "Sánchez", "Aguilar", "Lozano", "Rengifo", "Panduro", "Tello", "Soto", "Medina", "Zapata",
    "Carhuamaca", "Yupanqui", "Huanca", "Calle", "Coaquira", "Arévalo", "Tapia", "Ordóñez",
    "Chuquimia", "Inga", "Poma", "Lazo", "Romero",
];

/// A fictitious full name; `true` when it is a woman's.
fn person(rng: &mut Rng) -> (String, bool) {
    let woman = rng.chance(60);
    let given = if woman { &WOMEN } else { &MEN };
    let mut name = String::with_capacity(48);
    name.push_str(rng.pick(given));
    if rng.chance(70) {
        let second = rng.pick(given);
        if !name.starts_with(second) {
            name.push(' ');
            name.push_str(second);
        }
    }
    for _ in 0..2 {
        name.push(' ');
        name.push_str(rng.pick(&SURNAMES));
    }
    (name, woman)
}

/// Activity name, months, evidence.
#[rustfmt::skip]
const ACTIVITIES: [(&str, &[&str], Option<&str>); 18] = [
    ("Elaboración y aprobación del plan de monitoreo y acompañamiento", &["mar"], Some("Plan aprobado con RD")),
    ("Socialización del plan con el personal docente", &["mar"], Some("Acta de reunión")),
    ("Sensibilización a docentes sobre el acompañamiento", &["mar", "abr"], None),
    ("Revisión de la planificación curricular", &["mar", "may", "ago"], Some("Lista de cotejo")),
    ("Visitas en aula y diálogo reflexivo", &["abr", "may", "jun", "jul", "ago", "set", "oct", "nov"], Some("Rúbricas y fichas de acuerdos")),
    ("Grupos de interaprendizaje (GIA)", &["abr", "jun", "ago", "oct"], Some("Actas y lista de asistencia")),
    ("Reuniones de trabajo colegiado (RTC)", &["mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic"], None),
    ("Asesoría personalizada a docentes", &["may", "jul", "set", "nov"], None),
    ("Talleres de fortalecimiento de capacidades", &["may", "set"], Some("Informe del taller")),
    ("Observación entre pares", &["jun", "set"], None),
    ("Microtalleres sobre evaluación formativa", &["jun", "oct"], None),
    ("Día del logro", &["jul", "dic"], None),
    ("Jornada de reflexión sobre resultados de aprendizaje", &["ago", "dic"], None),
    ("Pasantía a una IE con buenas prácticas", &["set"], None),
    ("Encuesta de satisfacción a docentes", &["nov"], Some("Resultados de la encuesta")),
    ("Sistematización de buenas prácticas", &["nov", "dic"], None),
    ("Evaluación del plan de monitoreo", &["dic"], Some("Informe de evaluación")),
    ("Informe de ejecución del plan", &["dic"], Some("Informe a la UGEL")),
];

/// tipo, nombre, modalidad, frecuencia (after the classroom visit, always first).
#[rustfmt::skip]
const STRATEGIES: [(&str, &str, &str, &str); 8] = [
    ("gia", "Grupo de interaprendizaje", "presencial", "bimestral"),
    ("rtc", "Reunión de trabajo colegiado", "presencial", "mensual"),
    ("observacion_pares", "Observación entre pares", "presencial", "2 por docente"),
    ("asesoria", "Asesoría personalizada", "hibrida", "según necesidad"),
    ("taller", "Taller de fortalecimiento", "presencial", "semestral"),
    ("microtaller", "Microtaller de evaluación formativa", "virtual", "trimestral"),
    ("dialogo_reflexivo", "Diálogo reflexivo", "presencial", "después de cada visita"),
    ("curso_virtual", "Curso virtual en PerúEduca", "virtual", "anual"),
];

/// tipo, numero, (anio, emisor), titulo.
type Norm = (
    &'static str,
    &'static str,
    Option<(u32, &'static str)>,
    &'static str,
);

/// Legal bases; the first two are always listed.
#[rustfmt::skip]
const NORMS: [Norm; 8] = [
    ("Ley", "28044", None, "Ley General de Educación"),
    ("RM", "0547", Some((2012, "ED")), "Marco de Buen Desempeño Docente"),
    ("Ley", "29944", None, "Ley de Reforma Magisterial"),
    ("DS", "011", Some((2012, "ED")), "Reglamento de la Ley General de Educación"),
    ("DS", "004", Some((2013, "ED")), "Reglamento de la Ley de Reforma Magisterial"),
    ("RM", "281", Some((2016, "MINEDU")), "Currículo Nacional de la Educación Básica"),
    ("RVM", "094", Some((2020, "MINEDU")), "Norma que regula la evaluación de las competencias de los estudiantes"),
    ("RM", "587", Some((2023, "MINEDU")), "Disposiciones para la prestación del servicio educativo en el año escolar 2024"),
];

/// concepto, cantidad range, unit cost in céntimos.
#[rustfmt::skip]
const BUDGET: [(&str, usize, usize, usize); 5] = [
    ("Impresión de instrumentos", 20, 60, 150),
    ("Fotocopias de rúbricas", 100, 300, 10),
    ("Refrigerio para los GIA", 10, 40, 500),
    ("Papelotes y plumones", 5, 20, 350),
    ("Movilidad local", 2, 10, 1500),
];

#[rustfmt::skip]
const AREAS_SECUNDARIA: [&str; 8] = [
    "Matemática", "Comunicación", "Ciencia y Tecnología", "Ciencias Sociales", "Inglés",
    "Educación Física", "Arte y Cultura", "Educación para el Trabajo",
];

/// Weeks without students (`semanas_gestion`), as (month, day) pairs of 2024.
#[rustfmt::skip]
const GESTION_WEEKS: [((usize, usize), (usize, usize)); 4] =
    [((3, 1), (3, 8)), ((5, 20), (5, 24)), ((7, 22), (8, 2)), ((10, 7), (10, 11))];

/// National holidays of 2024 on weekdays (senda does not check them; real plans avoid them).
#[rustfmt::skip]
const HOLIDAYS: [(usize, usize); 10] = [
    (3, 28), (3, 29), (5, 1), (6, 7), (7, 23), (8, 6), (8, 30), (10, 8), (11, 1), (12, 9),
];

const MONTH_DAYS_2024: [usize; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Day of 2024 counted from 0 (1 January, a Monday).
fn ordinal(month: usize, day: usize) -> usize {
    MONTH_DAYS_2024[..month - 1].iter().sum::<usize>() + day - 1
}

fn month_day(mut ordinal: usize) -> (usize, usize) {
    for (i, days) in MONTH_DAYS_2024.iter().enumerate() {
        if ordinal < *days {
            return (i + 1, ordinal + 1);
        }
        ordinal -= days;
    }
    (12, 31)
}

fn school_day(ordinal_day: usize) -> bool {
    ordinal_day % 7 < 5
        && !GESTION_WEEKS
            .iter()
            .any(|&(a, b)| (ordinal(a.0, a.1)..=ordinal(b.0, b.1)).contains(&ordinal_day))
        && !HOLIDAYS.iter().any(|&(m, d)| ordinal(m, d) == ordinal_day)
}

/// A school day between two dates of 2024, as `(month, day)`.
fn school_day_between(rng: &mut Rng, from: (usize, usize), to: (usize, usize)) -> (usize, usize) {
    let (lo, hi) = (ordinal(from.0, from.1), ordinal(to.0, to.1));
    loop {
        let d = rng.range(lo, hi);
        if school_day(d) {
            return month_day(d);
        }
    }
}

fn weekday_between(rng: &mut Rng, from: (usize, usize), to: (usize, usize)) -> (usize, usize) {
    let (lo, hi) = (ordinal(from.0, from.1), ordinal(to.0, to.1));
    loop {
        let d = rng.range(lo, hi);
        if d % 7 < 5 {
            return month_day(d);
        }
    }
}

fn digits(buf: &mut String, rng: &mut Rng, n: usize) {
    for _ in 0..n {
        buf.push(char::from(b'0' + rng.below(10) as u8));
    }
}

/// A sentence for a plan's texts (Markdown, no emphasis).
fn plain_sentences(rng: &mut Rng, n: usize) -> String {
    let mut text = String::with_capacity(256);
    for i in 0..n {
        if i > 0 {
            text.push(' ');
        }
        let k = rng.range(8, 16);
        words(&mut text, rng, k, true, false);
        text.push('.');
    }
    text
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Levels {
    Inicial,
    Primaria,
    Secundaria,
    PrimariaSecundaria,
}

fn plan(buf: &mut String, seed: u64, i: usize) {
    let mut rng = Rng::new(seed, PLAN, i);
    let r = &mut rng;
    buf.clear();
    let (dre, ugel, region, provincia, distrito, lengua, area_code) = r.pick(&PLACES);
    let school = r.pick(&SCHOOLS);
    let mut numero = String::with_capacity(8);
    digits(&mut numero, r, 5);
    let levels = match r.below(10) {
        0 | 1 => Levels::Inicial,
        2..=6 => Levels::Primaria,
        7 | 8 => Levels::Secundaria,
        _ => Levels::PrimariaSecundaria,
    };
    let teachers = r.range(3, 40);
    let estado = r.pick(&[
        "aprobado",
        "aprobado",
        "aprobado",
        "en_ejecucion",
        "en_ejecucion",
        "cerrado",
        "en_revision",
        "borrador",
    ]);
    let approved = !matches!(estado, "borrador" | "en_revision");
    let rural = lengua.is_some() || r.chance(30);
    let eib = lengua.is_some() && levels != Levels::Secundaria && r.chance(40);

    let _ = write!(
        buf,
        "# Plan generado para pruebas de rendimiento (DATOS FICTICIOS).\n\
         esquema = \"pmap/1\"\n\
         id = \"ie-{i:05}-2024\"\n\
         titulo = \"Plan de Monitoreo y Acompañamiento Pedagógico 2024\"\n\
         lema = \"Acompañamos para aprender mejor\"\n\
         pais = \"PE\"\n\
         anio = 2024\n\
         denominacion_anio = \"Año del Bicentenario, de la consolidación de nuestra Independencia, y de la conmemoración de las heroicas batallas de Junín y Ayacucho\"\n\
         decenio = \"Decenio de la Igualdad de Oportunidades para Mujeres y Hombres\"\n\
         lugar = \"{distrito}\"\n\
         fecha_elaboracion = 2024-03-{:02}\n\
         estado = \"{estado}\"\n\
         ambito = \"ie\"\n\
         modalidad_atencion = \"presencial\"\n\n\
         [periodo]\n\
         inicio = 2024-03-01\n\
         fin = 2024-12-20\n\
         semanas_gestion = [\n",
        r.range(4, 8)
    );
    for ((m1, d1), (m2, d2)) in GESTION_WEEKS {
        let _ = writeln!(
            buf,
            "  {{ inicio = 2024-{m1:02}-{d1:02}, fin = 2024-{m2:02}-{d2:02} }},"
        );
    }
    buf.push_str("]\n\n");

    let ugel_short: String = ugel
        .trim_start_matches("UGEL ")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(4)
        .collect::<String>()
        .to_uppercase();
    if approved {
        let (m, d) = weekday_between(r, (3, 11), (3, 22));
        let _ = write!(
            buf,
            "[aprobacion]\n\
             documento = \"Resolución Directoral\"\n\
             numero = \"RD N° {:03}-2024-IE {numero}/UGEL-{ugel_short}\"\n\
             fecha = 2024-{m:02}-{d:02}\n\
             folios = {}\n\
             opinion_conei = {}\n\
             considerandos = [\n  \"Que, es necesario contar con un instrumento que oriente el monitoreo y acompañamiento de la práctica pedagógica durante el año escolar 2024;\",\n]\n\
             articulos = [\n  \"APROBAR el Plan de Monitoreo y Acompañamiento Pedagógico 2024 de la IE N° {numero} «{school}».\",\n  \"ENCARGAR al equipo directivo su ejecución y evaluación.\",\n]\n\n",
            r.range(1, 60),
            r.range(10, 40),
            r.chance(70)
        );
    }

    let (tipo, niveles): (&str, &[&str]) = match levels {
        Levels::Inicial => ("IEI", &["inicial"]),
        Levels::Primaria => ("IE", &["primaria"]),
        Levels::Secundaria => ("IE", &["secundaria"]),
        Levels::PrimariaSecundaria => ("IE", &["primaria", "secundaria"]),
    };
    let (modelo, caracteristica) = if eib {
        ("EIB", "polidocente completo")
    } else {
        match levels {
            Levels::Primaria if teachers <= 6 => ("multigrado", "polidocente multigrado"),
            Levels::Secundaria | Levels::PrimariaSecundaria if r.chance(50) => {
                ("JEC", "polidocente completo")
            }
            _ => ("JER", "polidocente completo"),
        }
    };
    let _ = write!(
        buf,
        "[institucion]\n\
         numero = \"{numero}\"\n\
         nombre = \"{school}\"\n\
         tipo = \"{tipo}\"\n\
         niveles = [{}]\n\
         modalidad = \"EBR\"\n\
         modelo_servicio = \"{modelo}\"\n\
         caracteristica = \"{caracteristica}\"\n\
         turnos = [{}]\n\
         gestion = \"publica_directa\"\n\
         area = \"{}\"\n\
         dre = \"{dre}\"\n\
         ugel = \"{ugel}\"\n\
         red_educativa = \"Red Educativa {}\"\n\
         region = \"{region}\"\n\
         provincia = \"{provincia}\"\n\
         distrito = \"{distrito}\"\n\
         centro_poblado = \"{distrito}\"\n\
         direccion = \"Jr. {} s/n\"\n\
         altitud_msnm = {}\n\
         codigo_local = \"",
        niveles
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", "),
        if teachers > 20 {
            "\"mañana\", \"tarde\""
        } else {
            "\"mañana\""
        },
        if rural { "rural" } else { "urbana" },
        r.pick(&SCHOOLS),
        r.pick(&SURNAMES),
        if lengua.is_some() {
            r.range(3300, 3900)
        } else {
            r.range(50, 3300)
        },
    );
    digits(buf, r, 6);
    buf.push_str("\"\ncodigos_modulares = { ");
    for (k, nivel) in niveles.iter().enumerate() {
        if k > 0 {
            buf.push_str(", ");
        }
        let _ = write!(buf, "{nivel} = \"0");
        digits(buf, r, 6);
        buf.push('"');
    }
    buf.push_str(" }\n");
    match (lengua, eib) {
        (Some(l), true) => {
            let _ = writeln!(buf, "lenguas = [\"{l}\", \"castellano\"]");
        }
        _ => buf.push_str("lenguas = [\"castellano\"]\n"),
    }
    let _ = write!(
        buf,
        "contacto = {{ telefono = \"{area_code}-5{:05}\", correo = \"mesadepartes@ie{numero}.edu.pe\" }}\n\n",
        r.below(100_000)
    );

    // Team: the director always; a deputy and a coordinator sometimes.
    let mut team: Vec<&str> = vec!["dir"];
    let (name, woman) = person(r);
    team_member(
        buf,
        "dir",
        &name,
        if woman { "Directora" } else { "Director" },
        true,
    );
    if teachers >= 15 || r.chance(40) {
        let (name, woman) = person(r);
        let cargo = if woman { "Subdirectora" } else { "Subdirector" };
        team_member(buf, "sub", &name, cargo, true);
        team.push("sub");
    }
    let directivos = team.len();
    if r.chance(30) {
        let (name, woman) = person(r);
        let cargo = if woman {
            "Coordinadora pedagógica"
        } else {
            "Coordinador pedagógico"
        };
        team_member(buf, "cp", &name, cargo, false);
        team.push("cp");
    }

    buf.push_str("[textos]\npresentacion = \"\"\"");
    buf.push_str(&plain_sentences(r, 2));
    buf.push_str("\"\"\"\nfundamentacion = \"\"\"");
    buf.push_str(&plain_sentences(r, 3));
    buf.push_str("\"\"\"\njustificacion = \"\"\"");
    buf.push_str(&plain_sentences(r, 2));
    buf.push_str("\"\"\"\nfinalidad = \"\"\"");
    buf.push_str(&plain_sentences(r, 1));
    buf.push_str("\"\"\"\n\n");

    buf.push_str(
        "[objetivos]\n\
         general = [\"Fortalecer las competencias priorizadas del MBDD mediante el monitoreo y acompañamiento reflexivo.\"]\n\
         especificos = [\n  \"Recoger información sobre la práctica pedagógica mediante visitas en aula con rúbricas.\",\n  \"Promover la reflexión crítica a través del diálogo reflexivo y compromisos de mejora.\",\n]\n\
         metas = [\"Cada docente recibe 3 visitas (diagnóstica, de proceso y de salida).\"]\n\n\
         [[principios]]\n\
         nombre = \"Horizontalidad\"\n\
         descripcion = \"El acompañamiento se basa en el respeto y la confianza.\"\n\n",
    );

    let count = r.range(0, 4);
    let extra_norms = r.subset(NORMS.len() - 2, count);
    for k in [0, 1]
        .into_iter()
        .chain(extra_norms.into_iter().map(|k| k + 2))
    {
        let (tipo, numero, year, titulo) = NORMS[k];
        let _ = writeln!(
            buf,
            "[[bases_legales]]\ntipo = \"{tipo}\"\nnumero = \"{numero}\""
        );
        if let Some((anio, emisor)) = year {
            let _ = writeln!(buf, "anio = {anio}\nemisor = \"{emisor}\"");
        }
        let _ = writeln!(buf, "titulo = \"{titulo}\"\n");
    }

    buf.push_str(
        "[[estrategias]]\n\
         tipo = \"visita_aula\"\n\
         nombre = \"Visita en aula\"\n\
         modalidad = \"presencial\"\n\
         frecuencia = \"3 por docente\"\n\
         guia = \"@/estrategias/visita-en-aula.md\"\n\n",
    );
    for k in r.subset_of(STRATEGIES.len(), 1, 4) {
        let (tipo, nombre, modalidad, frecuencia) = STRATEGIES[k];
        let _ = writeln!(
            buf,
            "[[estrategias]]\ntipo = \"{tipo}\"\nnombre = \"{nombre}\"\nmodalidad = \"{modalidad}\"\nfrecuencia = \"{frecuencia}\"\n"
        );
    }

    buf.push_str(
        "[enfoque]\nmarco = \"MBDD-2012\"\nmarco_rubricas = \"2018\"\ncompetencias_mbdd = [",
    );
    list_numbers(buf, &r.subset_of(9, 2, 5), 1);
    buf.push_str("]\nrubricas = [");
    let rubricas = if r.chance(70) {
        vec![0, 1, 2, 3, 4]
    } else {
        r.subset_of(5, 2, 4)
    };
    list_numbers(buf, &rubricas, 1);
    buf.push_str("]\ncge = [");
    list_numbers(buf, &r.subset_of(5, 1, 2), 1);
    buf.push_str("]\n\n");

    let estudiantes = teachers * r.range(15, 30);
    let _ = write!(
        buf,
        "[poblacion]\ndirectivos = {directivos}\ndocentes = {teachers}\nestudiantes = {estudiantes}\nfamilias = {}\n\n\
         [privacidad]\nnombres_docentes = \"iniciales\"\n\n",
        estudiantes * 4 / 5
    );

    // Teachers.
    let letters = ["A", "B", "C", "D", "E", "F", "G"];
    for t in 0..teachers {
        let (name, _) = person(r);
        let nivel = match levels {
            Levels::Inicial => "inicial",
            Levels::Primaria => "primaria",
            Levels::Secundaria => "secundaria",
            Levels::PrimariaSecundaria if t % 2 == 0 => "primaria",
            Levels::PrimariaSecundaria => "secundaria",
        };
        let _ = write!(
            buf,
            "[[docentes]]\nid = \"d{:02}\"\nnombre = \"{name}\"\nnivel_educativo = \"{nivel}\"\n",
            t + 1
        );
        // Primary teachers of a school with both levels are every other one.
        let slot = if levels == Levels::PrimariaSecundaria {
            t / 2
        } else {
            t
        };
        match nivel {
            "inicial" => {
                let _ = writeln!(
                    buf,
                    "grados = [\"{} años\"]\nsecciones = [\"{}\"]",
                    3 + t % 3,
                    letters[(t / 3) % letters.len()]
                );
            }
            "primaria" if modelo == "multigrado" => {
                let _ = writeln!(
                    buf,
                    "grados = [\"{}°\", \"{}°\"]\nsecciones = [\"{}\"]",
                    1 + 2 * (t % 3),
                    2 + 2 * (t % 3),
                    if teachers > 3 {
                        letters[t / 3]
                    } else {
                        "Única"
                    }
                );
            }
            "primaria" => {
                let _ = writeln!(
                    buf,
                    "grados = [\"{}°\"]\nsecciones = [\"{}\"]",
                    1 + slot % 6,
                    letters[(slot / 6) % letters.len()]
                );
            }
            _ => {
                let first = r.range(1, 3);
                let _ = writeln!(
                    buf,
                    "grados = [\"{first}°\", \"{}°\", \"{}°\"]\nsecciones = [\"A\", \"B\"]\nareas = [\"{}\"]",
                    first + 1,
                    first + 2,
                    r.pick(&AREAS_SECUNDARIA)
                );
            }
        }
        buf.push('\n');
    }

    // Visits: three per teacher, by date, by month, or mixed.
    let style = r.below(10);
    let visitors: &[&str] = if team.len() > 1 { &team } else { &["dir"] };
    for t in 0..teachers {
        let responsable = visitors[t % visitors.len()];
        for n in 1..=3 {
            let dated = match style {
                0..=3 => true,
                4..=6 => false,
                _ => r.chance(50),
            };
            let fase = ["diagnostico", "proceso", "salida"][n - 1];
            let _ = write!(
                buf,
                "[[visitas]]\ndocente = \"d{:02}\"\nn = {n}\nfase = \"{fase}\"\n",
                t + 1
            );
            if dated {
                let window = [((4, 1), (4, 30)), ((6, 3), (9, 27)), ((10, 14), (11, 29))][n - 1];
                let (m, d) = school_day_between(r, window.0, window.1);
                let _ = writeln!(buf, "fecha = 2024-{m:02}-{d:02}");
            } else {
                let months: &[&str] = match n {
                    1 => &["mar", "abr", "abr"],
                    2 => &["may", "jun", "jul", "ago", "set"],
                    _ => &["oct", "nov"],
                };
                let _ = writeln!(buf, "mes = \"{}\"", r.pick(months));
            }
            let _ = writeln!(buf, "responsable = \"{responsable}\"");
            if n == 1 && r.chance(50) {
                buf.push_str("instrumentos = [\"rubricas\", \"cuaderno_campo\"]\n");
            }
            buf.push('\n');
        }
    }

    for k in r.subset_of(ACTIVITIES.len(), 3, 15) {
        let (nombre, meses, evidencia) = ACTIVITIES[k];
        let _ = write!(
            buf,
            "[[actividades]]\nnombre = \"{nombre}\"\nresponsables = [\"dir\""
        );
        for id in &team[1..] {
            if r.chance(50) {
                let _ = write!(buf, ", \"{id}\"");
            }
        }
        buf.push_str("]\nmeses = [");
        for (j, m) in meses.iter().enumerate() {
            if j > 0 {
                buf.push_str(", ");
            }
            let _ = write!(buf, "\"{m}\"");
        }
        buf.push_str("]\n");
        if let Some(e) = evidencia {
            let _ = writeln!(buf, "evidencia = \"{e}\"");
        }
        buf.push('\n');
    }

    buf.push_str(
        "[[instrumentos]]\n\
         tipo = \"rubricas\"\n\
         nombre = \"Rúbricas de observación de aula (MINEDU)\"\n\
         anexo = \"A\"\n\n\
         [[instrumentos]]\n\
         tipo = \"cuaderno_campo\"\n\
         nombre = \"Cuaderno de campo\"\n\n\
         [[instrumentos]]\n\
         tipo = \"planificador_individual\"\n\
         nombre = \"Planificador individual de monitoreo y acompañamiento\"\n\
         anexo = \"B\"\n\n",
    );

    if r.chance(40) {
        buf.push_str("[presupuesto]\nmoneda = \"PEN\"\ndescripcion = \"Financiado con recursos propios de la IE.\"\nitems = [\n");
        for k in r.subset_of(BUDGET.len(), 1, 4) {
            let (concepto, lo, hi, cents) = BUDGET[k];
            let _ = writeln!(
                buf,
                "  {{ concepto = \"{concepto}\", cantidad = {}, costo_unitario = {}.{:02}, fuente = \"recursos propios\" }},",
                r.range(lo, hi),
                cents / 100,
                cents % 100
            );
        }
        buf.push_str("]\n\n");
    }

    buf.push_str(
        "[[requerimientos]]\n\
         descripcion = \"Asistencia técnica de la UGEL para los GIA.\"\n\n\
         [[bibliografia]]\n\
         autor = \"MINEDU\"\n\
         anio = 2012\n\
         titulo = \"Marco de Buen Desempeño Docente\"\n\
         editorial = \"Ministerio de Educación\"\n\
         url = \"https://www.minedu.gob.pe/\"\n\n\
         [[anexos]]\n\
         id = \"A\"\n\
         titulo = \"Rúbricas de observación de aula\"\n\
         tipo = \"enlace\"\n\
         url = \"https://www.minedu.gob.pe/\"\n\n\
         [[anexos]]\n\
         id = \"B\"\n\
         titulo = \"Planificador individual (plantilla en blanco)\"\n\
         tipo = \"plantilla\"\n\
         publico = true\n\n\
         [[firmas]]\n\
         ref = \"dir\"\n",
    );
    if team.contains(&"sub") {
        buf.push_str("\n[[firmas]]\nref = \"sub\"\n");
    }
}

fn team_member(buf: &mut String, id: &str, name: &str, cargo: &str, firma: bool) {
    let _ = write!(
        buf,
        "[[equipo]]\nid = \"{id}\"\nnombre = \"{name}\"\ncargo = \"{cargo}\"\nfirma = {firma}\n\n"
    );
}

/// Writes `indices + base`, comma-separated.
fn list_numbers(buf: &mut String, indices: &[usize], base: usize) {
    for (j, k) in indices.iter().enumerate() {
        if j > 0 {
            buf.push_str(", ");
        }
        let _ = write!(buf, "{}", k + base);
    }
}
