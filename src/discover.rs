//! Finding the files to lint: a parallel walk that honours `.gitignore`, the
//! default excludes and the user's exclude globs, then classification by name.

use rayon::prelude::*;
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
    /// A Helm chart's `values*.yaml`.
    HelmValues,
    /// `compose.yaml`, `docker-compose*.yml`.
    Compose,
    Hcl,
    Dockerfile,
    /// Read for its fenced code blocks.
    Markdown,
}

/// Discovery settings that come from the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiscoverOptions {
    /// Read `*.md` files found by walks too.
    pub markdown: bool,
    /// Forces the format of explicitly named files.
    pub parser: Option<Format>,
}

#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// The path shown to users: relative to the current directory when below it, `/`-separated.
    pub display: String,
    pub format: Format,
    /// Named on the command line rather than found by a walk.
    pub explicit: bool,
    /// A FIFO or device (`<(helm template .)`, `/dev/stdin`) rather than a
    /// regular file: read like standard input.
    pub stream: bool,
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
        // `deploylint .` walks `./a/b`: the matchers know `a/b` below their
        // folder, so the path is made absolute and lexically normal first.
        let absolute = lexically_normal(&self.cwd.join(path));
        self.matchers
            .iter()
            .any(|m| m.matched(&absolute, is_dir).is_ignore())
    }
}

/// `path` without `.` components and with `..` applied to what precedes it.
pub fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if normal.file_name().is_some() => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Walks `paths`, each folder's files sorted by path. A path that does not exist is an error.
pub fn discover(
    paths: &[PathBuf],
    excludes: &Excludes,
    options: DiscoverOptions,
) -> Result<Discovery, String> {
    let mut discovery = Discovery::default();
    // In parallel: pre-commit and editors name hundreds of files, and a
    // `stat` each is a good part of a run that short.
    let kinds: Vec<_> = paths.par_iter().map(std::fs::metadata).collect();
    for (root, metadata) in paths.iter().zip(kinds) {
        let metadata = metadata.map_err(|e| format!("cannot read `{}`: {e}", root.display()))?;
        // A FIFO, `/dev/stdin` or `<(helm template .)` is read like a file.
        if !metadata.is_dir() {
            // A Helm template is Go template text, not YAML, even when named
            // (pre-commit names every changed file).
            if options.parser.is_none() && is_helm_template(root) {
                discovery.skipped += 1;
                continue;
            }
            // Any other file named explicitly is linted, whatever its name.
            let format = options
                .parser
                .or_else(|| classify(root, true))
                .unwrap_or(Format::Yaml);
            let mut named = target(root, format, true, &excludes.cwd);
            named.stream = !metadata.is_file();
            discovery.targets.push(named);
        } else {
            walk(root, excludes, options, &mut discovery);
        }
    }
    let mut seen = std::collections::HashSet::new();
    discovery.targets.retain(|t| seen.insert(t.display.clone()));
    Ok(discovery)
}

/// What one entry of a walk turned out to be.
enum Found {
    Target(Target),
    /// Recognised and deliberately not linted: a Helm template, a lockfile.
    Skipped,
    Problem(String),
}

/// Walks one folder on every core (directory reads and `.gitignore` lookups
/// are most of discovery's time), then sorts what it found by path.
fn walk(root: &Path, excludes: &Excludes, options: DiscoverOptions, discovery: &mut Discovery) {
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .git_global(false)
        .follow_links(false)
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
        .build_parallel();
    let (sender, receiver) = std::sync::mpsc::channel();
    walker.run(|| {
        let sender = sender.clone();
        let cwd = &excludes.cwd;
        Box::new(move |entry| {
            let found = match entry {
                Err(error) => Some(Found::Problem(error.to_string())),
                Ok(entry) => visit(&entry, options, cwd),
            };
            if let Some(found) = found {
                // The receiver lives until the walk is over.
                let _ = sender.send(found);
            }
            ignore::WalkState::Continue
        })
    });
    drop(sender);
    let mut targets = Vec::new();
    let mut problems = Vec::new();
    for found in receiver {
        match found {
            Found::Target(target) => targets.push(target),
            Found::Skipped => discovery.skipped += 1,
            // Said on stderr, and counted: a run never reads "0 files" silently.
            Found::Problem(problem) => {
                discovery.skipped += 1;
                problems.push(problem);
            }
        }
    }
    targets.sort_by(|a, b| a.path.cmp(&b.path));
    problems.sort();
    discovery.targets.extend(targets);
    discovery.problems.extend(problems);
}

fn visit(entry: &ignore::DirEntry, options: DiscoverOptions, cwd: &Path) -> Option<Found> {
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        return None;
    }
    let path = entry.path();
    let format = classify(path, options.markdown)?;
    if format != Format::Markdown && is_helm_template(path)
        || format == Format::Json && is_lockfile(path)
    {
        return Some(Found::Skipped);
    }
    Some(Found::Target(target(path, format, false, cwd)))
}

fn target(path: &Path, format: Format, explicit: bool, cwd: &Path) -> Target {
    Target {
        path: path.to_path_buf(),
        display: display_path(path, cwd),
        format,
        explicit,
        stream: false,
    }
}

/// Package managers' lockfiles: JSON, never a manifest, and full of hashes
/// that look like secrets. Skipped when a walk finds them.
const LOCKFILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "packages.lock.json",
    "project.assets.json",
    "composer.lock",
    "deno.lock",
];

fn is_lockfile(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    LOCKFILES.contains(&lower.as_str())
        || lower.ends_with("-lock.json")
        || lower.ends_with(".lock.json")
}

/// Extensions that make `dockerfile.EXT` a source file about Dockerfiles
/// (`dockerfile.py`, `dockerfile.rs`) rather than a Dockerfile variant
/// (`Dockerfile.prod`, `Dockerfile.alpine`).
const NOT_DOCKERFILE_EXTENSIONS: &[&str] = &[
    "py",
    "pyc",
    "go",
    "rs",
    "js",
    "mjs",
    "cjs",
    "ts",
    "jsx",
    "tsx",
    "java",
    "kt",
    "rb",
    "php",
    "c",
    "h",
    "cc",
    "cpp",
    "hpp",
    "cs",
    "swift",
    "scala",
    "sh",
    "bash",
    "ps1",
    "md",
    "rst",
    "txt",
    "json",
    "yaml",
    "yml",
    "toml",
    "xml",
    "html",
    "css",
    "lock",
    "snap",
    "dockerignore",
    "bak",
    "orig",
    "swp",
    "o",
    "so",
    "dll",
    "exe",
];

fn is_dockerfile(name: &str, lower: &str) -> bool {
    if matches!(lower, "dockerfile" | "containerfile") || lower.ends_with(".dockerfile") {
        return true;
    }
    let variant = lower
        .strip_prefix("dockerfile.")
        .or_else(|| lower.strip_prefix("containerfile."));
    match variant {
        Some(extension) => !NOT_DOCKERFILE_EXTENSIONS.contains(&extension),
        None => name.ends_with(".Dockerfile"),
    }
}

/// The format a file's name says it has, if deploylint reads it. Markdown
/// counts only when `markdown` is true (named explicitly, or `--markdown`).
pub fn classify(path: &Path, markdown: bool) -> Option<Format> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    if is_dockerfile(name, &lower) {
        return Some(Format::Dockerfile);
    }
    let extension = lower.rsplit_once('.').map(|(_, e)| e)?;
    match extension {
        "yaml" | "yml" => Some(yaml_format(path, &lower)),
        "json" => Some(Format::Json),
        "tf" | "hcl" | "tfvars" => Some(Format::Hcl),
        "md" | "markdown" if markdown => Some(Format::Markdown),
        _ => None,
    }
}

fn yaml_format(path: &Path, lower_name: &str) -> Format {
    let stem = lower_name
        .rsplit_once('.')
        .map(|(s, _)| s)
        .unwrap_or(lower_name);
    if stem == "compose" || stem.starts_with("docker-compose") || stem.starts_with("compose.") {
        return Format::Compose;
    }
    // The name first: looking for a Chart.yaml beside every YAML file was
    // two `stat`s each, a third of discovery.
    let in_chart = || {
        path.parent()
            .is_some_and(|dir| dir.join("Chart.yaml").is_file() || dir.join("Chart.yml").is_file())
    };
    if stem.starts_with("values") && in_chart() {
        return Format::HelmValues;
    }
    Format::Yaml
}

/// Files under a chart's `templates/` are Go templates, not YAML.
pub fn is_helm_template(path: &Path) -> bool {
    // Most paths have no `templates` folder: a byte search rules them out
    // without splitting the path into components.
    let bytes = path.as_os_str().as_encoded_bytes();
    if memchr::memmem::find(bytes, b"templates").is_none() {
        return false;
    }
    path.ancestors().skip(1).any(|dir| {
        dir.file_name().is_some_and(|n| n == "templates")
            && dir.parent().is_some_and(|chart| {
                chart.join("Chart.yaml").is_file() || chart.join("Chart.yml").is_file()
            })
    })
}

/// A relative path with `/` separators that its components would spell
/// the same: no `.` component, no doubled or trailing separator.
fn is_plain_relative(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('/')
        && !text.ends_with('/')
        && !text.contains("//")
        && !text.contains('\\')
        && text.split('/').all(|part| part != ".")
}

/// Relative to `cwd` when below it, with `/` separators and no `./`.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let relative = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path
    };
    if let Some(text) = relative.to_str().filter(|t| is_plain_relative(t)) {
        return text.to_string();
    }
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
        assert_eq!(display_path(Path::new("a//./b.yaml"), cwd), "a/b.yaml");
        assert_eq!(display_path(Path::new("a/b/"), cwd), "a/b");
        assert_eq!(display_path(Path::new("../a/b.yaml"), cwd), "../a/b.yaml");
        assert_eq!(
            display_path(Path::new("a/.hidden.yaml"), cwd),
            "a/.hidden.yaml"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/x.yaml"), cwd),
            "/elsewhere/x.yaml"
        );
    }

    #[test]
    fn classification_is_by_extension() {
        assert_eq!(classify(Path::new("a.YML"), false), Some(Format::Yaml));
        assert_eq!(classify(Path::new("a.json"), false), Some(Format::Json));
        assert_eq!(classify(Path::new("README.md"), false), None);
        assert_eq!(
            classify(Path::new("README.md"), true),
            Some(Format::Markdown)
        );
        assert_eq!(
            classify(Path::new("infra/main.tf"), false),
            Some(Format::Hcl)
        );
        assert_eq!(classify(Path::new("prod.tfvars"), false), Some(Format::Hcl));
        assert_eq!(
            classify(Path::new("Dockerfile"), false),
            Some(Format::Dockerfile)
        );
        assert_eq!(
            classify(Path::new("api.Dockerfile"), false),
            Some(Format::Dockerfile)
        );
        assert_eq!(
            classify(Path::new("Dockerfile.prod"), false),
            Some(Format::Dockerfile)
        );
        assert_eq!(
            classify(Path::new("Containerfile"), false),
            Some(Format::Dockerfile)
        );
        for source in [
            "dockerfile.py",
            "dockerfile.rs",
            "Dockerfile.go",
            "dockerfile_test.go",
            "Dockerfile.dockerignore",
        ] {
            assert_eq!(classify(Path::new(source), false), None, "{source}");
        }
        for dockerfile in [
            "dockerfile",
            "Dockerfile.alpine",
            "dockerfile.dev",
            "web.dockerfile",
            "Containerfile.arm64",
        ] {
            assert_eq!(
                classify(Path::new(dockerfile), false),
                Some(Format::Dockerfile),
                "{dockerfile}"
            );
        }
        for lockfile in [
            "package-lock.json",
            "npm-shrinkwrap.json",
            "packages.lock.json",
            "deno-lock.json",
        ] {
            assert!(is_lockfile(Path::new(lockfile)), "{lockfile}");
        }
        assert!(!is_lockfile(Path::new("deployment.json")));
        assert_eq!(
            classify(Path::new("docker-compose.prod.yml"), false),
            Some(Format::Compose)
        );
        assert_eq!(
            classify(Path::new("compose.yaml"), false),
            Some(Format::Compose)
        );
    }
}
