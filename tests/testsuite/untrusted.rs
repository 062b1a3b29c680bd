//! Plan text is typed by many hands: whatever it holds, it stays text in every output. No
//! script in the page, no rule added to the print page's CSS, no formula in the CSV, no
//! property added to the calendar.

use std::path::Path;

use crate::util::TestSite;

const PLAN: &str = "content/planes/ie-zeta-2024.toml";

/// The privacy fixture with its plan changed: each `(old, new)` must occur exactly once.
fn site_with(changes: &[(&str, &str)]) -> TestSite {
    let site = TestSite::fixture("privacy").with_bundled_theme();
    let mut plan = std::fs::read_to_string(site.path(PLAN)).expect("read the fixture plan");
    for (old, new) in changes {
        assert_eq!(plan.matches(old).count(), 1, "`{old}` must occur once");
        plan = plan.replace(old, new);
    }
    site.write(PLAN, plan);
    site
}

const PRESENTACION: &str = "presentacion = \"El plan organiza las visitas del año.\"";

#[test]
fn script_in_a_plan_text_is_refused_however_it_is_spelled() {
    let site = site_with(&[(
        PRESENTACION,
        "presentacion = \"Ver [x](jav&#x61;script:alert(1)).\"\nfinalidad = \"DİRECCİÓN <a href='javascript:alert(1)'>x</a>\"",
    )]);
    site.senda(&["check"])
        .assert_failure(r#"error[E20]: el enlace o la imagen lleva a una dirección no permitida
  --> content/planes/ie-zeta-2024.toml:36:21
   |
36 | presentacion = "Ver [x](jav&#x61;script:alert(1))."
   |                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = help: los enlaces de los textos del plan van a direcciones https:// o http://, a mailto:, a páginas del portal (`@/…`) o a `#…`; quite el enlace o corrija la dirección

error[E20]: el texto contiene código no permitido (`javascript:`)
  --> content/planes/ie-zeta-2024.toml:37:33
   |
37 | finalidad = "DİRECCİÓN <a href='javascript:alert(1)'>x</a>"
   |                                 ^^^^^^^^^^^
   = help: los textos del plan son Markdown sin HTML activo: quite scripts, iframes y atributos on…=

senda check found 2 errors
"#);
}

#[test]
fn heading_attributes_in_a_plan_text_stay_text() {
    let site = site_with(&[(
        PRESENTACION,
        "presentacion = \"\"\"\n## Aviso {autofocus tabindex=1 #contenido}\n\nTexto.\"\"\"",
    )]);
    site.build().assert_ok();
    let page = site.output("planes/ie-zeta-2024/index.html");
    assert!(
        page.contains("<h2>Aviso {autofocus tabindex=1 #contenido}</h2>"),
        "{page}"
    );
    assert!(!page.contains("tabindex=\"1\""), "{page}");
    assert_eq!(page.matches("id=\"contenido\"").count(), 1, "{page}");
}

/// Reads a CSS string token's value: the inverse of the `css_string` filter, as CSS
/// Syntax §4.3.7 reads escapes (one to six hex digits, then one optional space).
fn css_unescape(token: &str) -> String {
    let inner = token
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .expect("a double-quoted string");
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(char::is_ascii_hexdigit) {
            hex.extend(chars.next());
        }
        assert!(!hex.is_empty(), "only hex escapes are written: {token}");
        if chars.peek() == Some(&' ') {
            chars.next();
        }
        let code = u32::from_str_radix(&hex, 16).expect("hex digits");
        out.push(char::from_u32(code).expect("a character"));
    }
    out
}

#[test]
fn the_print_header_keeps_any_title_inside_its_css_string() {
    let title = "Plan \"A\" & 'B' \\ }\n@import url(https://evil.example/x.css); body { color: red } </style><p>x";
    let site = site_with(&[(
        "titulo = \"Plan de Monitoreo y Acompañamiento Pedagógico 2024\"",
        r#"titulo = "Plan \"A\" & 'B' \\ }\n@import url(https://evil.example/x.css); body { color: red } </style><p>x""#,
    )]);
    site.build().assert_ok();
    let page = site.output("planes/ie-zeta-2024/imprimir/index.html");
    let start = page
        .find("<style>@page")
        .expect("the running header's style");
    let style = &page[start + "<style>".len()..];
    let style = &style[..style.find("</style>").unwrap()];
    let token = style
        .strip_prefix("@page { @top-left { content: ")
        .and_then(|s| s.strip_suffix(r#"; } } @page :first { @top-left { content: ""; } }"#))
        .unwrap_or_else(|| panic!("the rule is not intact: {style}"));
    let inner = &token[1..token.len() - 1];
    assert!(!inner.contains(['"', '\'', '\n', '<', '>', '&']), "{token}");
    assert_eq!(css_unescape(token), format!("IE N° 70001 «Zeta» · {title}"));
}

#[test]
fn visit_csv_cells_are_never_formulas() {
    let site = site_with(&[
        (
            "nombre = \"Directora Ficticia Uno\"",
            r#"nombre = "=HYPERLINK(\"https://evil.example\",\"x\")""#,
        ),
        (
            "grados = [\"1°\", \"2°\"]",
            "grados = [\"@SUM(1)\", \"2°\"]",
        ),
        (
            "grados = [\"3°\"]",
            "grados = [\"-3\"]\nsecciones = [\"+A\"]",
        ),
    ]);
    site.build().assert_ok();
    let csv = site.output("planes/ie-zeta-2024/visitas.csv");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    let responsable = r#""'=HYPERLINK(""https://evil.example"",""x"")""#;
    assert_eq!(
        lines[1],
        format!(
            "Z. Q. U.,d-0d53bccf02cd,primaria,'@SUM(1); 2°,,,1,diagnostico,2024-04-09,abril,{responsable}"
        )
    );
    assert_eq!(
        lines[3],
        format!(
            "F. X. B.,d-a316e967cca3,primaria,'-3,'+A,,1,diagnostico,2024-04-10,abril,{responsable}"
        )
    );
}

/// Every event's property names and DTSTART, as Python's `icalendar` reads the file.
fn calendar_properties(path: &Path) -> Vec<String> {
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print('CALENDAR', ' '.join(sorted(cal.keys())))
for e in cal.walk('VEVENT'):
    print(e.decoded('DTSTART'), ' '.join(sorted(e.keys())), '|', e['SUMMARY'])
"#;
    crate::util::python_calendar(script, path)
}

#[test]
fn calendar_texts_cannot_add_properties() {
    let site = site_with(&[
        (
            "nombre = \"Visitas en aula, diálogo reflexivo\"",
            r#"nombre = "Visitas\rDTSTART:19700101\rATTACH:https://evil.example/x\u000Bfin""#,
        ),
        ("nombre = \"Zeta\"", r#"nombre = "Zeta\rX-INJECTED:1""#),
    ]);
    site.build().assert_ok();
    let ics_path = site.path("public/planes/ie-zeta-2024/calendario.ics");
    let events = calendar_properties(&ics_path);
    let plain = "DESCRIPTION DTEND DTSTAMP DTSTART LAST-MODIFIED SEQUENCE SUMMARY TRANSP UID";
    assert_eq!(
        events,
        [
            "CALENDAR CALSCALE METHOD PRODID VERSION X-WR-CALNAME".to_string(),
            format!("2024-04-09 {plain} | Visita I (diagnóstico) – Z. Q. U."),
            format!("2024-06-01 {plain} | Visita II (proceso) – Z. Q. U."),
            format!("2024-04-10 {plain} | Visita I (diagnóstico) – F. X. B."),
            format!("2024-04-01 {plain} | VisitasDTSTART:19700101ATTACH:https://evil.example/xfin"),
            format!("2024-06-01 {plain} | VisitasDTSTART:19700101ATTACH:https://evil.example/xfin"),
        ]
    );
    // A reader that splits lines on CR alone sees no injected line either.
    let ics = std::fs::read_to_string(&ics_path).unwrap();
    for line in ics.split(['\r', '\n']) {
        assert!(
            !line.starts_with("ATTACH")
                && !line.starts_with("X-INJECTED")
                && !line.starts_with("DTSTART:1970"),
            "{line:?}"
        );
    }
}
