//! The command line's arguments (clap derive) and their help and usage errors in the
//! language of `senda::messages` (clap's own texts are English, so every text it shows is
//! put in here at run time from `messages::Help`). main.rs prints what `parse` returns.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use senda::messages::{Help, plain};
use senda::tr;

#[derive(Parser)]
#[command(name = "senda", version)]
pub struct CommandLine {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    Build(BuildArgs),
    Check(CheckArgs),
    Serve(ServeArgs),
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    #[command(subcommand)]
    New(NewCommand),
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand)]
pub enum ImportCommand {
    Docentes {
        plan_id: String,
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Visitas {
        plan_id: String,
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Plan {
        plan_id: String,
        document: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
pub struct ServeArgs {
    #[arg(long, default_value = ".")]
    pub root: std::path::PathBuf,
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Subcommand)]
pub enum NewCommand {
    Plan {
        id: String,
        #[arg(long, default_value = ".")]
        root: std::path::PathBuf,
        #[arg(long, value_name = "OLD-ID")]
        from: Option<String>,
    },
    Page {
        path: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Section {
        path: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
pub struct SiteArgs {
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    #[arg(long)]
    pub drafts: bool,
    #[arg(long)]
    pub strict: bool,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[arg(long)]
    pub external: bool,
    #[arg(long, default_value_t = 120)]
    pub external_timeout: u64,
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[arg(long)]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub base_url: Option<String>,
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub private: bool,
    /// `--zip` alone: beside the output folder; `--zip <file>`: there.
    #[arg(long, num_args = 0..=1, conflicts_with = "private")]
    pub zip: Option<Option<PathBuf>>,
    #[arg(long)]
    pub clean: bool,
}

/// What the command line asked for: a command to run, or a text to print and exit with
/// (help and version on stdout, `error` false; a usage mistake on stderr, exit code 2).
pub enum Parsed {
    Run(CommandLine),
    Exit { text: String, error: bool },
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Parsed {
    let mut command = localize(CommandLine::command(), "");
    let matches = command.try_get_matches_from_mut(args);
    match matches.and_then(|m| CommandLine::from_arg_matches(&m)) {
        Ok(line) => Parsed::Run(line),
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Parsed::Exit {
                text: rendered(&error),
                error: false,
            },
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Parsed::Exit {
                text: rendered(&error),
                error: true,
            },
            _ => Parsed::Exit {
                text: usage_error(&error),
                error: true,
            },
        },
    }
}

/// Help or version as clap renders it, ending with a line break (a subcommand's help has
/// none).
fn rendered(error: &clap::Error) -> String {
    let text = options_tag(&error.render().to_string());
    format!("{}\n", text.trim_end())
}

/// Clap writes `[OPTIONS]` in usage lines itself, with no setting for it.
fn options_tag(text: &str) -> String {
    text.replace("[OPTIONS]", plain(Help::OptionsTag))
}

/// Every text of `command` (at `path`, e.g. "import docentes") and its subcommands'.
fn localize(command: clap::Command, path: &str) -> clap::Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        plain(Help::Usage)
    );
    let mut command = command
        .help_template(template)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(plain(Help::Commands))
        .subcommand_value_name(plain(Help::CommandValue))
        .mut_args({
            // Clap sorts a heading's arguments by name unless told their order.
            let mut order = 0;
            move |arg| {
                order += 1;
                localize_arg(arg.display_order(order))
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .display_order(1000)
                .help(tr!(Help::HelpFlag))
                .help_heading(plain(Help::Options)),
        );
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(1001)
                .help(tr!(Help::VersionFlag))
                .help_heading(plain(Help::Options)),
        );
    }
    if let Some(about) = about(path) {
        command = command.about(tr!(about));
    }
    command.mut_subcommands(|sub| {
        let path = format!("{path} {}", sub.get_name());
        localize(sub, path.trim_start())
    })
}

fn about(path: &str) -> Option<Help> {
    Some(match path {
        "" => Help::About,
        "build" => Help::Build,
        "check" => Help::Check,
        "serve" => Help::Serve,
        "new" => Help::New,
        "new plan" => Help::NewPlan,
        "new page" => Help::NewPage,
        "new section" => Help::NewSection,
        "init" => Help::Init,
        "import" => Help::Import,
        "import docentes" => Help::ImportDocentes,
        "import visitas" => Help::ImportVisitas,
        "import plan" => Help::ImportPlan,
        _ => return None,
    })
}

/// An argument's help, value name and heading. Defaults are said in the help texts, since
/// clap writes `[default: …]` in English.
fn localize_arg(arg: Arg) -> Arg {
    let (help, value) = match arg.get_id().as_str() {
        "root" => (Help::Root, Some(Help::DirValue)),
        "drafts" => (Help::Drafts, None),
        "strict" => (Help::Strict, None),
        "output" => (Help::Output, Some(Help::DirValue)),
        "base_url" => (Help::BaseUrl, Some(Help::UrlValue)),
        "force" => (Help::Force, None),
        "private" => (Help::Private, None),
        "external" => (Help::External, None),
        "external_timeout" => (Help::ExternalTimeout, Some(Help::SecondsValue)),
        "port" => (Help::Port, Some(Help::PortValue)),
        "bind" => (Help::Bind, Some(Help::AddressValue)),
        "id" => (Help::Id, Some(Help::IdValue)),
        "from" => (Help::From, Some(Help::OldIdValue)),
        "plan_id" => (Help::PlanId, Some(Help::PlanIdValue)),
        "file" => (Help::File, Some(Help::FileValue)),
        "document" => (Help::Document, Some(Help::FileValue)),
        "dir" => (Help::InitDir, Some(Help::DirValue)),
        "path" => (Help::ContentPath, Some(Help::PathValue)),
        "zip" => (Help::Zip, Some(Help::FileValue)),
        "clean" => (Help::Clean, None),
        _ => return arg,
    };
    let heading = if arg.is_positional() {
        Help::Arguments
    } else {
        Help::Options
    };
    let arg = arg.help(tr!(help)).help_heading(plain(heading));
    match value {
        Some(value) => arg.value_name(plain(value)).hide_default_value(true),
        None => arg,
    }
}

/// A usage mistake said in the messages' language, laid out as clap lays it out: what is
/// wrong, a suggestion, the usage line, where to read more. A kind this does not know is
/// said as invalid, with clap's own (English) text in parentheses.
fn usage_error(error: &clap::Error) -> String {
    let get = |kind| error.get(kind).map(ToString::to_string).unwrap_or_default();
    let (arg, value) = (get(ContextKind::InvalidArg), get(ContextKind::InvalidValue));
    let message = match error.kind() {
        ErrorKind::UnknownArgument => tr!(Help::UnknownArgument, arg),
        ErrorKind::InvalidSubcommand => {
            tr!(Help::UnknownCommand, get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => tr!(Help::NoValue, arg),
        ErrorKind::InvalidValue => tr!(Help::InvalidValue, value, arg),
        // The parsers' own reasons are English (std's): said again for the two we have.
        ErrorKind::ValueValidation if arg.starts_with("--port") => {
            tr!(Help::InvalidValueWhy, value, arg, tr!(Help::PortWhy))
        }
        ErrorKind::ValueValidation if arg.starts_with("--bind") => {
            tr!(Help::InvalidValueWhy, value, arg, tr!(Help::BindWhy))
        }
        ErrorKind::ValueValidation => match std::error::Error::source(error) {
            Some(why) => tr!(Help::InvalidValueWhy, value, arg, why),
            None => tr!(Help::InvalidValue, value, arg),
        },
        ErrorKind::MissingRequiredArgument => tr!(Help::MissingArguments, arg),
        ErrorKind::ArgumentConflict if arg == get(ContextKind::PriorArg) => {
            tr!(Help::Repeated, arg)
        }
        ErrorKind::ArgumentConflict if !arg.is_empty() => {
            tr!(Help::Conflict, arg, get(ContextKind::PriorArg))
        }
        _ => {
            let clap = error.to_string();
            let first = clap.lines().next().unwrap_or_default();
            tr!(Help::NotValid, first.trim_start_matches("error: "))
        }
    };
    let mut out = format!("{}: {message}\n", plain(Help::ErrorLabel));
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| error.get(kind).map(ToString::to_string));
    if let Some(suggested) = suggested {
        out.push_str(&format!(
            "\n  {}: {}\n",
            plain(Help::TipLabel),
            tr!(Help::Tip, suggested)
        ));
    }
    if let Some(usage) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim_start();
        out.push_str(&format!(
            "\n{} {}\n",
            plain(Help::Usage),
            options_tag(usage)
        ));
    }
    out.push_str(&format!("\n{}\n", plain(Help::MoreInfo)));
    out
}
