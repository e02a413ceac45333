//! Which objects of a run may be deployed together, so that cross-file rules
//! compare objects within one deployment only.
//!
//! Until Kustomize roots and charts are rendered as units, a unit is a folder
//! tree: the whole run is one unit, except that an object defined in two
//! files (the same `Kind/namespace/name`, as in `dev/` and `prod/` copies)
//! splits the folder that holds both copies, each of its subfolders then a
//! unit of its own, and its own files another. Units meet when one holds the
//! other (a shared `namespace.yaml` above `dev/` and `prod/` meets both). A
//! Markdown document is a unit alone: its examples describe their own
//! cluster.

/// Paths and identities are not chosen by an adversary: foldhash rather
/// than the standard SipHash, which showed in the project phase's profile.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// A unit: the folder (or Markdown document) its files live under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    /// `/`-separated, without a trailing `/`; empty for the whole run.
    prefix: Box<str>,
    /// A Markdown document: meets only itself.
    isolated: bool,
}

impl Unit {
    /// Whether objects of the two units may be deployed together.
    pub fn meets(&self, other: &Unit) -> bool {
        if self.isolated || other.isolated {
            return self == other;
        }
        within(&self.prefix, &other.prefix) || within(&other.prefix, &self.prefix)
    }
}

/// Whether `path` is `folder` or below it.
pub fn within(path: &str, folder: &str) -> bool {
    folder.is_empty()
        || path == folder
        || path.starts_with(folder) && path.as_bytes().get(folder.len()) == Some(&b'/')
}

/// The folder of a display path (`""` at the top).
pub fn folder_of(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(folder, _)| folder)
}

pub fn is_markdown(file: &str) -> bool {
    let ends_with = |suffix: &str| {
        file.len() >= suffix.len()
            && file.as_bytes()[file.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    ends_with(".md") || ends_with(".markdown")
}

/// The folders that copies of one object split, sorted.
#[derive(Debug, Default)]
pub struct Units {
    splits: Vec<String>,
    markdown: bool,
}

impl Units {
    /// From every object's identity and the file that defines it.
    pub fn new<'a>(objects: impl Iterator<Item = (&'a str, &'a str)>) -> Units {
        let mut first_file: HashMap<&str, &str> = HashMap::default();
        let mut splits = Vec::new();
        let mut markdown = false;
        for (identity, file) in objects {
            if is_markdown(file) {
                markdown = true;
                continue;
            }
            let first = *first_file.entry(identity).or_insert(file);
            if first != file {
                splits.push(common_folder(folder_of(first), folder_of(file)).to_string());
            }
        }
        splits.sort();
        splits.dedup();
        Units { splits, markdown }
    }

    /// False when every object of the run is in one unit.
    pub fn split(&self) -> bool {
        self.markdown || !self.splits.is_empty()
    }

    pub fn of(&self, file: &str) -> Unit {
        if is_markdown(file) {
            return Unit {
                prefix: file.into(),
                isolated: true,
            };
        }
        let folder = folder_of(file);
        let deepest = self
            .splits
            .iter()
            .filter(|split| within(folder, split))
            .max_by_key(|split| split.len());
        let prefix = match deepest {
            None => String::new(),
            // The split folder's own files: a unit beside its subfolders.
            Some(split) if folder == split => format!("{split}/."),
            Some(split) => {
                let below = if split.is_empty() {
                    folder
                } else {
                    &folder[split.len() + 1..]
                };
                let child = below.split('/').next().unwrap_or(below);
                match split.is_empty() {
                    true => child.to_string(),
                    false => format!("{split}/{child}"),
                }
            }
        };
        Unit {
            prefix: prefix.into(),
            isolated: false,
        }
    }
}

/// The unit of every file of the run, worked out once per file: facts
/// from one file share its path (one allocation), so its address names it.
#[derive(Debug, Default)]
pub struct UnitIndex {
    units: Vec<Unit>,
    by_file: HashMap<usize, u32>,
}

impl UnitIndex {
    pub fn new<'a>(units: &Units, files: impl Iterator<Item = &'a str>) -> UnitIndex {
        let mut index = UnitIndex::default();
        if !units.split() {
            return index;
        }
        let mut known: HashMap<Unit, u32> = HashMap::default();
        for file in files {
            let key = file.as_ptr() as usize;
            if index.by_file.contains_key(&key) {
                continue;
            }
            let unit = units.of(file);
            let next = index.units.len() as u32;
            let id = *known.entry(unit.clone()).or_insert_with(|| {
                index.units.push(unit);
                next
            });
            index.by_file.insert(key, id);
        }
        index
    }

    /// Whether objects declared in these two files may be deployed together.
    pub fn together(&self, a: &str, b: &str) -> bool {
        if self.units.is_empty() || std::ptr::eq(a, b) {
            return true;
        }
        let id = |file: &str| self.by_file.get(&(file.as_ptr() as usize)).copied();
        match (id(a), id(b)) {
            (Some(x), Some(y)) => x == y || self.units[x as usize].meets(&self.units[y as usize]),
            // A file the index has not seen: compared by path.
            _ => a == b,
        }
    }
}

/// The deepest folder holding both.
fn common_folder<'a>(a: &'a str, b: &str) -> &'a str {
    let mut length = 0;
    for (index, (x, y)) in a.split('/').zip(b.split('/')).enumerate() {
        if x != y || x.is_empty() {
            break;
        }
        length += x.len() + usize::from(index > 0);
    }
    &a[..length]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(objects: &[(&'static str, &'static str)]) -> Units {
        Units::new(objects.iter().copied())
    }

    #[test]
    fn the_common_folder_is_whole_components() {
        assert_eq!(common_folder("envs/dev", "envs/prod"), "envs");
        assert_eq!(common_folder("envs/dev", "envs/dev2"), "envs");
        assert_eq!(common_folder("envs", "envs/prod"), "envs");
        assert_eq!(common_folder("envs/prod", "envs"), "envs");
        assert_eq!(common_folder("a", "b"), "");
        assert_eq!(common_folder("", "b"), "");
        assert_eq!(common_folder("x/y", "x/y"), "x/y");
    }

    #[test]
    fn copies_in_two_folders_make_two_units_and_shared_files_meet_both() {
        let u = units(&[
            ("Deployment/shop/web", "envs/dev/web.yaml"),
            ("Deployment/shop/web", "envs/prod/web.yaml"),
            ("PodDisruptionBudget/shop/web", "envs/prod/pdb.yaml"),
        ]);
        let dev = u.of("envs/dev/web.yaml");
        let prod = u.of("envs/prod/deep/pdb.yaml");
        assert!(!dev.meets(&prod));
        assert!(prod.meets(&u.of("envs/prod/web.yaml")));
        assert!(u.of("namespace.yaml").meets(&dev) && u.of("namespace.yaml").meets(&prod));
        // Files beside the copies' folders are a unit of their own there.
        assert!(!u.of("envs/base.yaml").meets(&dev));
    }

    #[test]
    fn without_copies_the_run_is_one_unit() {
        let u = units(&[
            ("Deployment/a/web", "a/web.yaml"),
            ("Service/a/web", "b/svc.yaml"),
        ]);
        assert!(!u.split());
        assert!(u.of("a/web.yaml").meets(&u.of("b/c/svc.yaml")));
    }

    #[test]
    fn a_markdown_document_meets_only_itself() {
        let u = units(&[("Deployment/a/web", "docs/a.md")]);
        assert!(u.split());
        assert!(!u.of("docs/a.md").meets(&u.of("docs/b.md")));
        assert!(!u.of("docs/a.md").meets(&u.of("deploy/pdb.yaml")));
        assert!(u.of("docs/a.md").meets(&u.of("docs/a.md")));
    }
}
