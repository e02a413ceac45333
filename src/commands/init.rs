//! Getting started: `deploylint init` writes a commented configuration,
//! `deploylint completions SHELL` a completion script and `deploylint
//! manpage` the manual page, both generated from the command line's
//! definition.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::commands::exit::{EXIT_CLEAN, EXIT_USAGE};
use crate::commands::stdout::emit;
use crate::rules;

/// The configuration `init` writes: every setting, commented, with the rules
/// at their defaults.
fn starter_config() -> String {
    let width = rules::all().iter().map(|m| m.id.len()).max().unwrap_or(0) + 1;
    let rules: String = rules::all()
        .iter()
        .map(|meta| {
            let (level, note) = match meta.off_by_default {
                true => (
                    "off".to_string(),
                    format!(" (off by default; {} when on)", meta.severity),
                ),
                false => (meta.severity.to_string(), String::new()),
            };
            format!(
                "  # {:width$} {:7}  # {}{note}\n",
                format!("{}:", meta.id),
                level,
                meta.summary
            )
        })
        .collect();
    format!(
        "# deploylint configuration: https://github.com/deploylint/deploylint#configuration
# Found upward from the folder of the paths being linted.

# Per-rule levels: off, info, warning or error. Every rule is listed at its
# default; uncomment a line to change it.
rules:
{rules}
# Paths to skip, gitignore syntax, relative to this file's folder.
exclude:
  # - vendor/
  # - charts/*/templates/

# The lowest severity that makes the exit status 1 (default warning).
# fail-on: error

# Files larger than this many bytes are skipped (default 10 MiB).
# max-file-size: 10485760

# The registries Dockerfiles may take base images from (docker/untrusted-registry).
# docker:
#   trusted-registries: [registry.example.com, docker.io]

# Folders of Rego policies (default ./policy when it exists).
# policies: [policy]

# Node pools of clusters whose infrastructure lives elsewhere, for the
# scheduling rules (sched/*).
# node-pools:
#   - name: general
#     labels: {{pool: general}}
#   - name: gpu
#     labels: {{pool: gpu}}
#     taints:
#       - nvidia.com/gpu=true:NoSchedule
"
    )
}

pub fn run(path: &Path, force: bool) -> Result<u8, String> {
    if path.exists() && !force {
        eprintln!(
            "deploylint: {} exists; `deploylint init --force` replaces it",
            path.display()
        );
        return Ok(EXIT_USAGE);
    }
    std::fs::write(path, starter_config())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("deploylint: wrote {}", path.display());
    Ok(EXIT_CLEAN)
}

pub fn completions(shell: clap_complete::Shell) -> Result<u8, String> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "deploylint", &mut script);
    emit(&String::from_utf8_lossy(&script))?;
    Ok(EXIT_CLEAN)
}

pub fn manpage() -> Result<u8, String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| format!("cannot render the manual page: {e}"))?;
    emit(&String::from_utf8_lossy(&page))?;
    Ok(EXIT_CLEAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starter configuration is a valid configuration, every rule listed.
    #[test]
    fn the_starter_configuration_loads_and_lists_every_rule() {
        let text = starter_config();
        let config = crate::config::Config::parse(crate::source::SourceFile::new(
            ".deploylint.yaml",
            text.clone(),
        ))
        .unwrap();
        assert!(config.exclude.is_empty() && config.fail_on.is_none());
        for meta in rules::all() {
            assert!(text.contains(&format!("# {}:", meta.id)), "{}", meta.id);
        }
        // Uncommenting a rule's line gives a valid setting.
        let uncommented = text.replacen("  # k8s/privileged:", "  k8s/privileged:", 1);
        let line = uncommented
            .lines()
            .find(|l| l.starts_with("  k8s/privileged:"))
            .unwrap();
        let config = crate::config::Config::parse(crate::source::SourceFile::new(
            ".deploylint.yaml",
            format!("rules:\n{line}\n"),
        ))
        .unwrap();
        let meta = rules::find("k8s/privileged").unwrap();
        assert_eq!(meta.configured(&config), Some(meta.severity));
    }
}
