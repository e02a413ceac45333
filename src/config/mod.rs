//! `.deploylint.yaml`: per-rule severities, excludes and the failure threshold.
//!
//! The file is read with the same positioned YAML tree as manifests, so every
//! mistake in it is reported at its line and column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::facts::NodePool;
use crate::finding::Severity;
use crate::parse::yaml::{self, Node};
use crate::source::{SourceFile, Span};

mod error;
mod hadolint;
mod sections;

pub use error::ConfigError;
use sections::{read_docker, read_node_pools, read_string_list};

pub const CONFIG_NAMES: &[&str] = &[".deploylint.yaml", ".deploylint.yml"];
/// hadolint's configuration, honoured beside ours (see [`Config::absorb_hadolint`]).
pub const HADOLINT_CONFIG_NAMES: &[&str] = &[".hadolint.yaml", ".hadolint.yml"];
const KEYS: &[&str] = &[
    "rules",
    "exclude",
    "fail-on",
    "node-pools",
    "policies",
    "max-file-size",
    "docker",
    "select",
    "ignore",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

#[derive(Debug, Default)]
pub struct Config {
    /// The file this came from, if any.
    pub path: Option<PathBuf>,
    rules: HashMap<String, Level>,
    /// Gitignore-style globs, relative to the config file's folder.
    pub exclude: Vec<String>,
    pub fail_on: Option<Severity>,
    /// `node-pools:` for clusters whose infrastructure lives elsewhere.
    pub node_pools: Vec<NodePool>,
    /// `policies:`: folders of Rego policies, relative to the config file.
    pub policies: Vec<PathBuf>,
    /// `max-file-size`: files larger than this many bytes are skipped.
    pub max_file_size: Option<u64>,
    /// `docker.trusted-registries`: the registries base images may come from
    /// (empty: any).
    pub trusted_registries: Vec<String>,
    /// Every rule id under `rules:`, with where it is written.
    rule_ids: Vec<(String, Span)>,
    /// Rule ids that no built-in rule has, with where they are written
    /// (filled by [`Config::check_rule_ids`]).
    pub custom_rules: Vec<(String, Span)>,
    /// The configuration's text, for errors found after parsing.
    pub source: Option<Arc<SourceFile>>,
    /// `--select` / `--ignore`: which rules run at all.
    pub selection: Selection,
}

/// `--select` and `--ignore`: rule ids, families (`k8s`, `k8s/`), standards
/// (`pss-restricted`) or `all`. The more specific entry wins (`--ignore k8s
/// --select k8s/privileged` runs that one rule of the family); between
/// equals, `--ignore` wins.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// The rules of each entry that names a standard ([`Selection::resolve_standards`]).
    pub standards: HashMap<String, Vec<&'static str>>,
}

impl Selection {
    /// Learns which entries name standards, and their rules.
    pub fn resolve_standards(&mut self, known: &dyn KnownRules) {
        for entry in self.select.iter().chain(&self.ignore) {
            let rules = known.implementing(entry);
            if !rules.is_empty() {
                self.standards.insert(entry.clone(), rules);
            }
        }
    }

    /// How specifically `entry` names `id`: 2 the id, 1 its family or a
    /// standard it implements, 0 `all`.
    fn specificity(&self, entry: &str, id: &str) -> Option<u8> {
        let family = entry.trim_end_matches('/');
        if entry == id {
            Some(2)
        } else if id.split_once('/').is_some_and(|(f, _)| f == family)
            || self
                .standards
                .get(entry)
                .is_some_and(|rules| rules.contains(&id))
        {
            Some(1)
        } else if entry.eq_ignore_ascii_case("all") {
            Some(0)
        } else {
            None
        }
    }

    pub fn allows(&self, id: &str) -> bool {
        let best =
            |entries: &[String]| entries.iter().filter_map(|e| self.specificity(e, id)).max();
        let selected = match self.select.is_empty() {
            true => Some(0),
            false => best(&self.select),
        };
        match (selected, best(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(selected), Some(ignored)) => selected > ignored,
        }
    }

    /// The first entry that names no rule, family or `all` deploylint
    /// knows, with a suggestion. Other ids may be the user's policies':
    /// they pass when policies are loaded, unless they are in one of
    /// deploylint's own families (`k8s/latest-tags` is a typo).
    pub fn unknown(
        &self,
        known: &dyn KnownRules,
        policies_loaded: bool,
    ) -> Option<(String, Option<&'static str>)> {
        self.select.iter().chain(&self.ignore).find_map(|entry| {
            let family = entry.trim_end_matches('/');
            let names_family = !family.contains('/');
            let fine = entry.eq_ignore_ascii_case("all")
                || self.standards.contains_key(entry)
                || known.is_known(entry)
                || (names_family && known.owns_family(&format!("{family}/")))
                || (policies_loaded && !known.owns_family(entry));
            (!fine).then(|| (entry.clone(), known.closest(entry)))
        })
    }
}

/// What the configuration needs to know of rule ids; the rule registry
/// answers (`rules::Registry`).
pub trait KnownRules {
    fn is_known(&self, id: &str) -> bool;
    /// Whether `id` is in a family deploylint owns (`k8s/...`): a typo there is an error.
    fn owns_family(&self, id: &str) -> bool;
    /// The known id closest to `id`, for "did you mean".
    fn closest(&self, id: &str) -> Option<&'static str>;
    /// The ids of the rules that do the work of a peer's check (`DL3008`).
    fn covering(&self, code: &str) -> Vec<&'static str>;
    /// The ids of the rules that implement a standard (`pss-baseline`).
    fn implementing(&self, standard: &str) -> Vec<&'static str>;
}

impl Config {
    /// The severity of the rule `id` whose own severity is `default` in this
    /// run, or `None` when it is switched off: the one answer every rule,
    /// policy and phase asks.
    pub fn severity_for(&self, id: &str, default: Severity) -> Option<Severity> {
        if !self.selection.allows(id) {
            return None;
        }
        match self.rules.get(id) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => Some(*severity),
            None => Some(default),
        }
    }

    /// Whether this run asks for the rule `id` by its id: a level under
    /// `rules:` or `--select ID`. Rules that are off by default run only then.
    pub fn asks_for(&self, id: &str) -> bool {
        matches!(self.rules.get(id), Some(Level::On(_)))
            || self.selection.select.iter().any(|entry| entry == id)
    }

    /// An error at a place in this configuration file.
    pub fn error_at(&self, span: Span, message: String, help: Option<String>) -> ConfigError {
        ConfigError {
            path: self
                .source
                .as_ref()
                .map(|s| s.path.to_string())
                .unwrap_or_default(),
            source: self.source.clone(),
            span: Some(span),
            message,
            help,
        }
    }

    /// The folder excludes are relative to.
    pub fn base_dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// The nearest `.deploylint.yaml` in `start` or one of its parents.
    pub fn find_upward(start: &Path) -> Option<PathBuf> {
        Self::nearest(start, CONFIG_NAMES)
    }

    /// The nearest file called one of `names` in `start` or one of its parents.
    pub fn nearest(start: &Path, names: &[&str]) -> Option<PathBuf> {
        start.ancestors().find_map(|dir| {
            names
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    }

    pub fn load(path: &Path, display: String) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: display.clone(),
            source: None,
            span: None,
            message: format!("cannot read the configuration file: {e}"),
            help: None,
        })?;
        let mut config = Config::parse(SourceFile::new(display, text))?;
        config.path = Some(path.to_path_buf());
        if let Some(base) = path.parent() {
            config.policies = config.policies.iter().map(|p| base.join(p)).collect();
        }
        Ok(config)
    }

    pub fn parse(file: SourceFile) -> Result<Config, ConfigError> {
        let file = Arc::new(file);
        let error = |span: Span, message: String, help: Option<String>| ConfigError {
            path: file.path.to_string(),
            source: Some(file.clone()),
            span: Some(span),
            message,
            help,
        };
        let stream = yaml::parse(&file);
        if let Some(e) = stream.errors.first() {
            return Err(error(
                Span::new(e.offset, e.offset),
                format!("the configuration is not valid YAML: {}", e.message),
                None,
            ));
        }
        if let Some(dup) = stream.duplicates.first() {
            return Err(error(
                dup.second,
                format!("`{}` is set twice", dup.key),
                Some("keep one of the two".into()),
            ));
        }
        let mut config = Config {
            source: Some(file.clone()),
            ..Config::default()
        };
        let Some(root) = stream.documents.first().filter(|d| !d.is_null()) else {
            return Ok(config);
        };
        if !root.is_map() {
            return Err(error(
                root.span,
                "the configuration must be a mapping".into(),
                Some("start with `rules:`, `exclude:` or `fail-on:`".into()),
            ));
        }
        for (key, value) in root.entries() {
            let name = key.as_str().unwrap_or_default();
            match name {
                "rules" => config.read_rules(value, &error)?,
                "exclude" => config.exclude = read_string_list(value, "exclude", &error)?,
                "node-pools" => config.node_pools = read_node_pools(value, &file, &error)?,
                "docker" => config.trusted_registries = read_docker(value, &error)?,
                "select" => config.selection.select = read_string_list(value, "select", &error)?,
                "ignore" => config.selection.ignore = read_string_list(value, "ignore", &error)?,
                "max-file-size" => {
                    let bytes = value.as_i64().filter(|n| *n > 0).ok_or_else(|| {
                        error(
                            value.span,
                            "`max-file-size` must be a number of bytes above 0".into(),
                            None,
                        )
                    })?;
                    config.max_file_size = Some(bytes as u64);
                }
                "policies" => {
                    config.policies = read_string_list(value, "policies", &error)?
                        .into_iter()
                        .map(PathBuf::from)
                        .collect()
                }
                "fail-on" => {
                    let level = value.as_str().and_then(Severity::parse).ok_or_else(|| {
                        error(
                            value.span,
                            "`fail-on` must be `error`, `warning` or `info`".into(),
                            None,
                        )
                    })?;
                    config.fail_on = Some(level);
                }
                _ => {
                    return Err(error(
                        key.span,
                        format!("unknown setting `{name}`"),
                        Some(format!("the settings are {}", KEYS.join(", "))),
                    ))
                }
            }
        }
        Ok(config)
    }

    /// Checks the ids under `rules:`: an unknown id in a family deploylint
    /// owns is an error with a "did you mean"; any other unknown id may
    /// name a rule of the user's own policies, checked once they are loaded.
    pub fn check_rule_ids(&mut self, known: &dyn KnownRules) -> Result<(), ConfigError> {
        for (id, span) in &self.rule_ids {
            if known.is_known(id) {
                continue;
            }
            if known.owns_family(id) {
                let help = match known.closest(id) {
                    Some(near) => {
                        format!("did you mean `{near}`? `deploylint rules` lists them all")
                    }
                    None => "`deploylint rules` lists the rule ids".into(),
                };
                return Err(self.error_at(*span, format!("unknown rule `{id}`"), Some(help)));
            }
            self.custom_rules.push((id.clone(), *span));
        }
        Ok(())
    }

    fn read_rules(
        &mut self,
        value: &Node,
        error: &impl Fn(Span, String, Option<String>) -> ConfigError,
    ) -> Result<(), ConfigError> {
        if value.is_null() {
            return Ok(());
        }
        if !value.is_map() {
            return Err(error(
                value.span,
                "`rules` must map rule ids to off, info, warning or error".into(),
                Some("for example `rules: {k8s/cpu-limits: off}`".into()),
            ));
        }
        for (key, level) in value.entries() {
            let id = key.as_str().unwrap_or_default();
            self.rule_ids.push((id.to_string(), key.span));
            let parsed = match level.as_scalar().map(|s| s.text.as_str()) {
                Some("off") => Level::Off,
                Some(text) => match Severity::parse(text) {
                    Some(severity) => Level::On(severity),
                    None => {
                        return Err(error(
                            level.span,
                            format!("`{text}` is not a level for `{id}`"),
                            Some("use off, info, warning or error".into()),
                        ))
                    }
                },
                None => {
                    return Err(error(
                        level.span,
                        format!("the level of `{id}` must be off, info, warning or error"),
                        None,
                    ))
                }
            };
            self.rules.insert(id.to_string(), parsed);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Effect;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        let mut config = Config::parse(SourceFile::new(".deploylint.yaml", text))?;
        config.check_rule_ids(&crate::rules::Registry)?;
        Ok(config)
    }

    #[test]
    fn levels_override_defaults() {
        let config =
            parse("rules:\n  k8s/cpu-limits: off\n  k8s/latest-tag: error\nfail-on: error\n")
                .unwrap();
        let cpu = &crate::rules::k8s::cpu_limits::RULE;
        let latest = &crate::rules::k8s::latest_tag::RULE;
        assert_eq!(cpu.configured(&config), None);
        assert_eq!(latest.configured(&config), Some(Severity::Error));
        assert_eq!(config.fail_on, Some(Severity::Error));
    }

    #[test]
    fn select_and_ignore_take_ids_families_and_all_the_most_specific_winning() {
        let selection = |select: &[&str], ignore: &[&str]| {
            let mut selection = Selection {
                select: select.iter().map(|s| s.to_string()).collect(),
                ignore: ignore.iter().map(|s| s.to_string()).collect(),
                ..Selection::default()
            };
            selection.resolve_standards(&crate::rules::Registry);
            selection
        };
        let restricted = selection(&["pss-restricted"], &["k8s/seccomp"]);
        assert!(restricted.allows("k8s/drop-capabilities"));
        assert!(!restricted.allows("k8s/seccomp"));
        assert!(restricted.allows("k8s/privileged"));
        assert!(!restricted.allows("k8s/cpu-limits"));
        assert!(selection(&["pss-baseline"], &[]).allows("k8s/seccomp"));
        let only_k8s = selection(&["k8s"], &["k8s/cpu-limits"]);
        assert!(only_k8s.allows("k8s/privileged"));
        assert!(!only_k8s.allows("k8s/cpu-limits"));
        assert!(!only_k8s.allows("docker/root-user"));
        let one_of_family = selection(&["k8s/privileged"], &["k8s/"]);
        assert!(one_of_family.allows("k8s/privileged"));
        assert!(!one_of_family.allows("k8s/latest-tag"));
        assert!(!selection(&[], &["all"]).allows("tf/open-ingress"));
        assert!(selection(&[], &["docker"]).allows("ORG-001"));
        assert!(!selection(&["k8s/privileged"], &["k8s/privileged"]).allows("k8s/privileged"));
        let registry = crate::rules::Registry;
        let unknown = |s: Selection, policies| s.unknown(&registry, policies).map(|u| u.0);
        assert_eq!(
            selection(&["k8s/latest-tags"], &[]).unknown(&registry, true),
            Some(("k8s/latest-tags".into(), Some("k8s/latest-tag")))
        );
        assert_eq!(
            unknown(selection(&["kates"], &[]), false),
            Some("kates".into())
        );
        assert_eq!(unknown(selection(&["kates"], &[]), true), None);
        assert_eq!(
            unknown(selection(&["k8s", "docker/", "all"], &["sched"]), false),
            None
        );
        assert_eq!(unknown(selection(&["ORG-001"], &[]), true), None);
    }

    #[test]
    fn unknown_rule_ids_are_errors_at_their_line() {
        let error = parse("rules:\n  k8s/latest-tags: off\n").unwrap_err();
        assert_eq!(error.span.map(|s| s.start), Some(9));
        assert!(error.help.unwrap().contains("k8s/latest-tag"));
    }

    #[test]
    fn bad_levels_and_unknown_settings_are_errors() {
        assert!(parse("rules: {k8s/latest-tag: loud}\n").is_err());
        assert!(parse("exlude: [a]\n").is_err());
        assert!(parse("fail-on: sometimes\n").is_err());
        assert!(parse("rules: [\n").is_err());
    }

    #[test]
    fn node_pools_in_both_taint_forms() {
        let config = parse("node-pools:\n  - name: gpu\n    labels: {pool: gpu}\n    taints:\n      - nvidia.com/gpu=true:NoSchedule\n      - {key: dedicated, value: ml, effect: NoExecute}\n").unwrap();
        let pool = &config.node_pools[0];
        assert_eq!(pool.name, "gpu");
        assert_eq!(pool.taints[0].describe(), "nvidia.com/gpu=true:NoSchedule");
        assert_eq!(pool.taints[1].effect, Effect::NoExecute);
        assert_eq!(pool.labels[0].at.start().line, 3);
        assert!(parse("node-pools:\n  - name: x\n    taints: [\"bad\"]\n").is_err());
        assert!(parse("node-pools:\n  - labels: {}\n").is_err());
    }

    #[test]
    fn docker_trusted_registries_are_a_list() {
        let config =
            parse("docker:\n  trusted-registries: [registry.example.com, docker.io]\n").unwrap();
        assert_eq!(
            config.trusted_registries,
            ["registry.example.com", "docker.io"]
        );
        assert!(parse("docker: {trusted-registry: [x]}\n").is_err());
        assert!(parse("docker: [x]\n").is_err());
    }

    #[test]
    fn a_hadolint_configuration_fills_what_rules_leave_unset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".hadolint.yaml");
        std::fs::write(
            &path,
            "ignored: [DL3008]\noverride:\n  error: [DL3015, DL3009]\n  style: [DL4000]\ntrustedRegistries: [quay.io]\n",
        )
        .unwrap();
        let mut config = parse("rules: {docker/apt-lists: warning}\n").unwrap();
        config
            .absorb_hadolint(&path, ".hadolint.yaml".into(), &crate::rules::Registry)
            .unwrap();
        let level = |id: &str| config.severity_for(id, Severity::Warning);
        assert_eq!(level("docker/unpinned-packages"), None);
        assert_eq!(level("docker/no-install-recommends"), Some(Severity::Error));
        assert_eq!(level("docker/apt-lists"), Some(Severity::Warning));
        assert_eq!(level("docker/maintainer"), Some(Severity::Info));
        assert_eq!(config.trusted_registries, ["quay.io"]);
        std::fs::write(&path, "ignored: [\n").unwrap();
        let error = config
            .absorb_hadolint(&path, ".hadolint.yaml".into(), &crate::rules::Registry)
            .unwrap_err();
        assert!(error.span.is_some());
    }

    #[test]
    fn an_empty_file_is_the_default() {
        assert!(parse("").unwrap().exclude.is_empty());
    }
}
