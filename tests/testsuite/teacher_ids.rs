//! Teachers' ids while names are masked: an id written from the name is warned about (P7),
//! and no public output carries a plan's own teacher ids, only opaque ones that stay the
//! same across builds.

use crate::util::{TestSite, snapshot};

const PLAN: &str = "content/planes/ie-zeta-2024.toml";
const PRIVATE: &str = "content/planes/ie-zeta-2024.privado.toml";

/// The privacy fixture with the teacher `d01` renamed `id` in the plan and its private file.
fn site_with_id(id: &str) -> TestSite {
    let site = TestSite::fixture("privacy").with_bundled_theme();
    for file in [PLAN, PRIVATE] {
        let text = std::fs::read_to_string(site.path(file)).expect("read the fixture");
        site.write(file, text.replace("\"d01\"", &format!("\"{id}\"")));
    }
    site
}

fn uids(site: &TestSite) -> Vec<String> {
    let mut uids: Vec<String> = site
        .output("planes/ie-zeta-2024/calendario.ics")
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_string)
        .collect();
    uids.sort();
    uids
}

#[test]
fn an_id_written_from_the_name_is_warned_about_and_never_published() {
    let site = site_with_id("zacarias-quelopana");
    let run = site.build();
    run.assert_ok();
    let expected = "warning[P7]: el id `zacarias-quelopana` contiene el nombre de la o el docente\n  --> content/planes/ie-zeta-2024.toml:52:6\n   |\n52 | id = \"zacarias-quelopana\"\n   |      ^^^^^^^^^^^^^^^^^^^^\n   = help: los nombres se ocultan y senda no publica este id, pero el archivo del plan se comparte: use un id sin el nombre, p. ej. `d01`, también en sus visitas y en el archivo privado\n";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    for (path, bytes) in snapshot(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(
            !text.contains("zacarias") && !text.contains("quelopana"),
            "the id leaked into {}",
            path.display()
        );
    }
    let json = site.output("planes/ie-zeta-2024/plan.json");
    assert!(json.contains("\"docente\": \"d-"), "{json}");
}

#[test]
fn no_teacher_id_of_the_plan_is_published_while_names_are_masked() {
    let site = site_with_id("t-0417");
    site.build().assert_ok();
    for (path, bytes) in snapshot(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("t-0417"), "the id is in {}", path.display());
    }
    // The same teachers listed in another order keep their calendar events.
    let before = uids(&site);
    let plan = std::fs::read_to_string(site.path(PLAN)).unwrap();
    let first = plan.find("[[docentes]]").unwrap();
    let second = first + 1 + plan[first + 1..].find("[[docentes]]").unwrap();
    let end = plan.find("[[visitas]]").unwrap();
    let reordered = format!(
        "{}{}\n{}{}",
        &plan[..first],
        &plan[second..end],
        &plan[first..second],
        &plan[end..]
    );
    site.write(PLAN, reordered);
    site.build().assert_ok();
    let csv = site.output("planes/ie-zeta-2024/visitas.csv");
    assert!(
        csv.lines().nth(1).unwrap().starts_with("F. X. B."),
        "not reordered: {csv}"
    );
    assert_eq!(uids(&site), before);
    assert_eq!(before.len(), 5);
}

#[test]
fn with_names_in_full_the_ids_are_published_as_written() {
    let site = site_with_id("zacarias-quelopana");
    let plan = std::fs::read_to_string(site.path(PLAN)).unwrap();
    site.write(
        PLAN,
        plan.replace(
            "nombres_docentes = \"iniciales\"",
            "nombres_docentes = \"completo\"",
        ),
    );
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("P7"), "{}", run.stderr);
    let json = site.output("planes/ie-zeta-2024/plan.json");
    assert!(
        json.contains("\"docente\": \"zacarias-quelopana\""),
        "{json}"
    );
}

/// Opaque ids are hashes, so they sort in no useful order: visits of one month and date are
/// listed in the order the plan lists its teachers, as before ids were masked.
#[test]
fn visits_of_a_month_follow_the_plans_order_of_teachers_not_their_opaque_ids() {
    let output = crate::util::build_bundled_portal();
    let page =
        std::fs::read_to_string(output.path().join("planes/ies-miguel-grau-2024/index.html"))
            .expect("the plan page");
    let row = |teacher: &str| {
        page.find(&format!(
            "<td>En el mes</td><td>{teacher}</td><td>II visita (proceso)</td>"
        ))
        .unwrap_or_else(|| panic!("no month-only II visit of {teacher}"))
    };
    let rows: Vec<usize> = ["Docente 02", "Docente 03", "Docente 04", "Docente 05"]
        .into_iter()
        .map(row)
        .collect();
    assert!(rows.is_sorted(), "visits out of the plan's order: {rows:?}");
}
