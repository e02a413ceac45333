//! Development commands, run as `cargo xtask COMMAND`.
//!
//! `new-rule FAMILY/NAME --summary TEXT [--severity LEVEL] [--view VIEW]`
//! writes a rule's file with its documentation skeleton, registers it in
//! its family's `mod.rs` and in the registry, adds its README row, and
//! creates its `fires` and `silent` fixtures as placeholders that fail the
//! fixture tests until they are filled in.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What a placeholder fixture says; `tests/fixtures.rs` fails while one remains.
const PLACEHOLDER: &str = "deploylint-new-rule:";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the repository")
        .to_path_buf();
    let result = match args.first().map(String::as_str) {
        Some("new-rule") => NewRule::parse(&args[1..]).and_then(|rule| rule.write(&root)),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str = "usage: cargo xtask new-rule FAMILY/NAME --summary TEXT \
[--severity error|warning|info] [--view workload|object|yaml-document|hcl|dockerfile|project]";

/// The view a rule's check takes, and what goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Workload,
    Object,
    YamlDocument,
    Hcl,
    Dockerfile,
    Project,
}

impl View {
    fn parse(text: &str) -> Result<View, String> {
        Ok(match text {
            "workload" => View::Workload,
            "object" => View::Object,
            "yaml-document" => View::YamlDocument,
            "hcl" => View::Hcl,
            "dockerfile" => View::Dockerfile,
            "project" => View::Project,
            _ => return Err(format!("unknown view `{text}`\n{USAGE}")),
        })
    }

    /// The view most rules of a family take.
    fn of_family(family: &str) -> View {
        match family {
            "docker" => View::Dockerfile,
            "tf" => View::Hcl,
            "compose" | "yaml" => View::YamlDocument,
            "pdb" | "sched" => View::Project,
            "secrets" => View::Object,
            _ => View::Workload,
        }
    }

    /// The `Check` variant that runs it, as the registry names it.
    fn variant(self) -> &'static str {
        match self {
            View::Workload => "Workload",
            View::Object => "Object",
            View::YamlDocument => "YamlDocument",
            View::Hcl => "Hcl",
            View::Dockerfile => "Dockerfile",
            View::Project => "Project",
        }
    }

    /// The imports and signature of the check function.
    fn signature(self) -> (&'static str, &'static str) {
        match self {
            View::Workload => (
                "use crate::model::k8s::Workload;\nuse crate::rules::sink::Sink;",
                "pub fn check(workload: &Workload, sink: &mut Sink)",
            ),
            View::Object => (
                "use crate::model::k8s::Object;\nuse crate::rules::sink::Sink;",
                "pub fn check(object: &Object, sink: &mut Sink)",
            ),
            View::YamlDocument => (
                "use crate::model::YamlDocument;\nuse crate::rules::sink::Sink;",
                "pub fn check(document: &YamlDocument, sink: &mut Sink)",
            ),
            View::Hcl => (
                "use crate::parse::hcl;\nuse crate::rules::sink::Sink;",
                "pub fn check(body: &hcl::Body, sink: &mut Sink)",
            ),
            View::Dockerfile => (
                "use crate::parse::dockerfile::Dockerfile;\nuse crate::rules::sink::Sink;",
                "pub fn check(dockerfile: &Dockerfile, sink: &mut Sink)",
            ),
            View::Project => (
                "use crate::project::Project;\nuse crate::rules::sink::ProjectSink;",
                "pub fn check(project: &Project, sink: &mut ProjectSink)",
            ),
        }
    }

    /// The file name extension of its fixtures, and the language of its doc example.
    fn fixture(self) -> (&'static str, &'static str) {
        match self {
            View::Hcl => ("tf", "hcl"),
            View::Dockerfile => ("Dockerfile", "dockerfile"),
            _ => ("yaml", "yaml"),
        }
    }
}

#[derive(Debug)]
struct NewRule {
    family: String,
    name: String,
    severity: String,
    summary: String,
    view: View,
}

impl NewRule {
    fn parse(args: &[String]) -> Result<NewRule, String> {
        let mut id = None;
        let (mut severity, mut summary, mut view) = (None, None, None);
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
            };
            match arg.as_str() {
                "--severity" => severity = Some(value()?),
                "--summary" => summary = Some(value()?),
                "--view" => view = Some(View::parse(&value()?)?),
                flag if flag.starts_with('-') => {
                    return Err(format!("unknown flag {flag}\n{USAGE}"))
                }
                _ if id.is_none() => id = Some(arg.clone()),
                _ => return Err(format!("one rule at a time\n{USAGE}")),
            }
        }
        let id = id.ok_or_else(|| USAGE.to_string())?;
        let (family, name) = id
            .split_once('/')
            .filter(|(f, n)| is_kebab(f) && is_kebab(n))
            .ok_or_else(|| format!("`{id}` is not FAMILY/NAME in kebab-case"))?;
        let severity = severity.unwrap_or_else(|| "warning".into());
        if !["error", "warning", "info"].contains(&severity.as_str()) {
            return Err(format!("`{severity}` is not error, warning or info"));
        }
        let summary = summary.ok_or_else(|| {
            format!("--summary is required: the one line `deploylint rules` prints\n{USAGE}")
        })?;
        Ok(NewRule {
            view: view.unwrap_or_else(|| View::of_family(family)),
            family: family.to_string(),
            name: name.to_string(),
            severity,
            summary,
        })
    }

    fn id(&self) -> String {
        format!("{}/{}", self.family, self.name)
    }

    fn module(&self) -> String {
        self.name.replace('-', "_")
    }

    /// Writes every file and returns what was done and what is left.
    fn write(&self, root: &Path) -> Result<String, String> {
        let family_dir = root.join("src/rules").join(&self.family);
        let family_mod = family_dir.join("mod.rs");
        if !family_mod.is_file() {
            return Err(format!(
                "there is no family `{}` (src/rules/{}/mod.rs); create the family first",
                self.family, self.family
            ));
        }
        let rule_file = family_dir.join(format!("{}.rs", self.module()));
        let fixtures = root.join("fixtures").join(&self.family).join(&self.name);
        if rule_file.exists() || fixtures.exists() {
            return Err(format!("`{}` exists already", self.id()));
        }
        let registry = root.join("src/rules/mod.rs");
        let readme = root.join("README.md");
        // Every edit is computed before anything is written.
        let family_text = declare_module(&read(&family_mod)?, &self.module())?;
        let registry_text = register(&read(&registry)?, &self.family, &self.registry_entry())?;
        let readme_text = add_readme_row(&read(&readme)?, &self.family, &self.readme_row())?;
        let (extension, _) = self.view.fixture();
        let fires = fixtures.join(format!("fires.{extension}"));
        let silent = fixtures.join(format!("silent.{extension}"));
        std::fs::create_dir_all(&fixtures).map_err(|e| format!("{}: {e}", fixtures.display()))?;
        for (path, text) in [
            (&rule_file, self.rule_source()),
            (&family_mod, family_text),
            (&registry, registry_text),
            (&readme, readme_text),
            (&fires, self.placeholder("an input it must report")),
            (&silent, self.placeholder(
                "a hard negative: an input close to the one that fires, which it must not report",
            )),
        ] {
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let shown = |p: &PathBuf| p.strip_prefix(root).unwrap_or(p).display().to_string();
        Ok(format!(
            "wrote {}\nregistered it in {} and src/rules/mod.rs; README row added\n\
             placeholders: {} and {}\n\
             next: write the check and its docs, fill in both fixtures (rename or add\n\
             `fires-*`/`silent-*` ones named for what they prove), then\n\
             `cargo test --test fixtures` and `cargo insta review` for the snapshots.\n",
            shown(&rule_file),
            shown(&family_mod),
            shown(&fires),
            shown(&silent),
        ))
    }

    fn registry_entry(&self) -> String {
        format!(
            "    rule!({}::{}, {}(check)),\n",
            self.family,
            self.module(),
            self.view.variant()
        )
    }

    fn readme_row(&self) -> String {
        format!(
            "| `{}` | {} | {} |\n",
            self.id(),
            self.severity,
            self.summary
        )
    }

    fn rule_source(&self) -> String {
        let (imports, signature) = self.view.signature();
        let (_, language) = self.view.fixture();
        let severity = capitalised(&self.severity);
        format!(
            r#"//! `{id}`: {summary}.

use crate::declare_rule;
{imports}

declare_rule! {{
    /// ### What it does
    /// Reports ... (the exact key or value the finding points at).
    ///
    /// ### Why is this bad?
    /// What breaks or who can attack, and when.
    ///
    /// ### Example
    /// ```{language}
    /// ```
    /// Use instead:
    /// ```{language}
    /// ```
    ///
    /// ### References
    /// - The peer checks it covers (kube-linter, checkov, hadolint ids) and the documentation it follows.
    pub static RULE = {{
        id: "{id}",
        severity: {severity},
        summary: "{summary}",
    }}
}}

{signature} {{
    // Find the offending node, then:
    // sink.report(&RULE, node.span, "what is wrong: why it matters", "the fix, in `backticks`");
    let _ = (&RULE, {view}, sink);
}}
"#,
            id = self.id(),
            summary = self.summary,
            view = signature
                .split_once("check(")
                .and_then(|(_, rest)| rest.split_once(':'))
                .map_or("", |(name, _)| name),
        )
    }

    fn placeholder(&self, what: &str) -> String {
        format!(
            "# {PLACEHOLDER} replace this file with {what} for {}.\n",
            self.id()
        )
    }
}

fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Adds `pub mod NAME;` among the family's module lines, in name order.
fn declare_module(text: &str, module: &str) -> Result<String, String> {
    let line = format!("pub mod {module};");
    let name_of = |l: &str| {
        let l = l.strip_prefix("pub ").unwrap_or(l);
        l.strip_prefix("mod ")
            .and_then(|rest| rest.strip_suffix(';'))
            .map(str::to_string)
    };
    let lines: Vec<&str> = text.lines().collect();
    let modules: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| Some((i, name_of(l)?)))
        .collect();
    if modules.iter().any(|(_, name)| name == module) {
        return Err(format!("the family declares `{module}` already"));
    }
    let at = modules
        .iter()
        .find(|(_, name)| name.as_str() > module)
        .map(|(i, _)| *i)
        .or_else(|| modules.last().map(|(i, _)| i + 1))
        .ok_or("the family's mod.rs declares no module to add beside")?;
    let mut out: Vec<&str> = lines.clone();
    out.insert(at, &line);
    Ok(out.join("\n") + "\n")
}

/// Adds the registry entry after the family's last rule in `RULES`, or at
/// its end when the family has none yet.
fn register(text: &str, family: &str, entry: &str) -> Result<String, String> {
    let start = text
        .find("pub static RULES")
        .ok_or("src/rules/mod.rs has no `pub static RULES`")?;
    let end = start
        + text[start..]
            .find("\n];")
            .ok_or("`RULES` does not end with `];`")?
        + 1;
    let opening = format!("{family}::");
    // Each entry runs from `rule!(` to its closing parenthesis; its first
    // path names the family, on the same line or the next.
    let (mut at, mut offset, mut depth) = (end, start, 0usize);
    let mut entry_family: Option<bool> = None;
    for line in text[start..end].split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("rule!(") {
            entry_family = (!rest.is_empty()).then(|| rest.starts_with(&opening));
        } else if depth > 0 && entry_family.is_none() && !trimmed.is_empty() {
            entry_family = Some(trimmed.starts_with(&opening));
        }
        let was_open = depth > 0 || trimmed.starts_with("rule!(");
        depth += trimmed.matches('(').count();
        depth = depth.saturating_sub(trimmed.matches(')').count());
        if was_open && depth == 0 {
            if entry_family == Some(true) {
                at = offset;
            }
            entry_family = None;
        }
    }
    Ok(format!("{}{entry}{}", &text[..at], &text[at..]))
}

/// Adds the README row after the family's last row in the rule tables.
fn add_readme_row(text: &str, family: &str, row: &str) -> Result<String, String> {
    let prefix = format!("| `{family}/");
    let mut at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if line.starts_with(&prefix) {
            at = Some(offset);
        }
    }
    let at = at.ok_or_else(|| {
        format!("README.md has no rule table row for `{family}/`: add the rule's row by hand")
    })?;
    Ok(format!("{}{row}{}", &text[..at], &text[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTRY: &str = "pub static RULES: &[Rule] = &[\n    rule!(k8s::privileged, Workload(check)),\n    rule!(k8s::latest_tag, Workload(check)),\n    rule!(docker::root_user, Dockerfile(check)),\n    rule!(\n        secrets::inline_secret,\n        Object(check_object),\n        Hcl(check_hcl)\n    ),\n    rule!(parse::yaml),\n];\n";

    fn args(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_rule_is_registered_after_its_familys_last_rule() {
        let out = register(
            REGISTRY,
            "k8s",
            "    rule!(k8s::seccomp, Workload(check)),\n",
        )
        .unwrap();
        assert!(out.contains(
            "rule!(k8s::latest_tag, Workload(check)),\n    rule!(k8s::seccomp, Workload(check)),\n    rule!(docker::"
        ));
        let out = register(
            REGISTRY,
            "secrets",
            "    rule!(secrets::x, Object(check)),\n",
        )
        .unwrap();
        assert!(out.contains(
            "Hcl(check_hcl)\n    ),\n    rule!(secrets::x, Object(check)),\n    rule!(parse::yaml)"
        ));
        let out = register(REGISTRY, "rbac", "    rule!(rbac::x, Object(check)),\n").unwrap();
        assert!(out.ends_with("rule!(parse::yaml),\n    rule!(rbac::x, Object(check)),\n];\n"));
    }

    #[test]
    fn modules_are_declared_in_name_order() {
        let family = "//! Rules.\n\npub mod cpu_limits;\nmod probes;\npub mod run_as_non_root;\n";
        let out = declare_module(family, "privileged").unwrap();
        assert_eq!(out, "//! Rules.\n\npub mod cpu_limits;\npub mod privileged;\nmod probes;\npub mod run_as_non_root;\n");
        let out = declare_module(family, "seccomp").unwrap();
        assert!(out.ends_with("pub mod run_as_non_root;\npub mod seccomp;\n"));
        assert!(declare_module(family, "probes").is_err());
    }

    #[test]
    fn the_readme_row_follows_the_familys_rows() {
        let readme =
            "| id | severity | what |\n| `k8s/a` | error | a |\n| `k8s/b` | info | b |\n\ntext\n";
        let out = add_readme_row(readme, "k8s", "| `k8s/c` | warning | c |\n").unwrap();
        assert!(out.contains("| `k8s/b` | info | b |\n| `k8s/c` | warning | c |\n\ntext"));
        assert!(add_readme_row(readme, "tf", "row\n").is_err());
    }

    #[test]
    fn arguments_are_checked() {
        assert!(
            NewRule::parse(&args("k8s/seccomp")).is_err(),
            "summary required"
        );
        assert!(NewRule::parse(&args("k8s/Seccomp --summary x")).is_err());
        assert!(NewRule::parse(&args("seccomp --summary x")).is_err());
        assert!(NewRule::parse(&args("k8s/seccomp --summary x --severity loud")).is_err());
        let rule = NewRule::parse(&args("docker/no-sudo --summary x")).unwrap();
        assert_eq!(rule.view, View::Dockerfile);
        assert_eq!(rule.module(), "no_sudo");
        let rule = NewRule::parse(&args("k8s/x --summary y --view project")).unwrap();
        assert_eq!(rule.view, View::Project);
    }

    /// The whole command on a copy of the files it edits.
    #[test]
    fn a_new_rule_is_written_registered_and_given_placeholder_fixtures() {
        let root = std::env::temp_dir().join(format!("xtask-new-rule-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("src/rules/k8s")).unwrap();
        std::fs::write(root.join("src/rules/mod.rs"), REGISTRY).unwrap();
        std::fs::write(
            root.join("src/rules/k8s/mod.rs"),
            "pub mod latest_tag;\npub mod privileged;\n",
        )
        .unwrap();
        std::fs::write(root.join("README.md"), "| `k8s/privileged` | error | x |\n").unwrap();
        let mut arguments = args("k8s/host-path --summary");
        arguments.push("a pod mounts a host path".into());
        let rule = NewRule::parse(&arguments).unwrap();
        let report = rule.write(&root).unwrap();
        assert!(report.contains("src/rules/k8s/host_path.rs"));
        let source = std::fs::read_to_string(root.join("src/rules/k8s/host_path.rs")).unwrap();
        assert!(source.contains("id: \"k8s/host-path\""));
        assert!(source.contains("severity: Warning"));
        assert!(source.contains("let _ = (&RULE, workload, sink);"));
        assert!(source.contains("pub fn check(workload: &Workload, sink: &mut Sink)"));
        for heading in [
            "### What it does",
            "### Why is this bad?",
            "### Example",
            "### References",
        ] {
            assert!(source.contains(heading), "{heading}");
        }
        let family = std::fs::read_to_string(root.join("src/rules/k8s/mod.rs")).unwrap();
        assert_eq!(
            family,
            "pub mod host_path;\npub mod latest_tag;\npub mod privileged;\n"
        );
        let registry = std::fs::read_to_string(root.join("src/rules/mod.rs")).unwrap();
        assert!(registry.contains("rule!(k8s::host_path, Workload(check)),\n    rule!(docker::"));
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        assert!(readme.ends_with("| `k8s/host-path` | warning | a pod mounts a host path |\n"));
        for fixture in ["fires.yaml", "silent.yaml"] {
            let text =
                std::fs::read_to_string(root.join("fixtures/k8s/host-path").join(fixture)).unwrap();
            assert!(text.contains(PLACEHOLDER), "{fixture}");
        }
        assert!(
            rule.write(&root).is_err(),
            "a second run must not overwrite"
        );
        let unknown = NewRule::parse(&args("rbac/wildcard --summary x")).unwrap();
        assert!(unknown.write(&root).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
