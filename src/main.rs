use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use deploylint::baseline;
use deploylint::cli::{Cli, ColorChoice, Command, FailOn, LintArgs, OutputFormat, ParserChoice};
use deploylint::config::{Config, ConfigError};
use deploylint::discover::{display_path, DiscoverOptions, Excludes, Format};
use deploylint::finding::Severity;
use deploylint::rego::{self, Policies, PolicyOptions};
use deploylint::report::{self, github, gitlab, human, json, sarif, Renderer};
use deploylint::rules;
use deploylint::run::{self, Handling, Output, RunInput};

/// mimalloc builds the many small nodes of parse trees about a quarter faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc asks the kernel for transparent huge pages for its arenas. A
/// lint run touches most of its memory once, and a 2 MiB page is resident as
/// a whole as soon as one byte of it is: a run over 10,000 files peaked at
/// 45–46 MB without them against 61–74 MB with them, in the same time within
/// this machine's noise. The setting holds for this process only and applies
/// to every page touched after it, which is nearly all of them this early.
fn without_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Exit statuses: findings below the threshold, findings at or above it, a run that could not be done.
const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    without_transparent_huge_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_CLEAN
            });
        }
    };
    let result = match cli.command {
        Some(Command::Rules { format }) => list_rules(format),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Verify {
            policy,
            data,
            builtin,
        }) => verify(policy, data, builtin),
        None => lint(cli.lint),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("deploylint: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Writes to stdout; a closed pipe (`deploylint . | head`) ends the run quietly.
fn emit(text: &str) -> Result<(), String> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the report: {e}")),
    }
}

/// The `--output` file, created when the report first writes to it, so that a
/// run that stops early (a missing path) leaves no empty report behind.
struct ReportFile<'a> {
    path: &'a Path,
    file: Option<std::fs::File>,
}

impl<'a> ReportFile<'a> {
    fn new(path: &'a Path) -> Self {
        ReportFile { path, file: None }
    }

    fn file(&mut self) -> io::Result<&mut std::fs::File> {
        if self.file.is_none() {
            let error = |e: io::Error, what: &str| {
                io::Error::new(
                    e.kind(),
                    format!("cannot {what} {}: {e}", self.path.display()),
                )
            };
            if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| error(e, "create the folder of"))?;
            }
            self.file = Some(std::fs::File::create(self.path).map_err(|e| error(e, "create"))?);
        }
        Ok(self.file.as_mut().expect("just opened"))
    }
}

impl Write for ReportFile<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.file()?.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file()?.flush()
    }
}

fn list_rules(format: OutputFormat) -> Result<u8, String> {
    let text = match format {
        OutputFormat::Json => {
            let rules: Vec<_> = rules::all()
                .iter()
                .map(|meta| {
                    serde_json::json!({
                        "id": meta.id,
                        "severity": meta.severity,
                        "summary": meta.summary,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rules).expect("rules serialize") + "\n"
        }
        OutputFormat::Human | OutputFormat::Sarif | OutputFormat::Github | OutputFormat::Gitlab => {
            let width = rules::all()
                .iter()
                .map(|meta| meta.id.len())
                .max()
                .unwrap_or(0);
            rules::all()
                .iter()
                .map(|meta| {
                    format!(
                        "{:width$}  {:7}  {}\n",
                        meta.id, meta.severity, meta.summary
                    )
                })
                .collect()
        }
    };
    emit(&text)?;
    Ok(EXIT_CLEAN)
}

fn explain(id: &str) -> Result<u8, String> {
    let Some(rule) = rules::find(id) else {
        let hint = rules::closest_id(id)
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule `{id}`{hint}; `deploylint rules` lists them"
        ));
    };
    let meta = rule;
    emit(&format!(
        "# {}\n\nDefault severity: {}. {}.\n\n{}\n",
        meta.id,
        meta.severity,
        capitalise(meta.summary),
        meta.documentation()
    ))?;
    Ok(EXIT_CLEAN)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn lint(args: LintArgs) -> Result<u8, String> {
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
        deploylint::timings::enable();
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
    if policies.user.is_none() {
        if let Some((id, span)) = config.custom_rules.first() {
            print_config_error(config.error_at(
                *span,
                format!("unknown rule `{id}`"),
                Some("no built-in rule or loaded policy has this id; `deploylint rules` lists the built-in ones".into()),
            ));
            return Ok(EXIT_USAGE);
        }
    }
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
    let mut exclude_lists = vec![(cwd.clone(), args.exclude.clone())];
    if let Some(base) = config.base_dir() {
        exclude_lists.push((base.to_path_buf(), config.exclude.clone()));
    }
    let input = RunInput {
        paths,
        stdin,
        excludes: Excludes::new(&cwd, &exclude_lists)?,
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
    };
    let handling = Handling {
        baseline: match &args.baseline {
            Some(path) => Some(baseline::read(path)?.known()),
            None => None,
        },
        record_baseline: args.write_baseline.is_some(),
        keep_findings: false,
    };
    let renderer = |format: OutputFormat, color: bool| -> Box<dyn Renderer> {
        match format {
            OutputFormat::Json => Box::new(json::Json),
            OutputFormat::Sarif => Box::new(sarif::Sarif),
            OutputFormat::Github => Box::new(github::Github),
            OutputFormat::Gitlab => Box::new(gitlab::Gitlab),
            OutputFormat::Human => Box::new(human::Human(human::Style { color, width: 100 })),
        }
    };
    let stdout = || Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())) as Box<dyn Write>;
    let mut outputs = Vec::new();
    match (&args.output, args.output_format) {
        (Some(path), file_format) => {
            outputs.push(Output {
                renderer: renderer(file_format.unwrap_or(args.format), false),
                writer: Box::new(io::BufWriter::with_capacity(1 << 16, ReportFile::new(path))),
            });
            if file_format.is_some() {
                outputs.push(Output {
                    renderer: renderer(args.format, use_color(args.color)),
                    writer: stdout(),
                });
            }
        }
        (None, _) => outputs.push(Output {
            renderer: renderer(args.format, use_color(args.color)),
            writer: stdout(),
        }),
    }
    let outcome = run::run(input, &config, &handling, outputs)?;
    if let Some(path) = &args.write_baseline {
        baseline::write(path, outcome.baseline)?;
    }
    if args.timings {
        eprint!("{}", deploylint::timings::report(&outcome.wall));
    }
    let threshold = args
        .fail_on
        .map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        })
        .or(config.fail_on)
        .unwrap_or(Severity::Warning);
    let failed = outcome
        .summary
        .worst()
        .is_some_and(|worst| worst >= threshold);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// The user's policies: `--policy`, else `policies:` in the configuration, else `./policy` if it exists.
fn load_policies(args: &LintArgs, config: &Config) -> Result<Policies, rego::PolicyError> {
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

fn verify(policy: Vec<PathBuf>, data: Vec<PathBuf>, builtin: bool) -> Result<u8, String> {
    let set = if builtin {
        rego::verify::builtin_with_tests()
    } else {
        let required = !policy.is_empty();
        let dirs = if required {
            policy
        } else {
            vec![PathBuf::from("policy")]
        };
        let policies = Policies::load(&PolicyOptions {
            dirs,
            dirs_required: true,
            data,
            all_namespaces: true,
            ..PolicyOptions::default()
        })
        .map_err(|e| e.to_string())?;
        match policies.user {
            Some(set) => set,
            None => return Err("no policies to verify".into()),
        }
    };
    let outcomes = rego::verify::run_tests(&set);
    let mut text = String::new();
    for outcome in &outcomes {
        let status = if outcome.passed { "PASS" } else { "FAIL" };
        text.push_str(&format!("{status} {} ({})\n", outcome.test, outcome.file));
        if let Some(error) = &outcome.error {
            text.push_str(&format!(
                "     {}\n",
                error.lines().next().unwrap_or_default()
            ));
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    text.push_str(&format!(
        "{} passed, {failed} failed\n",
        outcomes.len() - failed
    ));
    emit(&text)?;
    Ok(if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
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
        None => match Config::find_upward(cwd) {
            Some(path) => path,
            None => return Ok(Config::default()),
        },
    };
    let mut config = Config::load(&path, display_path(&path, cwd))?;
    config.check_rule_ids(&rules::Registry)?;
    Ok(config)
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
