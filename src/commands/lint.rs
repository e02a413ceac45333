//! `deploylint [PATHS]`: the configuration, policies, inputs and outputs
//! a lint run is given, the run, and the exit status its findings make.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use crate::baseline;
use crate::cli::{ColorChoice, FailOn, LintArgs, OutputFormat, ParserChoice};
use crate::commands::exit::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE};
use crate::commands::report_file::ReportFile;
use crate::config::{Config, ConfigError, Selection, HADOLINT_CONFIG_NAMES};
use crate::discover::{display_path, lexically_normal, DiscoverOptions, Excludes, Format};
use crate::finding::Severity;
use crate::rego::{Policies, PolicyError, PolicyOptions};
use crate::report::statistics::Statistics;
use crate::report::{self, concise, github, gitlab, human, json, sarif, Renderer};
use crate::rules;
use crate::run::{self, Handling, Output, RunInput};

/// Lints what the arguments name and returns the exit status.
pub fn run(args: LintArgs) -> Result<u8, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut config = match load_config(&args, &cwd) {
        Ok(config) => config,
        Err(error) => {
            print_config_error(error);
            return Ok(EXIT_USAGE);
        }
    };
    if args.timings {
        crate::timings::enable();
    }
    if let Some(limit) = args.max_file_size {
        config.max_file_size = Some(limit);
    }
    let policies = match load_policies(&args, &config) {
        Ok(policies) => policies,
        Err(error) => {
            eprintln!("deploylint: {error}");
            return Ok(EXIT_USAGE);
        }
    };
    if let Some(error) = unknown_custom_rule(&config, &policies) {
        print_config_error(error);
        return Ok(EXIT_USAGE);
    }
    // `--select` replaces the configuration's `select:`; `--ignore` adds to its `ignore:`.
    let configured = std::mem::take(&mut config.selection);
    config.selection = Selection {
        select: match args.select.is_empty() {
            true => configured.select,
            false => args.select.clone(),
        },
        ignore: configured
            .ignore
            .into_iter()
            .chain(args.ignore.clone())
            .collect(),
        ..Selection::default()
    };
    config.selection.resolve_standards(&rules::Registry);
    if let Some((entry, near)) = config
        .selection
        .unknown(&rules::Registry, policies.user.is_some())
    {
        let hint = near
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "select/ignore: unknown rule, family or standard `{entry}`{hint}; `deploylint rules` lists them"
        ));
    }
    let input = run_input(&args, &cwd, &config, policies)?;
    let handling = Handling {
        baseline: match &args.baseline {
            Some(path) => Some(baseline::read(path)?.known()),
            None => None,
        },
        record_baseline: args.write_baseline.is_some(),
        keep_findings: false,
        show_from: if args.quiet {
            Severity::Error
        } else {
            Severity::Info
        },
        report_unused_ignores: args.report_unused_ignores,
    };
    let outcome = run::run(input, &config, &handling, outputs(&args))?;
    if let Some(path) = &args.write_baseline {
        baseline::write(path, outcome.baseline)?;
        // The baseline was asked for and written: the run did its job.
        return Ok(EXIT_CLEAN);
    }
    if args.timings {
        eprint!("{}", crate::timings::report(&outcome.wall));
    }
    // The human summary says so itself; a machine-readable report says it on stderr.
    if let Some(paths) = outcome.summary.nothing_under.as_ref() {
        if !matches!(args.format, OutputFormat::Human | OutputFormat::Concise)
            || args.output.is_some()
        {
            eprintln!("deploylint: 0 files: nothing to lint under {paths}");
        }
    }
    let failed = outcome
        .summary
        .worst()
        .is_some_and(|worst| worst >= threshold(&args, &config));
    let empty = args.error_on_empty && outcome.summary.nothing_under.is_some();
    Ok(if failed || empty {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// A rule id of the configuration that neither a built-in rule nor a loaded
/// policy has.
fn unknown_custom_rule(config: &Config, policies: &Policies) -> Option<ConfigError> {
    if policies.user.is_some() {
        return None;
    }
    let (id, span) = config.custom_rules.first()?;
    Some(config.error_at(
        *span,
        format!("unknown rule `{id}`"),
        Some("no built-in rule or loaded policy has this id; `deploylint rules` lists the built-in ones".into()),
    ))
}

/// What the run reads: the paths, standard input, the excludes.
fn run_input(
    args: &LintArgs,
    cwd: &Path,
    config: &Config,
    policies: Policies,
) -> Result<RunInput, String> {
    let (paths, read_stdin) = split_stdin(&args.paths);
    let stdin = read_stdin
        .then(|| {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map(|_| bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))
        })
        .transpose()?;
    let mut exclude_lists = vec![(cwd.to_path_buf(), args.exclude.clone())];
    if let Some(base) = config.base_dir() {
        exclude_lists.push((base.to_path_buf(), config.exclude.clone()));
    }
    Ok(RunInput {
        paths,
        stdin,
        excludes: Excludes::new(cwd, &exclude_lists)?,
        options: DiscoverOptions {
            markdown: args.markdown,
            parser: args.parser.map(|p| match p {
                ParserChoice::Yaml => Format::Yaml,
                ParserChoice::Hcl => Format::Hcl,
                ParserChoice::Dockerfile => Format::Dockerfile,
                ParserChoice::Markdown => Format::Markdown,
            }),
        },
        jobs: args.jobs,
        policies,
        partial: args.partial,
    })
}

/// The reports to write: standard output, the `--output` file, or both.
fn outputs(args: &LintArgs) -> Vec<Output<'static>> {
    let renderer = |format: OutputFormat, color: bool| -> Box<dyn Renderer> {
        match format {
            _ if args.statistics => Box::new(Statistics {
                json: format == OutputFormat::Json,
            }),
            OutputFormat::Concise => Box::new(concise::Concise),
            OutputFormat::Json => Box::new(json::Json),
            OutputFormat::Sarif => Box::new(sarif::Sarif),
            OutputFormat::Github => Box::new(github::Github),
            OutputFormat::Gitlab => Box::new(gitlab::Gitlab),
            OutputFormat::Human => Box::new(human::Human(human::Style { color, width: 100 })),
        }
    };
    let stdout = || Output {
        renderer: renderer(args.format, use_color(args.color)),
        writer: Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())) as Box<dyn Write>,
    };
    let Some(path) = &args.output else {
        return vec![stdout()];
    };
    let file = Output {
        renderer: renderer(args.output_format.unwrap_or(args.format), false),
        writer: Box::new(io::BufWriter::with_capacity(
            1 << 16,
            ReportFile::new(path.clone()),
        )),
    };
    match args.output_format {
        Some(_) => vec![file, stdout()],
        None => vec![file],
    }
}

/// The severity at which findings fail the run: `--fail-on`, else the
/// configuration's `fail-on`, else warning.
fn threshold(args: &LintArgs, config: &Config) -> Severity {
    args.fail_on
        .map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        })
        .or(config.fail_on)
        .unwrap_or(Severity::Warning)
}

/// The user's policies: `--policy`, else `policies:` in the configuration, else `./policy` if it exists.
fn load_policies(args: &LintArgs, config: &Config) -> Result<Policies, PolicyError> {
    let (dirs, required) = if !args.policy.is_empty() {
        (args.policy.clone(), true)
    } else if !config.policies.is_empty() {
        (config.policies.clone(), true)
    } else {
        (vec![PathBuf::from("policy")], false)
    };
    Policies::load(&PolicyOptions {
        dirs,
        dirs_required: required,
        data: args.data.clone(),
        namespaces: args.namespace.clone(),
        all_namespaces: args.all_namespaces,
        combine: args.combine,
    })
}

/// Splits `-` (standard input) from the paths; no path at all means the current folder.
fn split_stdin(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let read_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let mut files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    if files.is_empty() && !read_stdin {
        files.push(PathBuf::from("."));
    }
    (files, read_stdin)
}

fn load_config(args: &LintArgs, cwd: &Path) -> Result<Config, ConfigError> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(path) => {
            if !path.is_file() {
                return Err(ConfigError {
                    path: display_path(path, cwd),
                    source: None,
                    span: None,
                    message: "the configuration file does not exist".into(),
                    help: Some("check the path given to --config".into()),
                });
            }
            path.clone()
        }
        None => match Config::find_upward(&search_root(&args.paths, cwd)) {
            Some(path) => path,
            None => return with_hadolint_config(Config::default(), args, cwd),
        },
    };
    let mut config = Config::load(&path, display_path(&path, cwd))?;
    config.check_rule_ids(&rules::Registry)?;
    with_hadolint_config(config, args, cwd)
}

/// Adds what the nearest `.hadolint.yaml` asks, for teams that keep theirs.
fn with_hadolint_config(
    mut config: Config,
    args: &LintArgs,
    cwd: &Path,
) -> Result<Config, ConfigError> {
    let start = search_root(&args.paths, cwd);
    if let Some(path) = Config::nearest(&start, HADOLINT_CONFIG_NAMES) {
        config.absorb_hadolint(&path, display_path(&path, cwd), &rules::Registry)?;
    }
    Ok(config)
}

/// Where the configuration is looked for, upward: the deepest folder that
/// holds every path given (`deploylint /other/repo` uses that repository's
/// configuration), else the current folder (no path, or only `-`).
fn search_root(paths: &[PathBuf], cwd: &Path) -> PathBuf {
    let folders: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| {
            let absolute = lexically_normal(&cwd.join(p));
            match absolute.is_dir() {
                true => absolute,
                false => absolute
                    .parent()
                    .map_or(absolute.clone(), Path::to_path_buf),
            }
        })
        .collect();
    let Some(first) = folders.first() else {
        return cwd.to_path_buf();
    };
    let mut root = first.clone();
    for folder in &folders[1..] {
        while !folder.starts_with(&root) {
            if !root.pop() {
                return cwd.to_path_buf();
            }
        }
    }
    root
}

fn print_config_error(error: ConfigError) {
    let rendered = report::human::render_config_error(&error, use_color(ColorChoice::Auto));
    eprint!("{rendered}");
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}
