use super::*;

#[test]
fn base_paths_are_normalised() {
    assert_eq!(url_path("https://example.org").as_deref(), Some("/"));
    assert_eq!(url_path("https://example.org/").as_deref(), Some("/"));
    assert_eq!(
        url_path("https://example.org/portal").as_deref(),
        Some("/portal/")
    );
    assert_eq!(
        url_path("http://localhost:1111/a/b/").as_deref(),
        Some("/a/b/")
    );
    assert_eq!(url_path("example.org"), None);
    assert_eq!(url_path("https:///x"), None);
}

/// A `site.toml` saved in Latin-1 is reported at its first bad byte, like every file of
/// the site; a byte order mark is dropped.
#[test]
fn site_toml_is_read_as_utf8_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |bytes: &[u8]| std::fs::write(dir.path().join(CONFIG_FILE), bytes);
    write(b"title = \"Gu\xeda\"\nbase_url = \"https://example.org/\"\n").expect("write");
    let errors = Config::load(dir.path(), &Overrides::default()).expect_err("Latin-1");
    assert_eq!(
        errors[0].message,
        "el archivo no es texto UTF-8 (byte 0xED en la línea 1, columna 12)"
    );
    write("\u{feff}title = \"Guía\"\nbase_url = \"https://example.org/\"\n".as_bytes())
        .expect("write");
    let config = Config::load(dir.path(), &Overrides::default()).expect("UTF-8 with a BOM");
    assert_eq!(config.title, "Guía");
}
