//! What `main.rs` prints: summaries, `new`, `import`, `serve`'s notices, the command line's
//! help and its usage errors.

super::table! {
    /// The command line's own texts.
    Cli {
        // Counts, each with its number in `{}`.
        ErrorOne => "1 error", "1 error";
        ErrorMany => "{} errores", "{} errors";
        WarningOne => "1 advertencia", "1 warning";
        WarningMany => "{} advertencias", "{} warnings";
        PageOne => "1 página", "1 page";
        PageMany => "{} páginas", "{} pages";
        SectionOne => "1 sección", "1 section";
        SectionMany => "{} secciones", "{} sections";
        PlanOne => "1 plan", "1 plan";
        PlanMany => "{} planes", "{} plans";
        PrivatePageOne => "1 página privada", "1 private page";
        PrivatePageMany => "{} páginas privadas", "{} private pages";
        PrivateFileOne => "1 archivo privado", "1 private file";
        PrivateFileMany => "{} archivos privados", "{} private files";
        TeacherNewOne => "1 docente nuevo", "1 new teacher";
        TeacherNewMany => "{} docentes nuevos", "{} new teachers";
        TeacherUpdatedOne => "1 actualizado", "1 updated";
        TeacherUpdatedMany => "{} actualizados", "{} updated";
        VisitNewOne => "1 visita nueva", "1 new visit";
        VisitNewMany => "{} visitas nuevas", "{} new visits";
        VisitUpdatedOne => "1 actualizada", "1 updated";
        VisitUpdatedMany => "{} actualizadas", "{} updated";
        FileChangedOne => "1 archivo cambiado", "1 file changed";
        FileChangedMany => "{} archivos cambiados", "{} files changed";

        // Summaries: `{}` is a list of counts such as "20 páginas, 7 secciones, 2 planes".
        Built => "Sitio construido: {} en {} s -> {}/", "Built {} in {} s -> {}/";
        Checked => "Sitio revisado: {} en {} s", "Checked {} in {} s";
        WrotePrivate => "Planificadores escritos: {} a partir de {} en {} s -> {}/ (datos personales: no los publique)",
            "Wrote {} from {} in {} s -> {}/ (personal data: do not publish)";
        Warned => " ({})", " ({})";
        // `{}` is "2 errores" or "2 errores, 3 advertencias".
        FailedWrite => "{}; no se escribió nada, la salida anterior no cambió",
            "{} found; nothing was written, the previous output is unchanged";
        FailedCheck => "senda check encontró {}", "senda check found {}";

        // senda new plan, senda import.
        NewPlan => "Escrito {}: complételo y luego ejecute `senda check`",
            "Wrote {}: fill it in, then run `senda check`";
        NewPlanFrom => "Escrito {}: el plan {} (borrador) a partir de `{}`; escriba la resolución y el nombre del año, luego ejecute `senda check`",
            "Wrote {}: the {} plan (a draft) from `{}`; write the resolution and the year's name, then run `senda check`";
        Initialized => "Sitio nuevo en {} ({} archivos): ejecute `senda serve` en esa carpeta para verlo",
            "New site in {} ({} files): run `senda serve` in that folder to see it";
        NewPage => "Escrita {}: escriba su título, descripción y texto", "Wrote {}: write its title, description and text";
        NewSection => "Escrita {}: escriba su título y descripción, y agregue páginas en esa carpeta",
            "Wrote {}: write its title and description, and add pages in that folder";
        Zipped => "Sitio comprimido: {} archivos -> {}", "Zipped {} files -> {}";
        ImportNothingWritten => "{}; no se escribió nada", "{}; nothing was written";
        Imported => "{}: {}, {}", "{}: {}, {}";
        ImportChecked => "el plan se escribió, pero `senda check` encuentra {}: corríjalos antes de publicar",
            "the plan was written, but `senda check` finds {}: fix them before publishing";
        ImportWarned => "senda check: {}", "senda check: {}";

        // senda serve.
        Exposed => "advertencia: escucha en {}: la vista previa es visible para la red; el editor de planes queda apagado (solo se ofrece en 127.0.0.1, [::1] o localhost)",
            "warning: listening on {}: the preview is visible to the network; the plan editor is off (it is only offered on 127.0.0.1, [::1] or localhost)";
        ExposedDrafts => "advertencia: escucha en {}: la vista previa, con los borradores, es visible para la red; el editor de planes queda apagado (solo se ofrece en 127.0.0.1, [::1] o localhost)",
            "warning: listening on {}: the preview, drafts included, is visible to the network; the plan editor is off (it is only offered on 127.0.0.1, [::1] or localhost)";
        Editor => "Editor de planes: {}", "Plan editor: {}";
        Serving => "Sirviendo {} en {} (Ctrl+C para detener)", "Serving {} at {} (Ctrl+C to stop)";
        ServeBuilt => "Construido en {} ms ({})", "Built in {} ms ({})";
        ServeRebuilt => "Reconstruido en {} ms ({})", "Rebuilt in {} ms ({})";
        ServeFailed => "La reconstrucción falló: se sigue sirviendo la última versión correcta",
            "Rebuild failed: still serving the last good version";
        ServeWarning => "advertencia: {}", "warning: {}";
        NoAccept => "no se pueden aceptar conexiones ({}); se reintenta",
            "cannot accept connections ({}); retrying";
        TooManyConnections => "más de {} conexiones a la vez; se responde 503 a las demás",
            "more than {} connections at once; answering 503 to the rest";
        NoThread => "no se puede abrir un hilo para una conexión ({}); se cerró",
            "cannot start a thread for a connection ({}); dropped it";
    }
}
