//! The diagnostics of the link check over the output (`linkcheck`), of
//! `senda check --external`, and of feeds.

super::table! {
    /// What the link check and the feeds say.
    Links {
        NoFile => "enlace roto: `{}` no lleva a ningún archivo del sitio",
            "broken link: `{}` leads to no file of the site";
        NoFileHelp => "un enlace relativo se lee desde la carpeta de la página publicada (`{}`), no desde content/: revise el nombre, o enlace un archivo de content/ con `@/…`",
            "a relative link is read from the published page's folder (`{}`), not from content/: check the name, or link a file under content/ with `@/…`";
        BesideSource => "la página se publica en `{}`, y el enlace se lee desde allí; para el archivo junto al Markdown escriba `{}`",
            "the page is published at `{}`, and the link is read from there; for the file beside the Markdown write `{}`";
        OutsideHelp => "sale de la carpeta del sitio (`base_url`): enlace una página del sitio, o escriba la dirección completa `https://…`",
            "it leaves the site's folder (`base_url`): link a page of the site, or write the whole address `https://…`";
        NoSlashHelp => "`{0}` es una carpeta: escriba `{0}/`, que funciona también abierto desde el disco (file://)",
            "`{0}` is a folder: write `{0}/`, which also works when opened from disk (file://)";
        NoAnchor => "enlace roto: `{}` lleva a {}, que no tiene ningún elemento con ese id",
            "broken link: `{}` leads to {}, which has no element with that id";
        NoAnchorOwn => "enlace roto: la página no tiene ningún elemento con el id de `{}`",
            "broken link: the page has no element with the id of `{}`";
        NoAnchorHelp => "el `#…` debe ser el id de un encabezado o elemento de la página de destino",
            "the `#…` must be the id of a heading or element of the target page";
        InTemplate => "la plantilla escribe este enlace en la página {}",
            "the template writes this link on the page {}";
        InTemplateMore => "la plantilla escribe este enlace en la página {} y en {} más",
            "the template writes this link on the page {} and {} more";

        ExternalFailed => "enlace externo roto: {} ({})", "broken external link: {} ({})";
        ExternalStatus => "respuesta {}", "status {}";
        ExternalHelp => "revise la dirección en un navegador; si el sitio cambió, actualice el enlace",
            "check the address in a browser; if the site moved, update the link";
        ExternalNotChecked => "no se comprobaron {} enlaces externos: se acabó el tiempo de {} s",
            "{} external links were not checked: the {} s time limit ran out";
        ExternalNotCheckedHelp => "vuelva a ejecutar `senda check --external` con una conexión más rápida",
            "run `senda check --external` again on a faster connection";
        ExternalSummary => "{} de {} enlaces externos fallaron", "{} of {} external links failed";
        ExternalSummaryHelp => "cada enlace roto se muestra a continuación, en el lugar donde está escrito",
            "each broken link is shown below, where it is written";
        Timeout => "sin respuesta a tiempo", "no answer in time";
        NoConnection => "sin conexión: {}", "no connection: {}";

        FeedFilename => "`feed_filenames` solo puede nombrar `atom.xml`, no `{}`",
            "`feed_filenames` can name only `atom.xml`, not `{}`";
        FeedFilenameHelp => "senda escribe feeds Atom: escriba `feed_filenames = [\"atom.xml\"]`",
            "senda writes Atom feeds: write `feed_filenames = [\"atom.xml\"]`";
    }
}
