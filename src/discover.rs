//! Finding the files to lint: a sorted walk that honours `.gitignore`, the
//! default excludes and the user's exclude globs, then classification by name.

use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::WalkBuilder;

/// Folders never worth walking into.
const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "vendor", ".terraform", "target"];

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    /// JSON is read as YAML; found by a walk, one that does not parse and
    /// does not look like Kubernetes is skipped (a `tsconfig.json` with comments).
    Json,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// The path shown to users: relative to the current directory when below it, `/`-separated.
    pub display: String,
    pub format: Format,
    /// Named on the command line rather than found by a walk.
    pub explicit: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub targets: Vec<Target>,
    /// Files recognised but deliberately not linted (Helm templates).
    pub skipped: usize,
    /// Folders or files that could not be walked, as messages.
    pub problems: Vec<String>,
}

/// Gitignore-style exclude globs, each list relative to its own folder.
#[derive(Clone)]
pub struct Excludes {
    matchers: Vec<Gitignore>,
    cwd: PathBuf,
}

impl Excludes {
    pub fn new(cwd: &Path, lists: &[(PathBuf, Vec<String>)]) -> Result<Excludes, String> {
        let mut matchers = Vec::new();
        for (base, globs) in lists {
            if globs.is_empty() {
                continue;
            }
            let mut builder = GitignoreBuilder::new(base);
            for glob in globs {
                builder
                    .add_line(None, glob)
                    .map_err(|e| format!("invalid exclude pattern `{glob}`: {e}"))?;
            }
            matchers.push(builder.build().map_err(|e| e.to_string())?);
        }
        Ok(Excludes {
            matchers,
            cwd: cwd.to_path_buf(),
        })
    }

    fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        if self.matchers.is_empty() {
            return false;
        }
        let absolute = self.cwd.join(path);
        self.matchers
            .iter()
            .any(|m| m.matched(&absolute, is_dir).is_ignore())
    }
}

/// Walks `paths` in sorted order. A path that does not exist is an error.
pub fn discover(paths: &[PathBuf], excludes: &Excludes) -> Result<Discovery, String> {
    let mut discovery = Discovery::default();
    for root in paths {
        let metadata = std::fs::metadata(root)
            .map_err(|e| format!("cannot read `{}`: {e}", root.display()))?;
        if metadata.is_file() {
            // A file named explicitly is always linted, whatever its name.
            let format = classify(root).unwrap_or(Format::Yaml);
            push_target(&mut discovery, root, format, true, &excludes.cwd);
        } else {
            walk(root, excludes, &mut discovery);
        }
    }
    let mut seen = std::collections::HashSet::new();
    discovery.targets.retain(|t| seen.insert(t.display.clone()));
    Ok(discovery)
}

fn walk(root: &Path, excludes: &Excludes, discovery: &mut Discovery) {
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .git_global(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry({
            let excludes_matcher = excludes.clone();
            move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if entry.depth() > 0 && is_dir {
                    let name = entry.file_name().to_string_lossy();
                    if SKIPPED_DIRS.contains(&name.as_ref()) {
                        return false;
                    }
                }
                entry.depth() == 0 || !excludes_matcher.excludes(entry.path(), is_dir)
            }
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                discovery.problems.push(error.to_string());
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Some(format) = classify(path) else {
            continue;
        };
        if is_helm_template(path) {
            discovery.skipped += 1;
            continue;
        }
        push_target(discovery, path, format, false, &excludes.cwd);
    }
}

fn push_target(discovery: &mut Discovery, path: &Path, format: Format, explicit: bool, cwd: &Path) {
    discovery.targets.push(Target {
        path: path.to_path_buf(),
        display: display_path(path, cwd),
        format,
        explicit,
    });
}

/// The format a file's name says it has, if deploylint reads it.
pub fn classify(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "yaml" | "yml" => Some(Format::Yaml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Files under a chart's `templates/` are Go templates, not YAML.
pub fn is_helm_template(path: &Path) -> bool {
    path.ancestors().skip(1).any(|dir| {
        dir.file_name().is_some_and(|n| n == "templates")
            && dir.parent().is_some_and(|chart| {
                chart.join("Chart.yaml").is_file() || chart.join("Chart.yml").is_file()
            })
    })
}

/// Relative to `cwd` when below it, with `/` separators and no `./`.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path
    };
    let parts: Vec<String> = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_and_slashed() {
        let cwd = Path::new("/repo");
        assert_eq!(display_path(Path::new("/repo/a/b.yaml"), cwd), "a/b.yaml");
        assert_eq!(display_path(Path::new("./a/b.yaml"), cwd), "a/b.yaml");
        assert_eq!(
            display_path(Path::new("/elsewhere/x.yaml"), cwd),
            "/elsewhere/x.yaml"
        );
    }

    #[test]
    fn classification_is_by_extension() {
        assert_eq!(classify(Path::new("a.YML")), Some(Format::Yaml));
        assert_eq!(classify(Path::new("a.json")), Some(Format::Json));
        assert_eq!(classify(Path::new("README.md")), None);
    }
}
