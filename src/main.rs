//! The `senda` command line: parses arguments, runs the pipeline, prints what happened.
//! Exit codes: 0 success, 1 the site has errors, 2 a wrong command line (from clap).

// The only printer (Cargo.toml [lints.clippy]).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use senda::diag::{self, display_path};
use senda::load::config::Overrides;
use senda::serve::Notice;
use senda::{BuildOptions, Report};

#[derive(Parser)]
#[command(
    name = "senda",
    version,
    about = "Static sites for pedagogical monitoring plans and guidance"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: `public`).
    Build(BuildArgs),
    /// Run every check a build makes, writing nothing.
    Check(SiteArgs),
    /// Build the site, serve it at http://127.0.0.1:1111/ and rebuild on every save.
    Serve(ServeArgs),
    /// Start a new file from a commented template.
    #[command(subcommand)]
    New(NewCommand),
    /// Merge a spreadsheet (.csv, .xlsx, .ods) into a plan, then check the site.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Teachers (`Nombres y apellidos`, `Nivel`, `Grado`, `Sección`, `Área`, `Código`) into
    /// the plan's [[docentes]]: the same id or name is updated, others added.
    Docentes {
        /// The plan's id: content/planes/<PLAN_ID>.toml.
        plan_id: String,
        /// The spreadsheet: .csv, .xlsx or .ods.
        file: PathBuf,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A school's plan as a Word (.docx) or LibreOffice (.odt) document, drafted into a new
    /// content/planes/<PLAN_ID>.toml (never over an existing one).
    Plan {
        /// The new plan's id: content/planes/<PLAN_ID>.toml.
        plan_id: String,
        /// The document: .docx or .odt.
        file: PathBuf,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Visits (`Docente` or `Código`, `Visita` or `N°`, `Fecha` or `Mes`, `Fase`) into the
    /// plan's [[visitas]]: the same teacher and number is updated, others added.
    Visitas {
        /// The plan's id: content/planes/<PLAN_ID>.toml.
        plan_id: String,
        /// The spreadsheet: .csv, .xlsx or .ods.
        file: PathBuf,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// The folder that holds site.toml.
    #[arg(long, default_value = ".")]
    root: std::path::PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Anything but loopback shows the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Subcommand)]
enum NewCommand {
    /// Write content/planes/<ID>.toml, a school plan to fill in.
    Plan {
        /// The plan's id: lowercase letters, digits and hyphens, e.g. ie70999-2025.
        id: String,
        /// The folder that holds site.toml.
        #[arg(long, default_value = ".")]
        root: std::path::PathBuf,
        /// Start from this existing plan, moved to the new year, as a draft.
        #[arg(long, value_name = "OLD-ID")]
        from: Option<String>,
    },
}

#[derive(Args)]
struct SiteArgs {
    /// The folder that holds site.toml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site (default: `output_dir` from site.toml, else `public`).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Publish under another address than site.toml's `base_url`.
    #[arg(long)]
    base_url: Option<String>,
    /// Replace an output folder that is not empty and was not written by senda.
    #[arg(long)]
    force: bool,
    /// Write only the filled-in individual planners (personal data) for local printing,
    /// into an --output folder outside the site.
    #[arg(long)]
    private: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                root: args.site.root,
                overrides: Overrides {
                    base_url: args.base_url,
                    // --output is relative to where the command runs, not to --root.
                    output_dir: args.output.map(|o| senda::write::resolve(&o)),
                },
                include_drafts: args.site.drafts,
                strict: args.site.strict,
                force: args.force,
            };
            if args.private {
                finish(senda::build_private(&options), started, Run::Private)
            } else {
                finish(senda::build(&options), started, Run::Build)
            }
        }
        Command::New(NewCommand::Plan {
            id,
            root,
            from: Some(old),
        }) => match senda::plan::next_year::scaffold_from(&root, &id, &old) {
            Ok((path, year)) => {
                println!(
                    "Escrito {}: el plan {year} (borrador) a partir de `{old}`; escriba la resolución y el nombre del año, luego ejecute `senda check`",
                    shown(&path)
                );
                ExitCode::SUCCESS
            }
            Err(diagnostic) => {
                eprintln!("{}", diag::render(&diagnostic));
                ExitCode::from(1)
            }
        },
        Command::New(NewCommand::Plan { id, root, .. }) => {
            match senda::plan::scaffold(&root, &id) {
                Ok(path) => {
                    println!("Wrote {}: fill it in, then run `senda check`", shown(&path));
                    ExitCode::SUCCESS
                }
                Err(diagnostic) => {
                    eprintln!("{}", diag::render(&diagnostic));
                    ExitCode::from(1)
                }
            }
        }
        Command::Import(command) => run_import(command),
        Command::Serve(args) => {
            let options = senda::serve::ServeOptions {
                root: args.root,
                port: args.port,
                bind: args.bind,
                include_drafts: args.drafts,
            };
            match senda::serve::serve(options, Arc::new(print_notice)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(diagnostic) => {
                    eprintln!("{}", diag::render(&diagnostic));
                    ExitCode::from(1)
                }
            }
        }
        Command::Check(args) => {
            let options = BuildOptions {
                root: args.root,
                include_drafts: args.drafts,
                strict: args.strict,
                ..Default::default()
            };
            finish(senda::check(&options), started, Run::Check)
        }
    }
}

/// Prints what an import did, then the site's check as `senda check` prints it: the plan is
/// written even when its rules find errors, so they are shown to be fixed next.
/// `senda import docentes|visitas`: the rows merged into the plan, then the summary.
fn run_import(command: ImportCommand) -> ExitCode {
    match command {
        ImportCommand::Plan {
            plan_id,
            file,
            root,
        } => match senda::import::docx::plan(&root, &plan_id, &file) {
            Ok(drafted) => {
                drafted
                    .summary(&shown(&drafted.path))
                    .iter()
                    .for_each(|l| println!("{l}"));
                ExitCode::SUCCESS
            }
            Err(diagnostic) => {
                eprintln!("{}", diag::render(&diagnostic));
                ExitCode::from(1)
            }
        },
        ImportCommand::Docentes {
            plan_id,
            file,
            root,
        } => import(
            &root,
            senda::import::docentes(&root, &plan_id, &file),
            [
                "docente nuevo",
                "docentes nuevos",
                "actualizado",
                "actualizados",
            ],
        ),
        ImportCommand::Visitas {
            plan_id,
            file,
            root,
        } => import(
            &root,
            senda::import::visitas(&root, &plan_id, &file),
            [
                "visita nueva",
                "visitas nuevas",
                "actualizada",
                "actualizadas",
            ],
        ),
    }
}

fn import(
    root: &Path,
    result: Result<senda::import::Imported, Vec<diag::Diagnostic>>,
    [new, news, updated, updateds]: [&str; 4],
) -> ExitCode {
    let imported = match result {
        Ok(imported) => imported,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprintln!("{}", diag::render(diagnostic));
            }
            eprintln!(
                "{}; no se escribió nada",
                if diagnostics.len() == 1 {
                    "1 error".to_string()
                } else {
                    format!("{} errores", diagnostics.len())
                }
            );
            return ExitCode::from(1);
        }
    };
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    println!(
        "{}: {}, {}",
        shown(&imported.path),
        count(imported.added, new, news),
        count(imported.updated, updated, updateds)
    );
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let report = senda::check(&options);
    for diagnostic in report.diagnostics.iter() {
        eprintln!("{}", diag::render(diagnostic));
    }
    let errors = report.diagnostics.error_count();
    let warnings = report.diagnostics.warning_count();
    if errors > 0 {
        eprintln!(
            "el plan se escribió, pero `senda check` encuentra {}: corríjalos antes de publicar",
            count(errors, "error", "errores")
        );
        return ExitCode::from(1);
    }
    if warnings > 0 {
        println!("senda check: {}", count(warnings, "aviso", "avisos"));
    }
    ExitCode::SUCCESS
}

#[derive(Clone, Copy, PartialEq)]
enum Run {
    Build,
    Check,
    Private,
}

/// What `senda serve` says as it runs: build lines on stdout, the rest on stderr.
fn print_notice(notice: Notice) {
    match notice {
        Notice::Exposed(bind) => eprintln!(
            "warning: listening on {bind}: the preview, drafts included, is visible to the network"
        ),
        Notice::Serving { title, address } => {
            println!("Serving {title} at {address} (Ctrl+C to stop)");
        }
        Notice::Compiled {
            timings,
            diagnostics,
        } => {
            print_timings(timings);
            if !diagnostics.is_empty() {
                eprint!("{diagnostics}");
            }
        }
        Notice::Failed => eprintln!("Rebuild failed: still serving the last good version"),
        Notice::Replaced {
            verb,
            took,
            changed,
        } => println!(
            "{verb} in {} ms ({} changed)",
            took.as_millis(),
            if changed == 1 {
                "1 file".to_string()
            } else {
                format!("{changed} files")
            }
        ),
        Notice::Warning(message) => eprintln!("warning: {message}"),
    }
}

/// Each stage's duration, with `SENDA_TIMINGS=1` (for the benchmarks).
fn print_timings(timings: &[(&'static str, Duration)]) {
    if std::env::var_os("SENDA_TIMINGS").is_some() {
        for (stage, took) in timings {
            eprintln!(
                "timing: {stage:<16} {:>8.1} ms",
                took.as_secs_f64() * 1000.0
            );
        }
    }
}

fn finish(report: Report, started: Instant, run: Run) -> ExitCode {
    for diagnostic in report.diagnostics.iter() {
        eprintln!("{}", diag::render(diagnostic));
    }
    print_timings(&report.timings);
    let errors = report.diagnostics.error_count();
    let warnings = report.diagnostics.warning_count();
    let Some(summary) = report.summary else {
        eprintln!(
            "{} found; nothing was written, the previous output is unchanged",
            plural(errors, "error")
        );
        return ExitCode::from(1);
    };
    let seconds = started.elapsed().as_secs_f64();
    // Absolute: where the files are must not depend on where one reads the line from.
    let destination = display_path(&summary.output_dir);
    let counts = format!(
        "{}, {}, {}",
        plural(summary.pages, "page"),
        plural(summary.sections, "section"),
        plural(summary.plans, "plan")
    );
    let line = match run {
        Run::Build => format!("Built {counts} in {seconds:.2} s -> {destination}/"),
        Run::Check => format!("Checked {counts} in {seconds:.2} s"),
        Run::Private => format!(
            "Wrote {} from {} in {seconds:.2} s -> {destination}/ (personal data: do not publish)",
            plural(summary.pages, "private page"),
            plural(summary.plans, "private file")
        ),
    };
    let warned = if warnings > 0 {
        format!(" ({})", plural(warnings, "warning"))
    } else {
        String::new()
    };
    println!("{line}{warned}");
    ExitCode::SUCCESS
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The output folder as the user would type it: relative to the current folder if inside it.
fn shown(path: &Path) -> String {
    let current = std::env::current_dir().unwrap_or_default();
    let relative = path.strip_prefix(&current).unwrap_or(path);
    display_path(relative.strip_prefix(".").unwrap_or(relative))
}
