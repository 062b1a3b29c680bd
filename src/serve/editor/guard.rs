//! Who may use the editor: the checks every `/_editor/` request passes before anything is
//! read or written. The editor is a local tool, and a web page on any other site can still
//! make the browser send requests to it:
//! - DNS rebinding (a foreign name resolved to 127.0.0.1) is stopped by the `Host` check,
//! - a foreign page's fetch or form by the `Origin` check,
//! - anything that forgot or forged both (another local program, an old browser) by the
//!   token, which only the editor's own page carries.

use crate::diag::Diagnostic;

/// A fresh random token for this process: 128 bits from the system's generator, as hex.
pub fn new_token() -> Result<String, Diagnostic> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        Diagnostic::error(format!(
            "no se puede generar la clave del editor ({e}): el editor de planes queda apagado"
        ))
        .help("el sistema no dio números aleatorios; la vista previa funciona igual")
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `host` (the `Host` header) names the loopback address and port served.
pub fn host_ok(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}"))
}

/// Whether `origin` (the `Origin` header, if sent) is the editor's own origin. A request
/// without one is a same-origin GET or a tool, which the other checks cover.
pub fn origin_ok(origin: Option<&str>, port: u16) -> bool {
    match origin {
        None => true,
        Some(origin) => origin
            .strip_prefix("http://")
            .is_some_and(|host| host_ok(Some(host), port)),
    }
}

/// Whether `sent` (the `X-Senda-Token` header) is the token, compared in time independent
/// of where they differ.
pub fn token_ok(sent: Option<&str>, token: &str) -> bool {
    let Some(sent) = sent else {
        return false;
    };
    sent.len() == token.len()
        && sent
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `id` if it is a valid plan id (the rule of `senda new plan`), so it names
/// `content/planes/<id>.toml` and nothing else: no `/`, no `.`, hence never a
/// `*.privado.toml`; else the Spanish reason.
pub fn plan_id(id: &str) -> Result<&str, String> {
    match crate::plan::check_new_id(id) {
        Ok(()) => Ok(id),
        Err(_) => Err(format!(
            "«{id}» no es un id de plan válido: use minúsculas sin tildes, dígitos y guiones, p. ej. ie70999-nueva-esperanza-2025"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_loopback_names_of_this_port_are_accepted() {
        assert!(host_ok(Some("127.0.0.1:8080"), 8080));
        assert!(host_ok(Some("LOCALHOST:8080"), 8080));
        assert!(host_ok(Some("[::1]:8080"), 8080));
        for host in [
            "127.0.0.1:8081",
            "127.0.0.1",
            "evil.example:8080",
            "127.0.0.1.nip.io:8080",
        ] {
            assert!(!host_ok(Some(host), 8080), "{host}");
        }
        assert!(!host_ok(None, 8080));
    }

    #[test]
    fn foreign_origins_and_null_are_refused() {
        assert!(origin_ok(None, 1));
        assert!(origin_ok(Some("http://127.0.0.1:1"), 1));
        for origin in [
            "null",
            "https://127.0.0.1:1",
            "http://evil.example:1",
            "http://127.0.0.1:2",
        ] {
            assert!(!origin_ok(Some(origin), 1), "{origin}");
        }
    }

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (new_token().expect("token"), new_token().expect("token"));
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(token_ok(Some(&a), &a));
        assert!(!token_ok(Some(&a[..31]), &a));
        assert!(!token_ok(Some(&b), &a));
        assert!(!token_ok(None, &a));
    }

    #[test]
    fn plan_ids_are_the_one_rule() {
        assert!(plan_id("ie70999-2025").is_ok());
        for id in ["../x", "x.privado", "IE1", "", "a/b", "con"] {
            assert!(plan_id(id).is_err(), "{id}");
        }
    }
}
