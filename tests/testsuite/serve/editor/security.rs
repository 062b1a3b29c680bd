//! The editor's security rules: the token on every write, the `Host` check (DNS
//! rebinding), the `Origin` check, the 2 MB bound on bodies, plan ids, private files.
//! Each refused request is checked to have written nothing.

use serde_json::json;

use super::{Editor, PLAN, json};
use crate::util::{TestSite, snapshot};

#[test]
fn a_write_without_the_token_or_with_another_is_refused_and_writes_nothing() {
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);
    let before = snapshot(&site.root);
    let body = json!({"lugar": "Otro lugar"}).to_string();
    let csv = std::fs::read(super::api::import_fixture("docentes.csv")).expect("csv");
    for token in [
        None,
        Some("0".repeat(32)),
        Some(format!("{}x", editor.token)),
    ] {
        let mut headers = vec![];
        if let Some(token) = &token {
            headers.push(("X-Senda-Token", token.as_str()));
        }
        let put = editor.call(
            "PUT",
            "/_editor/api/planes/ie-prueba-2024",
            &headers,
            body.as_bytes(),
        );
        assert_eq!(put.status, 403, "{token:?}: {}", put.text());
        assert!(
            json(&put)["error"]
                .as_str()
                .is_some_and(|e| e.contains("clave del editor"))
        );
        let create = editor.call(
            "POST",
            "/_editor/api/planes",
            &headers,
            br#"{"id":"ie-otro-2025"}"#,
        );
        assert_eq!(create.status, 403, "{token:?}: {}", create.text());
        headers.push(("X-Senda-Archivo", "docentes.csv"));
        let import = editor.call(
            "POST",
            "/_editor/api/planes/ie-prueba-2024/importar/docentes",
            &headers,
            &csv,
        );
        assert_eq!(import.status, 403, "{token:?}: {}", import.text());
    }
    assert!(
        snapshot(&site.root) == before,
        "a refused write changed the site"
    );
    // The token itself works: the same save with it is written.
    let good = editor.call(
        "PUT",
        "/_editor/api/planes/ie-prueba-2024",
        &[("X-Senda-Token", &editor.token)],
        body.as_bytes(),
    );
    assert_eq!(good.status, 200, "{}", good.text());
    assert!(
        std::fs::read_to_string(site.path(PLAN))
            .expect("plan")
            .contains("lugar = \"Otro lugar\"")
    );
}

#[test]
fn a_host_other_than_the_loopback_address_served_is_refused_and_never_sees_the_token() {
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);
    let before = snapshot(&site.root);
    let port = editor.server.port;
    let foreign = [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("127.0.0.1.nip.io:{port}"),
    ];
    for host in &foreign {
        let headers = [
            ("Host", host.as_str()),
            ("X-Senda-Token", editor.token.as_str()),
        ];
        for target in [
            "/_editor/",
            "/_editor/api/planes",
            "/_editor/api/planes/ie-prueba-2024",
        ] {
            let response = editor.call("GET", target, &headers, b"");
            assert_eq!(
                response.status,
                403,
                "Host {host}, GET {target}: {}",
                response.text()
            );
            assert!(
                !response.text().contains(&editor.token),
                "the token leaked to Host {host}"
            );
        }
        let put = editor.call(
            "PUT",
            "/_editor/api/planes/ie-prueba-2024",
            &headers,
            br#"{"lugar":"X"}"#,
        );
        assert_eq!(put.status, 403, "Host {host}: {}", put.text());
    }
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        let response = editor.call(
            "GET",
            "/_editor/api/planes",
            &[("Host", host.as_str())],
            b"",
        );
        assert_eq!(response.status, 200, "Host {host}: {}", response.text());
    }
    assert!(
        snapshot(&site.root) == before,
        "a refused write changed the site"
    );
}

#[test]
fn a_request_from_another_origin_is_refused() {
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);
    let before = snapshot(&site.root);
    let own = format!("http://127.0.0.1:{}", editor.server.port);
    for origin in [
        "http://evil.example",
        "null",
        "https://127.0.0.1",
        &format!("{own}0"),
    ] {
        let headers = [("Origin", origin), ("X-Senda-Token", editor.token.as_str())];
        let put = editor.call(
            "PUT",
            "/_editor/api/planes/ie-prueba-2024",
            &headers,
            br#"{"lugar":"X"}"#,
        );
        assert_eq!(put.status, 403, "Origin {origin}: {}", put.text());
        let get = editor.call("GET", "/_editor/api/planes/ie-prueba-2024", &headers, b"");
        assert_eq!(get.status, 403, "Origin {origin}: {}", get.text());
    }
    assert!(
        snapshot(&site.root) == before,
        "a refused write changed the site"
    );
    let headers = [
        ("Origin", own.as_str()),
        ("X-Senda-Token", editor.token.as_str()),
    ];
    let put = editor.call(
        "PUT",
        "/_editor/api/planes/ie-prueba-2024",
        &headers,
        br#"{"lugar":"X"}"#,
    );
    assert_eq!(put.status, 200, "own origin: {}", put.text());
}

/// A body over 2 MB is refused from its `Content-Length` alone: the answer comes though
/// not a byte of the body was sent. A body without a length is refused too.
#[test]
fn a_body_over_two_megabytes_is_refused_before_it_is_read() {
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);
    let before = snapshot(&site.root);
    let too_long = (2 * 1024 * 1024 + 1).to_string();
    let headers = [
        ("X-Senda-Token", editor.token.as_str()),
        ("Content-Length", too_long.as_str()),
    ];
    let put = editor.call("PUT", "/_editor/api/planes/ie-prueba-2024", &headers, b"");
    assert_eq!(put.status, 413, "{}", put.text());
    assert!(
        json(&put)["error"]
            .as_str()
            .is_some_and(|e| e.contains("2 MB"))
    );
    let import = editor.call(
        "POST",
        "/_editor/api/planes/ie-prueba-2024/importar/docentes",
        &headers,
        b"",
    );
    assert_eq!(import.status, 413, "{}", import.text());
    // Exactly 2 MB is read (and is no JSON).
    let at_limit = vec![b' '; 2 * 1024 * 1024];
    let put = editor.call(
        "PUT",
        "/_editor/api/planes/ie-prueba-2024",
        &[("X-Senda-Token", &editor.token)],
        &at_limit,
    );
    assert_eq!(put.status, 400, "{}", put.text());
    let chunked = [
        ("X-Senda-Token", editor.token.as_str()),
        ("Transfer-Encoding", "chunked"),
        ("Content-Length", "0"),
    ];
    let put = editor.call("PUT", "/_editor/api/planes/ie-prueba-2024", &chunked, b"");
    assert_eq!(put.status, 411, "{}", put.text());
    assert!(
        snapshot(&site.root) == before,
        "a refused write changed the site"
    );
}

#[test]
fn an_id_that_is_not_a_plan_id_is_a_400_and_nothing_is_written() {
    let site = TestSite::fixture("plans");
    let editor = Editor::start(&site);
    let before = snapshot(&site.root);
    let body = json!({"lugar": "X"});
    for id in [
        "../x",
        "..%2Fsite",
        "%2e%2e",
        "x.privado",
        "ie-prueba-2024.privado",
        "IE-PRUEBA-2024",
        "ie%20prueba",
        "con",
    ] {
        for target in [
            format!("/_editor/api/planes/{id}"),
            format!("/_editor/api/planes/{id}/importar/docentes"),
        ] {
            let method = if target.ends_with("docentes") {
                "POST"
            } else {
                "PUT"
            };
            let response = editor.send(method, &target, &body);
            assert_eq!(
                response.status,
                400,
                "{method} {target}: {}",
                response.text()
            );
            assert!(
                json(&response)["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("no es un id de plan válido"))
            );
        }
        let get = editor.call("GET", &format!("/_editor/api/planes/{id}"), &[], b"");
        assert_eq!(get.status, 400, "GET {id}: {}", get.text());
        let create = editor.send("POST", "/_editor/api/planes", &json!({"id": id}));
        assert_eq!(create.status, 400, "POST id {id}: {}", create.text());
        let from = editor.send(
            "POST",
            "/_editor/api/planes",
            &json!({"id": "ie-nuevo-2025", "desde": id}),
        );
        assert_eq!(from.status, 400, "POST desde {id}: {}", from.text());
    }
    assert!(snapshot(&site.root) == before, "a bad id changed the site");
}

/// The editor lists, reads and writes only public plans: the private companion is not in
/// the list, cannot be named, and is not even read to check the plan (it is broken here,
/// and no diagnostic says so).
#[test]
fn private_files_are_never_listed_read_or_written() {
    let site = TestSite::fixture("privacy");
    let private = site.path("content/planes/ie-zeta-2024.privado.toml");
    let secret = std::fs::read_to_string(&private).expect("private file");
    std::fs::write(&private, format!("{secret}\nesto no es toml = = =\n")).expect("break it");
    let broken = std::fs::read(&private).expect("private file");
    let public =
        std::fs::read_to_string(site.path("content/planes/ie-zeta-2024.toml")).expect("plan");
    let editor = Editor::start(&site);
    let list = editor.get_json("/_editor/api/planes");
    let ids: Vec<&str> = list["planes"]
        .as_array()
        .expect("planes")
        .iter()
        .map(|p| p["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["ie-zeta-2024"]);
    let plan = editor.get_json("/_editor/api/planes/ie-zeta-2024");
    for answer in [&list, &plan] {
        let text = answer.to_string();
        assert!(!text.contains("privado"), "{text}");
        for line in secret
            .lines()
            .filter_map(|l| l.split_once(" = \""))
            .map(|(_, v)| v.trim_end_matches('"'))
        {
            let only_private = line.len() > 3 && !public.contains(line);
            assert!(
                !only_private || !text.contains(line),
                "private value {line:?} in {text}"
            );
        }
    }
    for target in [
        "/_editor/api/planes/ie-zeta-2024.privado",
        "/_editor/planes/ie-zeta-2024.privado",
    ] {
        assert_eq!(editor.call("GET", target, &[], b"").status, 400, "{target}");
    }
    let put = editor.send(
        "PUT",
        "/_editor/api/planes/ie-zeta-2024.privado",
        &json!({"docentes": []}),
    );
    assert_eq!(put.status, 400, "{}", put.text());
    let save = editor.send(
        "PUT",
        "/_editor/api/planes/ie-zeta-2024",
        &json!({"lugar": "Zeta"}),
    );
    assert_eq!(save.status, 200, "{}", save.text());
    assert_eq!(
        std::fs::read(&private).expect("private file"),
        broken,
        "the private file changed"
    );
    assert!(!save.text().contains("privado"), "{}", save.text());
}
