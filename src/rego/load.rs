//! Loading Rego: the user's policies and data from files, with the
//! built-in ones, into the [`Policies`] of a run.

use std::path::{Path, PathBuf};

use regorus::Engine;

use crate::parse::yaml;
use crate::rego::builtin;
use crate::rego::module;
use crate::rego::set::{PolicyError, PolicySet};
use crate::source::SourceFile;

/// Where the user's policies come from.
#[derive(Debug, Clone, Default)]
pub struct PolicyOptions {
    pub dirs: Vec<PathBuf>,
    /// The folders were asked for (`--policy`, `policies:`): a missing one is an error.
    pub dirs_required: bool,
    pub data: Vec<PathBuf>,
    /// Packages whose rules run (default `main`).
    pub namespaces: Vec<String>,
    pub all_namespaces: bool,
    /// Evaluate every document of the run as one input.
    pub combine: bool,
}

/// Everything Rego in one run.
#[derive(Clone)]
pub struct Policies {
    /// Prepared on first use: a run over Dockerfiles or Terraform alone never
    /// pays for compiling the Kubernetes policies.
    builtin: std::sync::OnceLock<PolicySet>,
    pub user: Option<PolicySet>,
    pub combine: bool,
}

impl Policies {
    /// The built-in policies, prepared the first time they are needed.
    pub fn builtin_set(&self) -> &PolicySet {
        self.builtin.get_or_init(builtin::builtin_set)
    }

    /// The built-in policies alone.
    pub fn builtin() -> Policies {
        Policies {
            builtin: std::sync::OnceLock::new(),
            user: None,
            combine: false,
        }
    }

    /// Built-ins plus the user's policies and data.
    pub fn load(options: &PolicyOptions) -> Result<Policies, PolicyError> {
        let mut policies = Policies::builtin();
        policies.combine = options.combine;
        let mut files = Vec::new();
        for dir in &options.dirs {
            if !dir.exists() {
                if options.dirs_required {
                    return Err(PolicyError {
                        message: format!("the policy folder `{}` does not exist", dir.display()),
                    });
                }
                continue;
            }
            collect_rego_files(dir, &mut files)?;
        }
        if files.is_empty() {
            if options.dirs_required {
                return Err(PolicyError {
                    message: format!(
                        "no .rego files in {}",
                        options
                            .dirs
                            .iter()
                            .map(|d| format!("`{}`", d.display()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            return Ok(policies);
        }
        let mut engine = Engine::new();
        let mut modules = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).map_err(|e| PolicyError {
                message: format!("cannot read {}: {e}", file.display()),
            })?;
            let name = file.display().to_string();
            add_module(&mut engine, &name, &text)?;
            modules.push(module::scan(&name, &text));
        }
        for path in &options.data {
            load_data(&mut engine, path)?;
        }
        let wanted = |package: &str| {
            options.all_namespaces
                || if options.namespaces.is_empty() {
                    package == "main"
                } else {
                    options.namespaces.iter().any(|n| n == package)
                }
        };
        // Modules of other namespaces keep their tests (for `verify`) but run no rules.
        for module in &mut modules {
            if !wanted(&module.package) {
                module.rules.clear();
            }
        }
        let mut set = PolicySet::new(engine, modules);
        set.dry_run()?;
        set.compile_for_machine();
        policies.user = Some(set);
        Ok(policies)
    }
}

/// Adds a module in Rego v1 syntax, or else in the legacy syntax (`deny[msg] { ... }`).
fn add_module(engine: &mut Engine, name: &str, text: &str) -> Result<(), PolicyError> {
    let v1 = engine.add_policy(name.to_string(), text.to_string());
    let Err(v1_error) = v1 else {
        return Ok(());
    };
    engine.set_rego_v0(true);
    let v0 = engine.add_policy(name.to_string(), text.to_string());
    engine.set_rego_v0(false);
    match v0 {
        Ok(_) => Ok(()),
        Err(v0_error) => {
            // Report the error of the syntax the module seems to be written in.
            let looks_v1 = text.contains("import rego.v1")
                || text.contains(" if ")
                || text.contains(" contains ");
            let error = if looks_v1 { v1_error } else { v0_error };
            Err(PolicyError {
                message: format!("the policy {name} does not compile:\n{error}"),
            })
        }
    }
}

fn collect_rego_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), PolicyError> {
    if dir.is_file() {
        files.push(dir.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| PolicyError {
            message: format!("cannot read the policy folder {}: {e}", dir.display()),
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_rego_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "rego") {
            files.push(path);
        }
    }
    Ok(())
}

/// `--data`: JSON or YAML documents merged under `data`.
fn load_data(engine: &mut Engine, path: &Path) -> Result<(), PolicyError> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| PolicyError {
                message: format!("cannot read the data folder {}: {e}", path.display()),
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_dir()
                    || p.extension()
                        .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
            })
            .collect();
        entries.sort();
        for entry in entries {
            load_data(engine, &entry)?;
        }
        return Ok(());
    }
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| PolicyError {
        message: format!("cannot read the data file {display}: {e}"),
    })?;
    let file = SourceFile::new(display.clone(), text);
    let stream = yaml::parse(&file);
    if let Some(error) = stream.errors.first() {
        let at = file.line_col(error.offset);
        return Err(PolicyError {
            message: format!(
                "the data file {display}:{}:{} does not parse: {}",
                at.line, at.column, error.message
            ),
        });
    }
    for document in &stream.documents {
        if document.is_null() {
            continue;
        }
        if !document.is_map() {
            let at = file.line_col(document.span.start);
            return Err(PolicyError {
                message: format!(
                    "the data file {display}:{}:{} must hold a mapping",
                    at.line, at.column
                ),
            });
        }
        engine
            .add_data(regorus::Value::from(document.to_json()))
            .map_err(|e| PolicyError {
                message: format!("the data file {display} conflicts with earlier data: {e}"),
            })?;
    }
    Ok(())
}
