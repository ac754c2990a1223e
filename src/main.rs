//! The `bayan` command: parses arguments and hands each subcommand to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use bayan::{BuildOptions, Diagnostics};

#[derive(Parser)]
#[command(name = "bayan", version, about = "Static sites in Arabic, English and Kurdish", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site in Arabic, English and Kurdish, ready to serve
    Init {
        /// The folder for the site (created if missing; must be empty unless --force)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the files to a folder that is not empty; no file there is replaced or deleted
        #[arg(long)]
        force: bool,
    },
    /// Start a page of one kind in every language, as a draft
    New {
        #[arg(help = bayan::scaffold::kinds_help())]
        kind: String,
        /// The page's folder inside content/, e.g. reports/geneva-2024
        path: String,
        /// The site's folder (where config.toml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build the site into the output folder (public/ by default)
    Build {
        /// The site's folder (where config.toml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Override base_url from config.toml, e.g. for a staging host
        #[arg(long)]
        base_url: Option<String>,
        /// Where to write the site (relative to --root unless absolute)
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Include pages marked draft = true
        #[arg(long)]
        drafts: bool,
        /// Keep pages unminified, as the templates wrote them (to read them while fixing a template)
        #[arg(long)]
        no_minify: bool,
    },
    /// Check links, anchors, alt text, translations and UI strings without writing anything
    Check {
        /// The site's folder (where config.toml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// text for people, json for tools
        #[arg(long, value_enum, default_value = "text")]
        format: bayan::check::Format,
        /// Also request every link to another site (needs a network)
        #[arg(long)]
        external: bool,
    },
    /// Preview the site with live reload while you edit
    Serve {
        /// The site's folder (where config.toml is)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; the default is reachable from this computer only
        #[arg(long, default_value = "127.0.0.1")]
        interface: String,
        /// The port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser once it is ready
        #[arg(long)]
        open: bool,
        /// Send the mailing-list form to the preview instead of the provider, to try it out
        #[arg(long)]
        try_signup: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init { dir, force } => report(bayan::scaffold::init(&dir, force)),
        Command::New { kind, path, root } => report(bayan::scaffold::new_page(&root, &kind, &path)),
        Command::Build {
            root,
            base_url,
            output_dir,
            drafts,
            no_minify,
        } => build(BuildOptions {
            root,
            base_url,
            output_dir,
            drafts,
            no_minify,
        }),
        Command::Check {
            root,
            format,
            external,
        } => ExitCode::from(bayan::check::run(
            &bayan::check::CheckOptions { root, external },
            format,
        )),
        Command::Serve {
            root,
            interface,
            port,
            open,
            try_signup,
        } => serve(bayan::serve::ServeOptions {
            root,
            interface,
            port,
            open,
            try_signup,
            // Editors preview the page they are still writing; `build` leaves drafts out.
            drafts: true,
        }),
    }
}

/// Prints what `init` or `new` wrote, or why it wrote nothing.
fn report(outcome: Result<impl std::fmt::Display, bayan::scaffold::ScaffoldError>) -> ExitCode {
    match outcome {
        Ok(done) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::from(problem.exit_code())
        }
    }
}

fn serve(options: bayan::serve::ServeOptions) -> ExitCode {
    match bayan::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::from(1)
        }
    }
}

fn build(options: BuildOptions) -> ExitCode {
    match bayan::build(&options) {
        Ok(report) => {
            print_diagnostics(&options, &report.warnings);
            if report.images.images > 0 {
                println!(
                    "Processed {} images ({} files encoded, {} taken from the cache)",
                    report.images.images, report.images.encoded, report.images.reused
                );
            }
            if report.fonts.faces > 0 {
                println!(
                    "Published {} fonts ({} subset, {} taken from the cache)",
                    report.fonts.faces, report.fonts.made, report.fonts.reused
                );
            }
            println!(
                "Built {} pages ({} files: {} written, {} unchanged, {} removed) into {} in {} ms",
                report.pages,
                report.files,
                report.stats.written,
                report.stats.unchanged,
                report.stats.removed,
                report.output_dir.display(),
                report.duration.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&options, &problems);
            let count = problems.errors().count();
            eprintln!(
                "Build failed with {count} error{}; the output folder was not changed.",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

/// Prints problems with paths as the user can open them from where they ran the command.
fn print_diagnostics(options: &BuildOptions, problems: &Diagnostics) {
    for d in &problems.0 {
        let mut d = d.clone();
        if options.root != std::path::Path::new(".") && d.path.is_relative() {
            d.path = options.root.join(&d.path);
        }
        eprintln!("{d}");
    }
}
