//! The `senda` command line: parses arguments, runs the pipeline, prints what happened.
//! Exit codes: 0 success, 1 the site has errors, 2 a wrong command line (from clap).

// The only printer (Cargo.toml [lints.clippy]).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use senda::diag::{self, display_path};
use senda::load::config::Overrides;
use senda::messages::{Cli, count};
use senda::scaffold::Kind;
use senda::serve::Notice;
use senda::tr;
use senda::{BuildOptions, Report};

mod cli;

use cli::{Command, ImportCommand, NewCommand, Parsed};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::parse(std::env::args_os()) {
        Parsed::Run(cli) => cli,
        Parsed::Exit { text, error } => {
            // Help and version go to stdout and succeed; a usage mistake is exit code 2.
            if error {
                eprint!("{text}");
                return ExitCode::from(2);
            }
            print!("{text}");
            return ExitCode::SUCCESS;
        }
    };
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
                clean: args.clean,
                external: None,
            };
            if args.private {
                finish(senda::build_private(&options), started, Run::Private)
            } else {
                build(&options, args.zip, started)
            }
        }
        Command::Init { dir } => match senda::scaffold::init(&dir) {
            Ok(files) => {
                println!("{}", tr!(Cli::Initialized, shown(&dir), files));
                ExitCode::SUCCESS
            }
            Err(diagnostic) => fail(&diagnostic),
        },
        Command::New(NewCommand::Page { path, root }) => new_content(&root, &path, Kind::Page),
        Command::New(NewCommand::Section { path, root }) => {
            new_content(&root, &path, Kind::Section)
        }
        Command::New(NewCommand::Plan { id, root, from }) => new_plan(&root, &id, from),
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
            let external = args.external.then(|| senda::linkcheck::external::Settings {
                overall: std::time::Duration::from_secs(args.external_timeout),
                ..Default::default()
            });
            let options = BuildOptions {
                root: args.site.root,
                include_drafts: args.site.drafts,
                strict: args.site.strict,
                external,
                ..Default::default()
            };
            finish(senda::check(&options), started, Run::Check)
        }
    }
}

/// `senda build`, then with `--zip` the output written into one ZIP file.
fn build(
    options: &BuildOptions,
    zip: Option<Option<std::path::PathBuf>>,
    started: Instant,
) -> ExitCode {
    let report = senda::build(options);
    let output = report.summary.as_ref().map(|s| s.output_dir.clone());
    let code = finish(report, started, Run::Build);
    let (Some(zip), Some(output)) = (zip, output) else {
        return code;
    };
    let dest = zip.unwrap_or_else(|| senda::write::zip::default_path(&output));
    match senda::write::zip::write(&output, &dest) {
        Ok(files) => {
            println!(
                "{}",
                tr!(Cli::Zipped, files, shown(&senda::write::resolve(&dest)))
            );
            code
        }
        Err(diagnostic) => fail(&diagnostic),
    }
}

fn new_content(root: &Path, path: &str, kind: Kind) -> ExitCode {
    match senda::scaffold::new_content(root, path, kind) {
        Ok(written) => {
            let key = match kind {
                Kind::Page => Cli::NewPage,
                Kind::Section => Cli::NewSection,
            };
            println!("{}", tr!(key, shown(&written)));
            ExitCode::SUCCESS
        }
        Err(diagnostic) => fail(&diagnostic),
    }
}

fn fail(diagnostic: &diag::Diagnostic) -> ExitCode {
    eprintln!("{}", diag::render(diagnostic));
    ExitCode::from(1)
}

/// `senda new plan <id>`, from the template or, with `--from`, as next year's plan.
fn new_plan(root: &Path, id: &str, from: Option<String>) -> ExitCode {
    let written = match &from {
        Some(old) => senda::plan::next_year::scaffold_from(root, id, old)
            .map(|(path, year)| tr!(Cli::NewPlanFrom, shown(&path), year, old)),
        None => senda::plan::scaffold(root, id).map(|path| tr!(Cli::NewPlan, shown(&path))),
    };
    match written {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(diagnostic) => fail(&diagnostic),
    }
}

/// Prints what an import did, then the site's check as `senda check` prints it: the plan is
/// written even when its rules find errors, so they are shown to be fixed next.
/// `senda import docentes|visitas`: the rows merged into the plan, then the summary.
fn run_import(command: ImportCommand) -> ExitCode {
    match command {
        ImportCommand::Plan {
            plan_id,
            document,
            root,
        } => match senda::import::docx::plan(&root, &plan_id, &document) {
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
                Cli::TeacherNewOne,
                Cli::TeacherNewMany,
                Cli::TeacherUpdatedOne,
                Cli::TeacherUpdatedMany,
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
                Cli::VisitNewOne,
                Cli::VisitNewMany,
                Cli::VisitUpdatedOne,
                Cli::VisitUpdatedMany,
            ],
        ),
    }
}

fn import(
    root: &Path,
    result: Result<senda::import::Imported, Vec<diag::Diagnostic>>,
    [new, news, updated, updateds]: [Cli; 4],
) -> ExitCode {
    let imported = match result {
        Ok(imported) => imported,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprintln!("{}", diag::render(diagnostic));
            }
            let errors = count(diagnostics.len(), Cli::ErrorOne, Cli::ErrorMany);
            eprintln!("{}", tr!(Cli::ImportNothingWritten, errors));
            return ExitCode::from(1);
        }
    };
    println!(
        "{}",
        tr!(
            Cli::Imported,
            shown(&imported.path),
            count(imported.added, new, news),
            count(imported.updated, updated, updateds)
        )
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
        let errors = count(errors, Cli::ErrorOne, Cli::ErrorMany);
        eprintln!("{}", tr!(Cli::ImportChecked, errors));
        return ExitCode::from(1);
    }
    if warnings > 0 {
        let warnings = count(warnings, Cli::WarningOne, Cli::WarningMany);
        println!("{}", tr!(Cli::ImportWarned, warnings));
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
        Notice::Exposed { bind, drafts } => {
            let key = if drafts {
                Cli::ExposedDrafts
            } else {
                Cli::Exposed
            };
            eprintln!("{}", tr!(key, bind));
        }
        Notice::Serving { title, address } => println!("{}", tr!(Cli::Serving, title, address)),
        Notice::Editor { address } => println!("{}", tr!(Cli::Editor, address)),
        Notice::Compiled {
            timings,
            diagnostics,
        } => {
            print_timings(timings);
            if !diagnostics.is_empty() {
                eprint!("{diagnostics}");
            }
        }
        Notice::Failed => eprintln!("{}", tr!(Cli::ServeFailed)),
        Notice::Replaced {
            first,
            took,
            changed,
        } => {
            let key = if first {
                Cli::ServeBuilt
            } else {
                Cli::ServeRebuilt
            };
            let changed = count(changed, Cli::FileChangedOne, Cli::FileChangedMany);
            println!("{}", tr!(key, took.as_millis(), changed));
        }
        Notice::Warning(message) => eprintln!("{}", tr!(Cli::ServeWarning, message)),
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
        // Warnings are counted too: they are still to fix once the errors are.
        let mut found = count(errors, Cli::ErrorOne, Cli::ErrorMany);
        if warnings > 0 {
            found = format!(
                "{found}, {}",
                count(warnings, Cli::WarningOne, Cli::WarningMany)
            );
        }
        // check never writes, so it must not speak of an output left unchanged.
        let key = match run {
            Run::Check => Cli::FailedCheck,
            Run::Build | Run::Private => Cli::FailedWrite,
        };
        eprintln!("{}", tr!(key, found));
        return ExitCode::from(1);
    };
    let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
    // Absolute: where the files are must not depend on where one reads the line from.
    let destination = display_path(&summary.output_dir);
    let counts = format!(
        "{}, {}, {}",
        count(summary.pages, Cli::PageOne, Cli::PageMany),
        count(summary.sections, Cli::SectionOne, Cli::SectionMany),
        count(summary.plans, Cli::PlanOne, Cli::PlanMany)
    );
    let line = match run {
        Run::Build => tr!(Cli::Built, counts, seconds, destination),
        Run::Check => tr!(Cli::Checked, counts, seconds),
        Run::Private => tr!(
            Cli::WrotePrivate,
            count(summary.pages, Cli::PrivatePageOne, Cli::PrivatePageMany),
            count(summary.plans, Cli::PrivateFileOne, Cli::PrivateFileMany),
            seconds,
            destination
        ),
    };
    let warned = if warnings > 0 {
        tr!(
            Cli::Warned,
            count(warnings, Cli::WarningOne, Cli::WarningMany)
        )
    } else {
        String::new()
    };
    println!("{line}{warned}");
    ExitCode::SUCCESS
}

/// The output folder as the user would type it: relative to the current folder if inside it.
fn shown(path: &Path) -> String {
    let current = std::env::current_dir().unwrap_or_default();
    let relative = path.strip_prefix(&current).unwrap_or(path);
    display_path(relative.strip_prefix(".").unwrap_or(relative))
}
