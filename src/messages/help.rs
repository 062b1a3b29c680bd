//! The command line's help (`senda --help`, `senda build --help`…) and its usage errors,
//! which main.rs puts into clap's `Command` at run time.

super::table! {
    /// Help texts, headings, value names and usage errors of the command line.
    Help {
        About => "Sitios estáticos para los planes de monitoreo y acompañamiento pedagógico y sus guías",
            "Static sites for pedagogical monitoring plans and guidance";
        Build => "Construye el sitio en la carpeta de salida (por defecto: `public`)",
            "Build the site into the output folder (default: `public`)";
        Check => "Hace todas las revisiones de una construcción, sin escribir nada",
            "Run every check a build makes, writing nothing";
        Serve => "Construye el sitio, lo sirve en http://127.0.0.1:1111/ y lo reconstruye en cada guardado",
            "Build the site, serve it at http://127.0.0.1:1111/ and rebuild on every save";
        New => "Empieza un archivo nuevo a partir de una plantilla comentada",
            "Start a new file from a commented template";
        NewPlan => "Escribe content/planes/<ID>.toml, un plan escolar para completar",
            "Write content/planes/<ID>.toml, a school plan to fill in";
        NewPage => "Escribe content/<RUTA>.md, una página nueva con su encabezado +++ (nunca sobre un archivo existente)",
            "Write content/<PATH>.md, a new page with its +++ front matter (never over an existing file)";
        NewSection => "Escribe content/<RUTA>/_index.md, una sección nueva con su encabezado +++ (nunca sobre un archivo existente)",
            "Write content/<PATH>/_index.md, a new section with its +++ front matter (never over an existing file)";
        Init => "Crea un sitio nuevo con el tema senda, una guía y un plan de ejemplo, en una carpeta nueva o vacía",
            "Create a new site with the senda theme, a sample guide and a sample plan, in a new or empty folder";
        Import => "Combina una hoja de cálculo (.csv, .xlsx, .ods) con un plan y luego revisa el sitio, o convierte un plan de Word en un borrador",
            "Merge a spreadsheet (.csv, .xlsx, .ods) into a plan, then check the site, or draft a plan from a Word document";
        ImportPlan => "El plan de una escuela en un documento de Word (.docx) o LibreOffice (.odt), convertido en un borrador content/planes/<ID_DEL_PLAN>.toml nuevo (nunca sobre uno existente)",
            "A school's plan as a Word (.docx) or LibreOffice (.odt) document, drafted into a new content/planes/<PLAN_ID>.toml (never over an existing one)";
        ImportDocentes => "Docentes (`Nombres y apellidos`, `Nivel`, `Grado`, `Sección`, `Área`, `Código`) en los [[docentes]] del plan: el mismo código o nombre se actualiza, los demás se agregan",
            "Teachers (`Nombres y apellidos`, `Nivel`, `Grado`, `Sección`, `Área`, `Código`) into the plan's [[docentes]]: the same id or name is updated, others added";
        ImportVisitas => "Visitas (`Docente` o `Código`, `Visita` o `N°`, `Fecha` o `Mes`, `Fase`) en las [[visitas]] del plan: la misma docente y número se actualiza, las demás se agregan",
            "Visits (`Docente` or `Código`, `Visita` or `N°`, `Fecha` or `Mes`, `Fase`) into the plan's [[visitas]]: the same teacher and number is updated, others added";

        Root => "La carpeta que contiene site.toml (por defecto: la carpeta actual)",
            "The folder that holds site.toml (default: the current folder)";
        Drafts => "Incluye las páginas marcadas `draft = true` y los planes en borrador",
            "Include pages marked `draft = true` and draft plans";
        External => "Comprueba también los enlaces externos (http, https) por la red: 8 a la vez, 10 s cada uno como máximo",
            "Also check external links (http, https) over the network: 8 at a time, at most 10 s each";
        ExternalTimeout => "El tiempo máximo de toda la comprobación de enlaces externos, en segundos (por defecto: 120)",
            "The longest the whole external link check may take, in seconds (default: 120)";
        SecondsValue => "SEGUNDOS", "SECONDS";
        Strict => "Trata las advertencias como errores", "Treat warnings as errors";
        Output => "Dónde escribir el sitio (por defecto: `output_dir` de site.toml, si no `public`)",
            "Where to write the site (default: `output_dir` from site.toml, else `public`)";
        BaseUrl => "Publica en otra dirección que el `base_url` de site.toml",
            "Publish under another address than site.toml's `base_url`";
        Force => "Reemplaza una carpeta de salida que no está vacía y que senda no escribió",
            "Replace an output folder that is not empty and was not written by senda";
        Private => "Escribe solo los planificadores individuales completos (datos personales), para imprimirlos en la escuela, en una carpeta --output fuera del sitio",
            "Write only the filled-in individual planners (personal data) for local printing, into an --output folder outside the site";
        Port => "El puerto en que escuchar (por defecto: 1111); 0 elige uno libre",
            "The port to listen on (default: 1111); 0 picks a free one";
        Bind => "La dirección en que escuchar (por defecto: 127.0.0.1). Cualquiera que no sea la local muestra la vista previa a la red",
            "The address to listen on (default: 127.0.0.1). Anything but loopback shows the preview to the network";
        Id => "El id del plan: minúsculas, dígitos y guiones, p. ej. ie70999-2025",
            "The plan's id: lowercase letters, digits and hyphens, e.g. ie70999-2025";
        From => "Parte de este plan existente, llevado al año nuevo, como borrador",
            "Start from this existing plan, moved to the new year, as a draft";
        PlanId => "El id del plan: content/planes/<ID_DEL_PLAN>.toml", "The plan's id: content/planes/<PLAN_ID>.toml";
        File => "La hoja de cálculo: .csv, .xlsx o .ods", "The spreadsheet: .csv, .xlsx or .ods";
        Document => "El documento: .docx u .odt", "The document: .docx or .odt";
        InitDir => "La carpeta del sitio nuevo, que no debe existir o debe estar vacía (por defecto: la carpeta actual)",
            "The new site's folder, which must not exist or be empty (default: the current folder)";
        ContentPath => "La ruta dentro de content/, p. ej. guias/primera-visita.md",
            "The path inside content/, e.g. guias/primera-visita.md";
        Zip => "Escribe además todo el sitio en un archivo ZIP, para copiarlo a una memoria USB (por defecto: <salida>.zip, junto a la carpeta de salida)",
            "Also write the whole site into one ZIP file, to copy to a USB stick (default: <output>.zip, beside the output folder)";
        Clean => "Construye todo de nuevo: no reutiliza ningún plan de la construcción anterior (ver .<salida>.senda-manifest)",
            "Build everything again: reuse no plan from the previous build (see .<output>.senda-manifest)";
        HelpFlag => "Muestra esta ayuda", "Print help";
        VersionFlag => "Muestra la versión", "Print version";

        // Headings and value names.
        Usage => "Uso:", "Usage:";
        Options => "Opciones", "Options";
        Arguments => "Argumentos", "Arguments";
        Commands => "Comandos", "Commands";
        OptionsTag => "[OPCIONES]", "[OPTIONS]";
        CommandValue => "COMANDO", "COMMAND";
        DirValue => "CARPETA", "DIR";
        PortValue => "PUERTO", "PORT";
        AddressValue => "DIRECCIÓN", "ADDR";
        UrlValue => "URL", "URL";
        IdValue => "ID", "ID";
        OldIdValue => "ID-ANTERIOR", "OLD-ID";
        PlanIdValue => "ID_DEL_PLAN", "PLAN_ID";
        FileValue => "ARCHIVO", "FILE";
        PathValue => "RUTA", "PATH";

        // Usage errors (clap's, said again).
        ErrorLabel => "error", "error";
        UnknownArgument => "argumento inesperado `{}`", "unexpected argument `{}`";
        UnknownCommand => "comando desconocido `{}`", "unrecognized subcommand `{}`";
        InvalidValue => "valor no válido `{}` para `{}`", "invalid value `{}` for `{}`";
        InvalidValueWhy => "valor no válido `{}` para `{}`: {}", "invalid value `{}` for `{}`: {}";
        NoValue => "falta el valor de `{}`", "a value is required for `{}`";
        PortWhy => "escriba un número entero de 0 a 65535", "write a whole number from 0 to 65535";
        BindWhy => "escriba una dirección IP, p. ej. 127.0.0.1 o 0.0.0.0", "write an IP address, e.g. 127.0.0.1 or 0.0.0.0";
        MissingArguments => "faltan argumentos obligatorios: {}", "missing required arguments: {}";
        Conflict => "`{}` no se puede usar junto con `{}`", "the argument `{}` cannot be used with `{}`";
        Repeated => "`{}` no se puede dar más de una vez", "the argument `{}` cannot be used multiple times";
        NotValid => "la línea de comandos no es válida ({})", "the command line is not valid ({})";
        Tip => "¿quiso decir `{}`?", "did you mean `{}`?";
        TipLabel => "consejo", "tip";
        MoreInfo => "Para más información, pruebe `--help`.", "For more information, try `--help`.";
    }
}
