//! The diagnostics of loading, resolving, rendering and writing a site, and their labels.

super::table! {
    /// What the library says about a site: `diag`'s labels and the stages' diagnostics.
    Site {
        // diag::render's labels.
        LabelError => "error", "error";
        LabelWarning => "advertencia", "warning";
        LabelHelp => "ayuda", "help";

        // Shared helps.
        DidYouMean => "¿quiso decir `{}`?", "did you mean `{}`?";

        // resolve::links: `@/` links, anchors and heading ids.
        NoAnchorThere => "enlace roto: `{}` no tiene ningún encabezado con el id `{}`",
            "broken link: `{}` has no heading with the id `{}`";
        NoAnchorHere => "enlace roto: esta página no tiene ningún encabezado con el id `{}`",
            "broken link: this page has no heading with the id `{}`";
        NoHeadings => "el destino no tiene encabezados; enlace la página sin `#…`",
            "the target has no headings; link to the page without `#…`";
        IdsThere => "los ids de allí son: {}", "the ids there are: {}";
        IdTwice => "el id de encabezado `{}` se usa dos veces en esta página",
            "the heading id `{}` is used twice on this page";
        IdTwiceHelp => "el primer encabezado con `{{#{0}}}` está en la línea {1}; dé a cada encabezado su propio id, o quite `{{#{0}}}` para que se tome del texto del encabezado",
            "the first heading with `{{#{0}}}` is on line {1}; give each heading its own id, or remove `{{#{0}}}` to get one from the heading's text";
        IdReserved => "el id de encabezado `{}` está reservado: el tema senda se lo da a un elemento propio",
            "the heading id `{}` is reserved: the senda theme gives it to an element of its own";
        IdReservedHelp => "elija otro id, p. ej. `{{#{0}-guia}}`: un enlace a `#{0}` llegaría al elemento del tema, no a este encabezado",
            "choose another id, e.g. `{{#{0}-guia}}`: a link to `#{0}` would reach the theme's element, not this heading";
        LinkToDraft => "enlace roto: `@/{}` es un borrador, dejado fuera de esta construcción",
            "broken link: `@/{}` is a draft, left out of this build";
        LinkToDraftHelp => "publíquelo (quite `draft = true`), construya con --drafts, o quite el enlace",
            "publish it (remove `draft = true`), build with --drafts, or remove the link";
        LinkMissing => "enlace roto: `@/{}` no existe en content/", "broken link: `@/{}` does not exist in content/";
        LinkMissingHelp => "los enlaces `@/` nombran un archivo de content/, p. ej. `@/guias/que-es.md` o `@/guias/_index.md`",
            "`@/` links name a file under content/, e.g. `@/guias/que-es.md` or `@/guias/_index.md`";

        // images: Markdown images sized and checked.
        ImageNoAlt => "la imagen `{}` no tiene texto alternativo",
            "the image `{}` has no alt text";
        ImageNoAltHelp => "describa la imagen entre los corchetes, p. ej. `![Docente y acompañante revisando la ficha](foto.jpg)`: es lo que lee un lector de pantalla, y lo que ve quien tiene una conexión que no carga la foto",
            "describe the image between the brackets, e.g. `![Teacher and mentor reviewing the form](photo.jpg)`: screen readers read it, and it is what a connection too slow for the photo shows";
        ImageUnreadable => "no se puede leer la imagen: {}", "cannot read the image: {}";
        ImageUnreadableHelp => "guarde la foto de nuevo como JPEG o PNG (p. ej. con «Exportar» de su editor de imágenes)",
            "save the photo again as a JPEG or PNG (e.g. with your image editor's \"Export\")";
        ResizeImageMissing => "resize_image: no se encuentra `{}` en la raíz del sitio, static/ ni content/",
            "resize_image: `{}` not found in the site's root, static/ or content/";
        ResizeImageBad => "resize_image: {}", "resize_image: {}";

        // load::config: site.toml and the theme's settings.
        NoConfig => "no se puede leer {}: {}", "cannot read {}: {}";
        NoConfigHelp => "ejecute senda en la carpeta que contiene {}, o pase --root CARPETA",
            "run senda in the folder that holds {}, or pass --root DIR";
        BadBaseUrl => "`base_url` debe ser una dirección http(s) absoluta, no `{}`",
            "`base_url` must be an absolute http(s) URL, not `{}`";
        BadBaseUrlHelp => "escriba la dirección donde se publicará el sitio, p. ej. `base_url = \"https://example.org/portal/\"`",
            "write the address where the site will be published, e.g. `base_url = \"https://example.org/portal/\"`";
        ThemeNotAName => "`theme` debe ser el nombre de una carpeta de themes/, no `{}`",
            "`theme` must be the name of a folder in themes/, not `{}`";
        ThemeNotANameHelp => "escriba solo el nombre de la carpeta, sin `/`, `\\` ni `..`: uno de {}",
            "write only the folder's name, without `/`, `\\` or `..`: one of {}";
        ThemeMissing => "no se encuentra el tema `{0}` en themes/{0}/", "theme `{0}` not found in themes/{0}/";
        ThemeMissingHelp => "cree themes/{0}/templates/, o ponga en `theme` uno de: {1}",
            "create themes/{0}/templates/, or set `theme` to one of: {1}";
        NoHome => "`output_dir` empieza con `~`, pero HOME no está definido, así que no nombra ninguna carpeta",
            "`output_dir` starts with `~`, but HOME is not set, so it names no folder";
        NoHomeHelp => "escriba la ruta completa de la carpeta, o una ruta relativa al sitio",
            "write the folder's whole path, or a path relative to the site";
        NoThemeSettings => "no se puede leer la configuración del tema: {}", "cannot read the theme's settings: {}";
        NoThemeSettingsHelp => "theme.toml debe ser un archivo de texto UTF-8 legible",
            "theme.toml must be a readable UTF-8 text file";
        UnknownString => "clave desconocida `{}` en [strings]", "unknown key `{}` in [strings]";
        UnknownStringHelp => "quítela; los textos del tema `{0}` son las claves de [strings] en themes/{0}/{1}",
            "remove it; the strings of theme `{0}` are the keys of [strings] in themes/{0}/{1}";
        ControlInConfig => "un texto de {} contiene el carácter de control U+{}",
            "a text in {} contains the control character U+{}";
        ControlInConfigHelp => "quítelo: la configuración es texto simple (saltos de línea y tabulaciones solo en textos libres como `description`)",
            "remove it: settings are plain text (line breaks and tabs only in free text such as `description`)";

        // load::front_matter.
        NoFrontMatter => "falta la cabecera: el archivo debe empezar con una línea `+++`",
            "missing front matter: the file must start with a `+++` line";
        NoFrontMatterHelp => "empiece el archivo con\n      +++\n      title = \"Título de la página\"\n      +++",
            "start the file with\n      +++\n      title = \"Título de la página\"\n      +++";
        FrontMatterOpen => "la cabecera nunca se cierra: no hay una segunda línea `+++`",
            "the front matter is never closed: no second `+++` line";
        FrontMatterOpenHelp => "agregue una línea con solo `+++` después de la última clave de la cabecera",
            "add a line with only `+++` after the last front matter key";
        EmptyTitle => "`title` está vacío", "`title` is empty";
        EmptyTitleHelp => "escriba el título de la página, p. ej. `title = \"Visita en aula\"`",
            "write the page's title, e.g. `title = \"Visita en aula\"`";
        BadDate => "`date` no es una fecha", "`date` is not a date";
        BadDateHelp => "escríbala como año-mes-día, p. ej. `date = 2024-07-12`",
            "write it as year-month-day, e.g. `date = 2024-07-12`";

        // fs: the walk of the site and its text files.
        BadName => "el nombre `{}` no puede ser un archivo del sitio: {}", "the name `{}` cannot be a file of the site: {}";
        BackslashHelp => "cámbielo, p. ej. con `-` en lugar de `\\`", "rename it, e.g. with `-` in place of `\\`";
        Symlink => "`{}` es un enlace simbólico: se omite", "`{}` is a symbolic link: skipped";
        SymlinkHelp => "senda nunca sigue enlaces, que pueden apuntar fuera del sitio: ponga aquí el archivo mismo",
            "senda never follows links, which may point outside the site: put the file itself here";
        CannotRead => "no se puede leer {}: {}", "cannot read {}: {}";
        CannotReadFile => "no se puede leer el archivo", "cannot read file";
        NotUtf8 => "el archivo no es texto UTF-8 (byte 0x{} en la línea {}, columna {})",
            "the file is not UTF-8 text (byte 0x{} at line {}, column {})";
        NotUtf8Help => "guarde el archivo con la codificación UTF-8 (en la mayoría de editores: Guardar como… > Codificación > UTF-8)",
            "save the file with UTF-8 encoding (in most editors: Save as… > Encoding > UTF-8)";

        // names: what every disk accepts as a file name.
        NameDevice => "`{}` es un nombre de dispositivo en Windows, que no puede abrir un archivo así llamado (con ninguna extensión): el sitio no abriría allí desde una memoria USB",
            "`{}` is a device name on Windows, which cannot open such a file (with any extension), so the site would not open from a USB stick there";
        NameCharacter => "contiene {}, que Windows no admite en nombres de archivo",
            "it contains {}, which Windows does not allow in file names";
        NameTrailing => "termina en un punto o un espacio, que Windows quita de los nombres de archivo",
            "it ends with a dot or a space, which Windows drops from file names";
        NameTooLong => "tiene {} bytes, y los sistemas de archivos admiten como mucho {}",
            "it is {} bytes long, and file systems allow at most {}";
        ControlCharacter => "el carácter de control U+{}", "the control character U+{}";
        PathTooLong => "la ruta tiene {} bytes, y con la carpeta de salida ({} bytes) y lugar para la carpeta temporal de senda pasa de los {} bytes que el sistema abre",
            "the path is {} bytes long, and with the output folder ({} bytes) and room for senda's staging folder it passes the {} bytes the system opens";
        OutputUnwritable => "el archivo de salida `{}` no se puede escribir: {}", "the output file `{}` cannot be written: {}";
        OutputUnwritableCopy => "cambie el nombre del archivo del que se copia", "rename the file it is copied from";
        OutputUnwritableHelp => "cambie el nombre de aquello de lo que sale (una página o carpeta de content/, la `ugel` de un plan o el id de un docente), o elija una carpeta de salida con una ruta más corta",
            "rename what it is made from (a page or folder of content/, a plan's `ugel` or teacher id), or choose an output folder with a shorter path";

        // write::safety: the output folder.
        OutputRestored => "faltaba la carpeta de salida {}: se restauró desde {}, que dejó una construcción interrumpida",
            "the output folder {} was missing: restored it from {}, left by a build that was interrupted";
        CannotWrite => "no se puede escribir el sitio en {}: {}", "cannot write the site into {}: {}";
        CannotWriteHelp => "revise que se pueda escribir en la carpeta que contiene la de salida; la salida anterior se conservó",
            "check that the output folder's parent is writable; the previous output was kept";
        Locked => "otra construcción de senda está escribiendo en {}", "another senda build is writing into {}";
        LockedHelp => "espere a que termine, o construya en otra carpeta --output",
            "wait for it to finish, or build into another --output folder";
        Refused => "no se escribe el sitio en {}: {}", "refusing to write the site into {}: {}";
        RefusedHelp => "elija una carpeta de salida propia, p. ej. `--output public`",
            "choose an output folder of its own, e.g. `--output public`";
        WhyRoot => "es la raíz del sistema de archivos", "it is the root of the file system";
        WhyHome => "es su carpeta personal", "it is your home folder";
        WhySite => "es la carpeta del sitio o la contiene", "it is the site's folder or contains it";
        WhyInsideSource => "está dentro de la carpeta {}/ del sitio", "it is inside the site's {}/ folder";
        WhyLooksLikeSite => "contiene {}, así que parece un sitio, no una salida",
            "it contains {}, so it looks like a site, not an output";
        WhyFile => "es un archivo", "it is a file";
        PrivateHelp => "pase en --output una carpeta propia, fuera del sitio y de su salida pública, p. ej. `--output ../planificadores`",
            "pass --output with a folder of its own outside the site and its public output, e.g. `--output ../planificadores`";
        PrivateNeedsOutput => "--private necesita una carpeta --output explícita", "--private needs an explicit --output folder";
        PrivateRefused => "no se escriben los planificadores privados en {}: {}", "refusing to write private planners into {}: {}";
        WhyInsideSite => "está dentro del sitio, junto a lo que se publica", "it is inside the site, next to what gets published";
        WhyPublicOutput => "es la carpeta de salida pública del sitio (`output_dir`)",
            "it is the site's public output folder (`output_dir`)";
        WhyInsidePublic => "está dentro de la carpeta de salida pública del sitio {}",
            "it is inside the site's public output folder {}";
        WhyContainsPublic => "contiene la carpeta de salida pública del sitio {}",
            "it contains the site's public output folder {}";
        WhyInsideSenda => "está dentro de {}, un sitio público escrito por senda", "it is inside {}, a public site written by senda";
        PrivateOverPublic => "no se escriben los planificadores privados en {}: contiene un sitio público escrito por senda (tiene un archivo {})",
            "refusing to write private planners into {}: it holds a public site written by senda (it has a {} file)";
        PrivateOverPublicHelp => "los planificadores privados nunca reemplazan un sitio publicado: elija otra carpeta --output; si esta solo tiene planificadores escritos por un senda anterior, bórrela antes",
            "private planners never replace a published site: choose another --output folder; if this one holds only planners written by an older senda, delete it first";
        PublicOverPrivate => "no se reemplaza {}: contiene planificadores privados escritos por `senda build --private`",
            "refusing to replace {}: it holds private planners written by `senda build --private`";
        PublicOverPrivateHelp => "elija otra carpeta --output, o pase --force para reemplazar los planificadores por el sitio público",
            "choose another --output folder, or pass --force to replace the planners with the public site";
        NotOurs => "no se reemplaza {}: no está vacía y no la escribió senda", "refusing to replace {}: it is not empty and senda did not write it";
        NotOursHelp => "elija otra carpeta --output, vacíe esta, o pase --force para reemplazarla",
            "choose another --output folder, empty this one, or pass --force to replace it";

        // load::tree and load::content: names, URLs, bundles.
        BadNameWritten => "el nombre `{}` (escrito `{}`) no puede ser un archivo del sitio: {}",
            "the name `{}` (written as `{}`) cannot be a file of the site: {}";
        ShortenIt => "acórtelo", "shorten it";
        RenameDevice => "cámbielo, p. ej. con una palabra más (`consejo`, `aux-docente`)",
            "rename it, e.g. with a word more (`consejo`, `aux-docente`)";
        NameHasCharacter => "contiene `{}`", "it contains `{}`";
        NameEmpty => "no le queda ninguna letra ni dígito", "no letter or digit is left of it";
        NotUrlName => "el nombre `{}` no puede ser parte de una dirección: {}", "the name `{}` cannot become part of a URL: {}";
        NotUrlNameHelp => "cámbielo usando solo letras, dígitos, espacios, `-` y `_`, p. ej. `visita-en-aula.md`",
            "rename it using only letters, digits, spaces, `-` and `_`, e.g. `visita-en-aula.md`";
        SameUrl => "`content/{}` y `content/{}` dan la misma dirección /{}", "`content/{}` and `content/{}` both become the URL /{}";
        SameUrlHelp => "cambie el nombre o el lugar de uno de ellos; las direcciones salen de los nombres de archivo, sin tildes ni mayúsculas",
            "rename or move one of them; URLs are made from file names with accents and capitals folded";
        InBundle => "`{}` está dentro de la página con carpeta `{}` (una carpeta con index.md), que no puede contener otras páginas",
            "`{}` is inside the page bundle `{}` (a folder with index.md), which cannot hold other pages";
        InBundleHelp => "sáquelo de {0}, o cambie {0}index.md por _index.md para que la carpeta sea una sección",
            "move it out of {0}, or rename {0}index.md to _index.md to make the folder a section";
        NoContent => "el sitio no tiene carpeta content/", "the site has no content/ folder";
        NoContentHelp => "cree content/_index.md para la página de inicio", "create content/_index.md for the home page";

        // pipeline: writing the output.
        CannotWriteSite => "no se puede escribir el sitio: {}", "cannot write the site: {}";
        CannotWriteSiteHelp => "revise que exista la carpeta que contiene la de salida y que se pueda escribir en ella; la salida anterior se conservó",
            "check that the output folder's parent exists and is writable; the previous output was kept";
        TwoFiles => "dos archivos se escribirían en `{}`: {} y {}", "two files would be written to `{}`: {} and {}";
        TwoFilesHelp => "cambie el nombre de uno de ellos o quítelo", "rename or remove one of them";
        TwoFilesRendered => "una página generada", "a rendered page";

        // senda new plan.
        PlanExists => "{} ya existe", "{} already exists";
        PlanExistsHelp => "edite ese archivo, o elija otro id; senda nunca sobrescribe un plan",
            "edit that file, or choose another id; senda never overwrites a plan";
        CannotWritePlan => "no se puede escribir {}: {}", "cannot write {}: {}";
        BadPlanId => "`{}` no puede ser el id de un plan", "`{}` cannot be a plan id";
        BadPlanIdHelp => "use minúsculas sin tildes, dígitos y guiones, p. ej. `ie70999-nueva-esperanza-2025`",
            "use lowercase letters without accents, digits and hyphens, e.g. `ie70999-nueva-esperanza-2025`";
        DevicePlanId => "`{}` no puede ser el id de un plan: `{}` es un nombre de dispositivo en Windows",
            "`{}` cannot be a plan id: `{}` is a device name on Windows";
        DevicePlanIdHelp => "Windows no puede abrir un archivo ni una carpeta con ese nombre, así que el sitio no abriría allí desde una memoria USB: elija otro id, p. ej. `ie70999-nueva-esperanza-2025`",
            "Windows cannot open a file or folder of that name, so the site would not open from a USB stick there: choose another id, e.g. `ie70999-nueva-esperanza-2025`";

        // load::front_matter: Zola's keys.
        BadPaginateBy => "`paginate_by` debe ser un número de páginas mayor que 0, no `{}`",
            "`paginate_by` must be a number of pages greater than 0, not `{}`";
        BadPaginateByHelp => "p. ej. `paginate_by = 10`, o quite la clave para listar todas las páginas juntas",
            "e.g. `paginate_by = 10`, or remove the key to list every page together";
        SectionKeyOnPage => "`{}` es una clave de sección: solo vale en un `_index.md`",
            "`{}` is a section key: it is allowed only in an `_index.md`";
        PageKeyOnSection => "`{}` es una clave de página: no vale en un `_index.md`",
            "`{}` is a page key: it is not allowed in an `_index.md`";
        MoveKeyHelp => "quite la clave, o muévala al archivo que corresponde",
            "remove the key, or move it to the file it belongs in";
        BadAlias => "el alias `{}` no es una dirección de este sitio", "the alias `{}` is not an address of this site";
        BadAliasHelp => "escriba la dirección antigua desde la raíz del sitio, sin `..` ni `://`, p. ej. `aliases = [\"guias/antigua/\"]`",
            "write the old address from the site's root, without `..` or `://`, e.g. `aliases = [\"guides/old/\"]`";

        // senda build --zip.
        ZipInsideOutput => "el ZIP {} quedaría dentro de la carpeta de salida", "the ZIP {} would be inside the output folder";
        ZipInsideOutputHelp => "la carpeta de salida se reemplaza en cada construcción: escriba el ZIP fuera de ella, p. ej. `--zip portal.zip`, o use `--zip` solo (junto a la carpeta de salida)",
            "the output folder is replaced on every build: write the ZIP outside it, e.g. `--zip portal.zip`, or give `--zip` alone (beside the output folder)";
        CannotZip => "no se puede escribir el ZIP {}: {}", "cannot write the ZIP {}: {}";

        // senda init, senda new page|section.
        InitNotFolder => "no se puede usar {} para un sitio nuevo: {}", "cannot use {} for a new site: {}";
        InitNotEmpty => "{} no está vacía", "{} is not empty";
        InitNotEmptyHelp => "senda init solo escribe en una carpeta nueva o vacía, para no reemplazar nada suyo: elija otra, p. ej. `senda init mi-portal`",
            "senda init only writes into a new or empty folder, so nothing of yours is replaced: choose another, e.g. `senda init my-portal`";
        NewExists => "{} ya existe", "{} already exists";
        NewExistsHelp => "edite ese archivo, o elija otro nombre; senda nunca sobrescribe un archivo",
            "edit that file, or choose another name; senda never overwrites a file";
        CannotWriteNew => "no se puede escribir {}: {}", "cannot write {}: {}";
        NewBadPath => "`{}` no puede ser una ruta dentro de content/: {}", "`{}` cannot be a path inside content/: {}";
        NewBadPathHelp => "escriba la ruta desde content/, con nombres en minúsculas y guiones, p. ej. `guias/primera-visita.md`",
            "write the path from content/, with lowercase names and hyphens, e.g. `guias/primera-visita.md`";
        NewPathOutside => "la ruta sale de content/ o está vacía", "the path leaves content/ or is empty";
        NewPageIsSection => "`_index.md` es la página de una sección: use `senda new section`",
            "`_index.md` is a section's page: use `senda new section`";
        NewPageBody => "Escriba aquí el texto de la página, en Markdown.", "Write the page's text here, in Markdown.";
        NewSectionBody => "Escriba aquí la introducción de la sección, en Markdown; sus páginas van en esta misma carpeta.",
            "Write the section's introduction here, in Markdown; its pages go in this same folder.";

        // render: templates and their errors.
        NoTemplate => "no se encuentra la plantilla `{}`", "no `{}` template found";
        NoTemplateHelp => "agregue {} a {}", "add {} to {}";
        Or => " o ", " or ";
        TemplatesNotCombined => "las plantillas no se pueden combinar: {}", "templates cannot be combined: {}";
        TemplatesNotCombinedHelp => "revise los nombres de `{{% extends %}}` y `{{% include %}}`",
            "check the names in `{{% extends %}}` and `{{% include %}}`";
        CannotReadTemplate => "no se puede leer la plantilla", "cannot read template";
        CannotReadTemplateHelp => "las plantillas deben ser archivos de texto UTF-8", "templates must be UTF-8 text files";
        GetUrlMissing => "get_url: `{}` no existe en content/ (una ruta `@/` nombra un archivo de content/)",
            "get_url: `{}` does not exist in content/ (an `@/` path names a file under content/)";
        GetSectionMissing => "get_section: `{}` no es una sección de content/ (nombre su `_index.md`, p. ej. `blog/_index.md`){}",
            "get_section: `{}` is not a section of content/ (name its `_index.md`, e.g. `blog/_index.md`){}";
        GetPageMissing => "get_page: `{}` no es una página de content/ (nombre su archivo, p. ej. `blog/primera.md`){}",
            "get_page: `{}` is not a page of content/ (name its file, e.g. `blog/first.md`){}";
        SuggestInline => "; ¿quiso decir `{}`?", "; did you mean `{}`?";
        LoadDataOutside => "load_data: `{}` no está dentro de la carpeta del sitio (escriba una ruta relativa al sitio, sin `..`)",
            "load_data: `{}` is not inside the site folder (write a path relative to the site, without `..`)";
        LoadDataUnread => "load_data: no se puede leer `{}`: {}", "load_data: cannot read `{}`: {}";
        LoadDataFormat => "load_data: formato desconocido `{}` (use `toml`, `json`, `csv` o `plain`)",
            "load_data: unknown format `{}` (use `toml`, `json`, `csv` or `plain`)";
        LoadDataBad => "load_data: `{}` no es {} válido: {}", "load_data: `{}` is not valid {}: {}";
        DateFilterBad => "date: `{}` no es una fecha AAAA-MM-DD", "date: `{}` is not a YYYY-MM-DD date";
        DateFormatBad => "date: `%{}` no es un formato conocido (use %Y, %y, %m, %d, %e, %B, %b, %A, %a, %j, %F, %H, %M, %S, %%)",
            "date: `%{}` is not a known format (use %Y, %y, %m, %d, %e, %B, %b, %A, %a, %j, %F, %H, %M, %S, %%)";
        UnknownTemplate => "plantilla desconocida `{}`", "unknown template `{}`";
        UnknownTemplateHelp => "use una de: {}, o agregue templates/{}", "use one of: {}, or add templates/{}";
        TemplateSyntaxError => "error de sintaxis en una plantilla: {}", "template syntax error: {}";
        TemplateError => "error en una plantilla: {}", "template error: {}";
        TemplateErrorIn => "error en la plantilla `{}`: {}", "template error in `{}`: {}";
        FixTemplateOn => "corrija la plantilla en esta línea (falló al generar {})",
            "fix the template at this line (it failed while rendering {})";
        FixTemplateOnAndOne => "corrija la plantilla en esta línea (falló al generar {} y otra página más)",
            "fix the template at this line (it failed while rendering {} and 1 other page)";
        FixTemplateOnAndMore => "corrija la plantilla en esta línea (falló al generar {} y {} páginas más)",
            "fix the template at this line (it failed while rendering {} and {} other pages)";
        FixTemplate => "corrija la plantilla en esta línea; la sintaxis de Tera: https://keats.github.io/tera/",
            "fix the template at this line; Tera's syntax: https://keats.github.io/tera/";
        FixTemplateOnMany => "corrija la plantilla en esta línea (falló en {} páginas); la sintaxis de Tera: https://keats.github.io/tera/",
            "fix the template at this line (it failed on {} pages); Tera's syntax: https://keats.github.io/tera/";

        StagingMarkerLost => "la carpeta temporal {} perdió su archivo de marca: otra cosa la cambió",
            "the staging folder {} lost its marker file: something else changed it";
        StagingChanged => "la carpeta temporal {} tiene {} archivos donde se escribieron {}: otra cosa la cambió",
            "the staging folder {} holds {} files where {} were written: something else changed it";

        // serve.
        ServeNoRoot => "no se puede abrir la carpeta del sitio {}: {}", "cannot open the site folder {}: {}";
        ServeNoRootHelp => "pase en --root la carpeta que contiene site.toml", "pass --root with the folder that holds site.toml";
        ServeNoListen => "no se puede escuchar en {}:{}: {}", "cannot listen on {}:{}: {}";
        ServeNoListenHelp => "el puerto probablemente está en uso: pase otro --port, o --port 0 para uno libre cualquiera",
            "the port is probably in use: pass another --port, or --port 0 for any free port";
        ServeNoWatch => "no se pueden vigilar los archivos del sitio: {}", "cannot watch the site's files: {}";
        ServeNoThread => "no se puede abrir el hilo del servidor: {}", "cannot start the server's thread: {}";

        // load::config and load::taxonomies: taxonomies.
        TaxonomyNoName => "la taxonomía `{}` no tiene un nombre que sirva de dirección",
            "the taxonomy `{}` has no name that can be a URL";
        TaxonomyNoNameHelp => "use letras o números en `name`, p. ej. `taxonomies = [{{ name = \"nivel\" }}]`",
            "use letters or digits in `name`, e.g. `taxonomies = [{{ name = \"nivel\" }}]`";
        TaxonomyTwice => "la taxonomía `{}` está declarada dos veces", "the taxonomy `{}` is declared twice";
        TaxonomyTwiceHelp => "deje una sola entrada con ese nombre en `taxonomies`",
            "keep one entry with that name in `taxonomies`";
        TaxonomyUndeclared => "taxonomía desconocida `{}`: {} no la declara", "unknown taxonomy `{}`: {} does not declare it";
        TaxonomyDeclareHelp => "declárela en {}: `taxonomies = [{{ name = \"{}\" }}]`",
            "declare it in {}: `taxonomies = [{{ name = \"{}\" }}]`";
        TaxonomyKnownHelp => "las taxonomías declaradas son {}; o agregue `{{ name = \"{2}\" }}` a `taxonomies` en {1}",
            "the declared taxonomies are {}; or add `{{ name = \"{2}\" }}` to `taxonomies` in {1}";
        TaxonomyOnSection => "una sección no lleva `[taxonomies]`: solo las páginas se clasifican",
            "a section takes no `[taxonomies]`: only pages are classified";
        TaxonomyOnSectionHelp => "quite `[taxonomies]` de este _index.md y póngalo en sus páginas",
            "remove `[taxonomies]` from this _index.md and put it in its pages";
        TermEmpty => "el término `{}` de `{}` queda vacío como dirección", "the term `{}` of `{}` is empty as a URL";
        TermEmptyHelp => "escriba el término con letras o números, p. ej. `nivel = [\"Primaria\"]`",
            "write the term with letters or digits, e.g. `nivel = [\"Primaria\"]`";
        TaxonomyClash => "la taxonomía `{}` usaría la dirección /{}, que ya es de otra página",
            "the taxonomy `{}` would use the URL /{}, which another page already has";
        TaxonomyClashHelp => "cambie el nombre de la taxonomía o de la carpeta de content/ con esa dirección",
            "rename the taxonomy, or the folder of content/ with that URL";
        GetTaxonomyUnknown => "`{}` no es una taxonomía declarada en site.toml", "`{}` is not a taxonomy declared in site.toml";
        GetTaxonomyUrlMissing => "la taxonomía `{}` no tiene el término `{}`", "the taxonomy `{}` has no term `{}`";

        // resolve::shortcodes: shortcode calls in Markdown.
        ShortcodeUnknown => "shortcode desconocido `{}`", "unknown shortcode `{}`";
        ShortcodeKnownHelp => "los shortcodes son {}; o agregue templates/shortcodes/{}.html",
            "the shortcodes are {}; or add templates/shortcodes/{}.html";
        ShortcodeNoneHelp => "este sitio no tiene shortcodes: agregue templates/shortcodes/{}.html",
            "this site has no shortcodes: add templates/shortcodes/{}.html";
        ShortcodeFailed => "el shortcode `{}` falló: {}", "the shortcode `{}` failed: {}";
        ShortcodeFailedHelp => "revise los argumentos de la llamada: los que usa `{}` están en su plantilla",
            "check the call's arguments: the ones `{}` uses are in its template";
        ShortcodeAt => "{} (en {}, línea {})", "{} (in {}, line {})";
        ShortcodeBadArgument => "argumento de shortcode mal escrito", "malformed shortcode argument";
        ShortcodeBadArgumentHelp => "escriba cada argumento como `nombre=valor`, separados por comas; un texto va entre comillas: `tipo=\"importante\"`",
            "write each argument as `name=value`, separated by commas; text goes in quotes: `tipo=\"importante\"`";
        ShortcodeOpenString => "a este texto le falta la comilla de cierre", "this text lacks its closing quote";
        ShortcodeOpenStringHelp => "cierre el texto con la misma comilla con que se abrió",
            "close the text with the quote it was opened with";
        ShortcodeBadClose => "la llamada al shortcode debe cerrarse con `{}`", "the shortcode call must end with `{}`";
        ShortcodeBadCloseHelp => "escriba `{}` después del `)` de los argumentos", "write `{}` after the arguments' `)`";
        ShortcodeUnclosed => "el cuerpo de este shortcode no se cierra", "this shortcode's body is never closed";
        ShortcodeUnclosedHelp => "cierre el cuerpo con `{{% end %}}` en su propia línea",
            "close the body with `{{% end %}}` on a line of its own";
        ShortcodeStrayEnd => "`{{% end %}}` sin un shortcode abierto", "`{{% end %}}` without an open shortcode";
        ShortcodeStrayEndHelp => "quítelo, o abra antes el cuerpo con `{{% nombre() %}}`",
            "remove it, or open a body before it with `{{% name() %}}`";
    }
}
