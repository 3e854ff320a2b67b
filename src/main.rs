//! The `helpbook` command line: parses arguments and calls one library function per command.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use helpbook::build::{BuildOptions, BuildReport};
use helpbook::check::{CheckOptions, ExternalOptions};
use helpbook::error::Error;
use helpbook::site::SiteOptions;

/// Rendering makes and drops many small values: Tera's variable lookups allocate, and so do
/// page contexts. With mimalloc a 100,000-article build takes a third less CPU than with the
/// system allocator (50 s instead of 77 s user time) for 7% more peak memory; see
/// bench/README.md.
#[global_allocator]
static ALLOCATOR: helpbook::allocator::Allocator = helpbook::allocator::Allocator;

#[derive(Parser)]
#[command(
    name = "helpbook",
    version,
    about = "Turns a folder of Markdown articles into a fast, searchable, multilingual help center"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new help center that builds as it is
    Init {
        /// Folder to create it in
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Build the help center into static files
    Build {
        /// Folder that holds book.toml
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder [default: DIR/public]
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Use this base URL instead of site.base_url
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked `draft = true`
        #[arg(long)]
        drafts: bool,
        /// Print nothing but errors
        #[arg(short, long)]
        quiet: bool,
        /// How to print the result
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Run `helpbook check` first; its errors stop the build
        #[arg(long)]
        check: bool,
    },
    /// Find broken links, missing translations, stale articles and other mistakes
    Check {
        /// Folder that holds book.toml
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also check links to other sites (needs the network)
        #[arg(long)]
        external: bool,
        /// How to print the findings
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// List the rules with their default severity and stop
        #[arg(long)]
        list_rules: bool,
    },
    /// Write a page for support leads: coverage, staleness, tags and check findings
    Report {
        /// Folder that holds book.toml
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// File to write [default: DIR/helpbook-report.html, or .json with --format json]
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// HTML for people or JSON for tools
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build, serve on localhost and rebuild on every change
    Serve {
        /// Folder that holds book.toml
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on; only this machine can connect by default
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the help center in the browser
        #[arg(long)]
        open: bool,
        /// Include articles marked `draft = true`
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new article with its front matter filled in
    New {
        /// LANG/CATEGORY/SLUG, e.g. en/returns/exchange-an-item
        path: String,
        /// Folder that holds book.toml
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init { dir } => report_simple(
            helpbook::scaffold::init(&dir).map(|done| done.to_string()),
            Format::Human,
        ),
        Command::New { path, dir } => report_simple(
            helpbook::scaffold::new_article(&dir, &path)
                .map(|p| format!("created {}", p.display())),
            Format::Human,
        ),
        Command::Build {
            dir,
            output,
            base_url,
            drafts,
            quiet,
            format,
            check,
        } => {
            if check {
                if let Some(failed) = check_before_build(&dir, format, quiet) {
                    return failed;
                }
            }
            let options = BuildOptions {
                site_dir: dir,
                out_dir: output,
                site: SiteOptions {
                    include_drafts: drafts,
                    base_url,
                    today: None,
                },
                render: Default::default(),
                show_progress: !quiet && format == Format::Human && std::io::stderr().is_terminal(),
            };
            let result = helpbook::build::build(&options);
            report_build(result, format, quiet)
        }
        Command::Check {
            dir,
            external,
            format,
            list_rules,
        } => {
            if list_rules {
                print_rules();
                return ExitCode::SUCCESS;
            }
            run_check(&dir, external, format)
        }
        Command::Report {
            dir,
            output,
            format,
        } => report_simple(
            helpbook::report::write(&dir, output.as_deref(), format == Format::Json)
                .map(|path| format!("wrote {}", path.display())),
            format,
        ),
        Command::Serve {
            dir,
            port,
            bind,
            open,
            drafts,
        } => {
            let options = helpbook::serve::ServeOptions {
                site_dir: dir,
                port,
                bind,
                open,
                include_drafts: drafts,
            };
            report_simple(
                helpbook::serve::serve(options).map(|()| String::new()),
                Format::Human,
            )
        }
    }
}

fn check_options(dir: &std::path::Path, external: bool) -> CheckOptions {
    CheckOptions {
        site: SiteOptions::default(),
        external: external.then(|| ExternalOptions {
            cache_file: Some(dir.join(".helpbook-cache").join("external-links.json")),
        }),
    }
}

/// `helpbook check`: exit 0 when clean or only warnings, 1 for errors, 2 when it cannot run.
fn run_check(dir: &std::path::Path, external: bool, format: Format) -> ExitCode {
    match helpbook::check::run(dir, &check_options(dir, external)) {
        Ok(report) => {
            match format {
                Format::Json => println!("{}", check_json(&report)),
                Format::Human => anstream::print!("{}", helpbook::check::human(&report)),
            }
            ExitCode::from(u8::from(report.errors > 0))
        }
        Err(err) => {
            match format {
                Format::Json => {
                    // `version` and `error` as `check --format json` always had them.
                    let mut json = failure_json(&err);
                    json["version"] = 1.into();
                    json["error"] = describe(&err).into();
                    println!("{json}");
                }
                Format::Human => eprintln!("error: {}", describe(&err)),
            }
            // A site with mistakes is findings, not an `Err`: whatever is left cannot run.
            ExitCode::from(2)
        }
    }
}

fn check_json(report: &helpbook::check::CheckReport) -> serde_json::Value {
    serde_json::json!({
        "version": 1,
        "errors": report.errors,
        "warnings": report.warnings,
        "findings": report.findings,
    })
}

/// `build --check`: the check's findings on stderr; its errors stop the build.
fn check_before_build(dir: &std::path::Path, format: Format, quiet: bool) -> Option<ExitCode> {
    match helpbook::check::run(dir, &check_options(dir, false)) {
        Ok(report) if report.errors == 0 => {
            if !quiet && format == Format::Human && !report.is_clean() {
                anstream::eprint!("{}", helpbook::check::human(&report));
            }
            None
        }
        Ok(report) => {
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::json!({ "ok": false, "check": check_json(&report) })
                ),
                Format::Human => {
                    anstream::eprint!("{}", helpbook::check::human(&report));
                    eprintln!(
                        "The build did not run; the previous output, if any, was left as it was."
                    );
                }
            }
            Some(ExitCode::from(1))
        }
        Err(err) => {
            report_failure(&err, format, "");
            Some(ExitCode::from(2))
        }
    }
}

fn print_rules() {
    for rule in helpbook::check::RULES {
        let default = serde_json::to_value(rule.default)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!("{:<22} {:<8} {}", rule.name, default, rule.finds);
    }
}

fn report_simple(result: Result<String, Error>, format: Format) -> ExitCode {
    match result {
        Ok(message) => {
            if !message.is_empty() {
                println!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => report_failure(&err, format, ""),
    }
}

fn report_build(result: Result<BuildReport, Error>, format: Format, quiet: bool) -> ExitCode {
    match (result, format) {
        (Ok(report), Format::Json) => {
            println!("{}", serde_json::json!({ "ok": true, "report": report }));
            ExitCode::SUCCESS
        }
        (Ok(report), Format::Human) => {
            if !quiet {
                for warning in &report.warnings {
                    eprintln!("warning: {warning}");
                }
                eprintln!("{}", summary_line(&report));
            }
            ExitCode::SUCCESS
        }
        (Err(err), format) => report_failure(
            &err,
            format,
            "The previous output, if any, was left as it was.",
        ),
    }
}

/// Shows a failed command: its JSON on stdout, or for people the error on stderr followed
/// by `after`. The exit code is the error's.
fn report_failure(err: &Error, format: Format, after: &str) -> ExitCode {
    match format {
        Format::Json => println!("{}", failure_json(err)),
        Format::Human => {
            eprintln!("error: {}", describe(err));
            if !after.is_empty() {
                eprintln!("{after}");
            }
        }
    }
    ExitCode::from(err.exit_code())
}

/// The JSON of every failed command: `ok`, the kind of failure, and each error with its
/// place when it has one.
fn failure_json(err: &Error) -> serde_json::Value {
    let errors: Vec<serde_json::Value> = match err.source_errors() {
        Some(errors) => errors
            .0
            .iter()
            .map(|e| {
                serde_json::json!({
                    "message": e.message,
                    "file": e.location.path,
                    "line": e.location.line,
                    "column": e.location.column,
                    "help": e.help,
                })
            })
            .collect(),
        None => vec![serde_json::json!({ "message": describe(err) })],
    };
    serde_json::json!({
        "ok": false,
        "kind": err.kind(),
        "exit_code": err.exit_code(),
        "errors": errors,
    })
}

fn summary_line(report: &BuildReport) -> String {
    format!(
        "built {} pages ({} articles in {}) into {} in {:.2}s{}",
        report.pages,
        report.articles,
        report.languages.join(", "),
        report.output.display(),
        report.elapsed.as_secs_f64(),
        match report.warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_string(),
            n => format!(", {n} warnings"),
        }
    )
}

/// The error and its causes, each on its own line.
fn describe(err: &Error) -> String {
    helpbook::error::with_causes(err)
}
