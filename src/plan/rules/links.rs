//! E19 and W10: every link of a plan is http(s), and goes to the publisher it cites.

use toml::Spanned;

use super::super::model::Plan;
use super::super::vocab;
use super::Checker;
use crate::diag::Code;

impl Checker<'_, '_> {
    pub(super) fn urls(&mut self, plan: &Plan) {
        let mut urls: Vec<(&Spanned<String>, String)> = Vec::new();
        for n in &plan.bases_legales {
            let n = n.get_ref();
            if let Some(url) = &n.url {
                urls.push((
                    url,
                    format!(
                        "{} {}",
                        n.emisor.as_ref().map_or("", |e| e.get_ref()),
                        n.titulo.as_ref().map_or("", |t| t.get_ref())
                    ),
                ));
            }
        }
        for r in &plan.bibliografia {
            if let Some(url) = &r.url {
                urls.push((
                    url,
                    format!(
                        "{} {}",
                        r.autor.as_ref().map_or("", |a| a.get_ref()),
                        r.titulo.get_ref()
                    ),
                ));
            }
        }
        for a in &plan.anexos {
            let a = a.get_ref();
            if let Some(url) = &a.url {
                urls.push((
                    url,
                    a.titulo
                        .as_ref()
                        .map_or(String::new(), |t| t.get_ref().clone()),
                ));
            }
        }
        if let Some(web) = plan
            .institucion
            .as_ref()
            .and_then(|i| i.get_ref().contacto.as_ref())
            .and_then(|c| c.web.as_ref())
        {
            urls.push((web, String::new()));
        }
        for (url, described) in urls {
            let Some(host) = url_host(url.get_ref()) else {
                let fixed = format!("https://{}", url.get_ref().trim());
                let help = if url_host(&fixed).is_some() && !url.get_ref().contains("://") {
                    format!("las direcciones empiezan con https:// (o http://): `{fixed}`")
                } else {
                    "las direcciones empiezan con https:// (o http://)".to_string()
                };
                self.error(
                    Code::E19,
                    url.span(),
                    format!("`{}` no es una dirección web", url.get_ref()),
                    help,
                );
                continue;
            };
            if let Some(expected) = vocab::expected_hosts(&described)
                && !expected
                    .iter()
                    .any(|e| host == *e || host.ends_with(&format!(".{e}")))
            {
                self.warning(
                    Code::W10,
                    url.span(),
                    format!("el enlace lleva a `{host}`, que no corresponde a la fuente citada"),
                    format!(
                        "la fuente parece ser de {}: verifique el enlace",
                        expected.join(" o ")
                    ),
                );
            }
        }
    }
}

/// The host of an http(s) URL, lowercased. Schemes and hosts are case-insensitive
/// (RFC 3986), so `HTTPS://WWW.MINEDU.GOB.PE/` is as good as its lowercase spelling.
fn url_host(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty() && host.contains('.')).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_cases;
    use super::url_host;
    use crate::diag::Code::{E19, W10};

    #[test]
    fn link_rules() {
        let reference = |autor: &str, url: &str| {
            format!("[[bibliografia]]\nautor = \"{autor}\"\ntitulo = \"Guía\"\nurl = \"{url}\"\n")
        };
        check_cases(
            &[
                (
                    &reference("MINEDU", "https://www.minedu.gob.pe/guia.pdf"),
                    &[],
                ),
                (&reference("MINEDU", "www.minedu.gob.pe/guia.pdf"), &[E19]),
                (&reference("Pérez", "ftp://archivo.pe/guia"), &[E19]),
                (&reference("MINEDU", "https://example.com/guia.pdf"), &[W10]),
                (&reference("Pérez", "https://example.com/guia.pdf"), &[]),
                (
                    "[[anexos]]\ntitulo = \"Ficha de UNESCO\"\nurl = \"https://unesco.org/x\"\n",
                    &[],
                ),
                (
                    "[[bases_legales]]\nemisor = \"MINEDU\"\nurl = \"http://\"\n",
                    &[E19],
                ),
                (
                    "[institucion]\n[institucion.contacto]\nweb = \"ie.edu.pe\"\n",
                    &[E19],
                ),
            ],
            |check, plan, _| check.urls(plan),
        );
    }

    #[test]
    fn schemes_and_hosts_are_case_insensitive() {
        assert_eq!(
            url_host("HTTPS://WWW.Minedu.gob.pe/x").as_deref(),
            Some("www.minedu.gob.pe")
        );
        assert_eq!(url_host("Http://a.pe").as_deref(), Some("a.pe"));
        assert_eq!(url_host("ftp://a.pe"), None);
        assert_eq!(url_host("www.minedu.gob.pe"), None);
    }
}
