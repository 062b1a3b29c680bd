//! Atom feeds (`render::feeds`), read back with a real feed parser, Python's
//! `feedparser` (scripts/test.sh installs it): valid Atom, absolute URLs from `base_url`,
//! dated pages newest first within `feed_limit`, and the `<link rel="alternate">` of the
//! pages' `<head>`.

use std::path::Path;
use std::process::Command;

use crate::util::TestSite;

/// What `feedparser` reads in the feed at `path`, one line per fact, after asserting it
/// found no error (`bozo`) and read Atom 1.0.
fn parse_feed(path: &Path) -> Vec<String> {
    let script = r#"
import sys, feedparser
feed = feedparser.parse(sys.argv[1])
assert not feed.bozo, feed.bozo_exception
assert feed.version == "atom10", feed.version
print("feed", feed.feed.title, feed.feed.link, feed.feed.id, feed.feed.updated)
for entry in feed.entries:
    links = [l.href for l in entry.links]
    print("entry", entry.title, entry.published, entry.link, entry.id, *links)
    print("content", entry.content[0].value.strip().replace("\n", " "))
"#;
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3 runs (scripts/test.sh installs the feedparser package)");
    assert!(
        output.status.success(),
        "feedparser rejected {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_site_feed_is_atom_with_absolute_urls_newest_first_within_the_limit() {
    let site = TestSite::fixture("feeds_links");
    site.build().assert_ok();
    // Three dated news pages, `feed_limit = 2`: the two newest; the undated page is left out.
    // The entry's relative link is resolved against the page (`xml:base`).
    assert_eq!(
        parse_feed(&site.path("public/atom.xml")),
        [
            "feed Portal de la UGEL https://example.org/portal/ https://example.org/portal/atom.xml 2026-03-20T12:00:00Z",
            "entry Jornada de reflexión & planificación 2026-03-20T12:00:00Z \
             https://example.org/portal/noticias/jornada/ https://example.org/portal/noticias/jornada/ \
             https://example.org/portal/noticias/jornada/",
            "content <p>La jornada se hará en la I.E. N° 123. Lleve la \
             <a href=\"https://example.org/portal/guias/visita/ficha.pdf\">ficha</a>.</p>",
            "entry Calendario de visitas del primer trimestre 2026-02-10T12:00:00Z \
             https://example.org/portal/noticias/calendario/ https://example.org/portal/noticias/calendario/ \
             https://example.org/portal/noticias/calendario/",
            "content <p>El calendario ya está publicado en las \
             <a href=\"https://example.org/portal/guias/\">guías</a>.</p>",
        ]
    );
    // Every page links the site's feed; the section that asked for its own links that too.
    let feed_link = |href: &str| {
        format!("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{href}\">")
    };
    assert!(site.output("index.html").contains(&feed_link("atom.xml")));
    assert!(
        site.output("guias/visita/index.html")
            .contains(&feed_link("../../atom.xml"))
    );
    let news = site.output("noticias/index.html");
    assert!(news.contains(&feed_link("../atom.xml")), "{news}");
    assert!(news.contains(&feed_link("atom.xml")), "{news}");
    assert!(!site.output("guias/index.html").contains("guias/atom.xml"));
}

#[test]
fn a_section_asks_for_its_own_feed() {
    let site = TestSite::fixture("feeds_links");
    // Without the site's feed, only the section's is written (and every entry of it).
    let config = std::fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace("generate_feeds = true\nfeed_limit = 2\n", ""),
    );
    site.build().assert_ok();
    assert!(!site.output_exists("atom.xml"));
    assert!(!site.output("index.html").contains("application/atom+xml"));
    let feed = parse_feed(&site.path("public/noticias/atom.xml"));
    assert_eq!(
        feed[0],
        "feed Noticias · Portal de la UGEL https://example.org/portal/noticias/ \
         https://example.org/portal/noticias/atom.xml 2026-03-20T12:00:00Z"
    );
    let titles: Vec<&str> = feed
        .iter()
        .filter_map(|line| line.strip_prefix("entry "))
        .map(|line| line.split(" 2026-").next().unwrap_or(""))
        .collect();
    assert_eq!(
        titles,
        [
            "Jornada de reflexión & planificación",
            "Calendario de visitas del primer trimestre",
            "Bienvenida al año escolar"
        ]
    );
}

#[test]
fn a_feed_file_name_other_than_atom_is_refused_where_it_is_written() {
    let site = TestSite::fixture("feeds_links");
    let config = std::fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        config.replace(
            "feed_limit = 2\n",
            "feed_limit = 2\nfeed_filenames = [\"rss.xml\"]\n",
        ),
    );
    site.senda(&["check"]).assert_failure(
        "\
error: `feed_filenames` can name only `atom.xml`, not `rss.xml`
 --> site.toml:7:1
  |
7 | feed_filenames = [\"rss.xml\"]
  | ^^^^^^^^^^^^^^
  = help: senda writes Atom feeds: write `feed_filenames = [\"atom.xml\"]`

senda check found 1 error
",
    );
}

#[test]
fn the_bundled_portal_has_a_news_feed_and_a_site_feed() {
    let out = crate::util::build_bundled_portal();
    let site = parse_feed(&out.path().join("atom.xml"));
    assert!(
        site[1].starts_with("entry Jornada de reflexión sobre la primera visita 2026-04-14"),
        "{site:#?}"
    );
    let entries = site.iter().filter(|l| l.starts_with("entry ")).count();
    assert!((3..=20).contains(&entries), "{entries} entries: {site:#?}");
    // The feed's and the entries' own URLs (a guide's content may cite other sites).
    for line in site.iter().filter(|l| !l.starts_with("content ")) {
        for href in line.split(['"', ' ']).filter(|w| w.starts_with("http")) {
            assert!(
                href.starts_with("https://senda.example.org/"),
                "{href} in {line}"
            );
        }
    }
    let news = parse_feed(&out.path().join("noticias/atom.xml"));
    assert_eq!(
        news.iter().filter(|l| l.starts_with("entry ")).count(),
        2,
        "{news:#?}"
    );
}
