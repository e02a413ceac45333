//! The command line: `deploylint [OPTIONS] [PATHS]...` plus `rules` and `explain`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "deploylint",
    version,
    about = "A fast policy and manifest linter for Kubernetes YAML and the rest of a platform repository",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Options go after a subcommand: `deploylint rules --format json`.\n\
                  To lint a folder named like a subcommand, write `./rules`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: id, default severity and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
        /// Only the rules of a standard: pss-baseline, pss-restricted, cis-k8s, nsa.
        #[arg(long, value_name = "STANDARD")]
        standard: Option<String>,
    },
    /// Print a rule's documentation.
    Explain {
        /// A rule id, such as k8s/run-as-non-root.
        rule: String,
    },
    /// Write a commented `.deploylint.yaml` to start from.
    Init {
        /// Where to write it.
        #[arg(default_value = ".deploylint.yaml")]
        path: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script: `deploylint completions bash > /etc/bash_completion.d/deploylint`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `deploylint manpage > deploylint.1`.
    Manpage,
    /// Run the `test_*` rules of Rego policies, like `conftest verify`.
    Verify {
        /// A folder (or file) of policies (repeatable; default ./policy).
        #[arg(short, long, value_name = "DIR")]
        policy: Vec<PathBuf>,
        /// JSON or YAML documents to load under `data` (repeatable).
        #[arg(short, long, value_name = "PATH")]
        data: Vec<PathBuf>,
        /// Test the built-in policies instead.
        #[arg(long)]
        builtin: bool,
    },
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files and folders to lint (default: the current folder); `-` reads standard input.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Also write the report to this file (in --output-format, else --format, which then leaves stdout empty).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The format of the --output file: human, concise, json, sarif, github or gitlab.
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output")]
    pub output_format: Option<OutputFormat>,

    /// Hide the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// The paths are part of a larger repository (pre-commit's changed files):
    /// skip findings that depend on what the other files hold.
    #[arg(long)]
    pub partial: bool,

    /// Exit with status 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Use this configuration file instead of the nearest .deploylint.yaml.
    #[arg(short, long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every .deploylint.yaml.
    #[arg(long)]
    pub no_config: bool,

    /// Skip files and folders matching this gitignore-style glob (repeatable).
    #[arg(short, long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Also read Markdown files (`*.md`) found in folders, for their fenced code blocks.
    #[arg(long)]
    pub markdown: bool,

    /// Read explicitly named files and standard input as this format, whatever their names.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub parser: Option<ParserChoice>,

    /// A folder (or file) of Rego policies to run (repeatable; default ./policy when it exists).
    #[arg(short, long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,

    /// JSON or YAML documents to load under `data` for the policies (repeatable).
    #[arg(short, long, value_name = "PATH")]
    pub data: Vec<PathBuf>,

    /// The policy package whose rules run (repeatable; default `main`).
    #[arg(short, long, value_name = "NS")]
    pub namespace: Vec<String>,

    /// Run the rules of every policy package.
    #[arg(long)]
    pub all_namespaces: bool,

    /// Give the policies every document of the run as one input: `[{path, contents}]`.
    #[arg(long)]
    pub combine: bool,

    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Skip files larger than this many bytes [default: 10485760, or max-file-size in the config].
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// Print where the run spent its time on standard error.
    #[arg(long)]
    pub timings: bool,

    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Run only these rules: ids, families (`k8s`) or `all` (comma-separated, repeatable).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not run these rules: ids, families or `all` (comma-separated, repeatable).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Print how many findings each rule reported instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Show only error findings and the summary; warnings and infos still count.
    #[arg(short, long)]
    pub quiet: bool,

    /// Also report `# deploylint-ignore` comments that silence nothing.
    #[arg(long)]
    pub report_unused_ignores: bool,

    /// Exit with status 1 when there was nothing to lint.
    #[arg(long)]
    pub error_on_empty: bool,
}

/// The formats of `deploylint rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    /// One line per finding: `file:line:col: severity[rule] message`.
    Concise,
    Json,
    Sarif,
    Github,
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParserChoice {
    Yaml,
    Hcl,
    Dockerfile,
    Markdown,
}
