//! Package installs in `RUN` commands, read as their package managers read
//! them: which manager, which words are packages (not options, option
//! values, `--virtual` names or local files), and whether each is pinned.

use crate::parse::shell::{Command, Word};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    Apt,
    Apk,
    Pip,
    Npm,
    Gem,
    Yum,
    Dnf,
    Zypper,
    Go,
}

impl Manager {
    pub fn name(self) -> &'static str {
        match self {
            Manager::Apt => "apt-get",
            Manager::Apk => "apk",
            Manager::Pip => "pip",
            Manager::Npm => "npm",
            Manager::Gem => "gem",
            Manager::Yum => "yum",
            Manager::Dnf => "dnf",
            Manager::Zypper => "zypper",
            Manager::Go => "go",
        }
    }

    /// How a pinned package is written, for help texts.
    pub fn pinned_example(self, package: &str) -> String {
        match self {
            Manager::Apt | Manager::Apk | Manager::Zypper => format!("{package}=<version>"),
            Manager::Pip => format!("{package}==<version>"),
            Manager::Npm | Manager::Go => format!("{package}@<version>"),
            Manager::Gem => format!("{package}:<version>"),
            Manager::Yum | Manager::Dnf => format!("{package}-<version>"),
        }
    }
}

/// A package install: its manager, the word that says install, and the packages.
pub struct Install<'c> {
    pub manager: Manager,
    pub verb: &'c Word,
    pub packages: Vec<&'c Word>,
    pub command: &'c Command,
}

impl Install<'_> {
    /// The packages not pinned to a version.
    pub fn unpinned(&self) -> Vec<&Word> {
        // A constraints file pins what the command line does not (pip -c).
        if self.manager == Manager::Pip && self.command.has_flag(&["--constraint", "-c"], None) {
            return Vec::new();
        }
        if self.manager == Manager::Gem && self.command.has_flag(&["--version", "-v"], None) {
            return Vec::new();
        }
        self.packages
            .iter()
            .copied()
            .filter(|p| !is_local(self.manager, &p.text) && !is_pinned(self.manager, &p.text))
            .collect()
    }
}

/// Options that take the next word as their value, by manager.
fn takes_value(manager: Manager, option: &str) -> bool {
    let options: &[&str] = match manager {
        Manager::Apt => &["-o", "-t", "--target-release", "-c", "--config-file"],
        Manager::Apk => &[
            "-t",
            "--virtual",
            "-X",
            "--repository",
            "--repositories-file",
            "-p",
            "--root",
            "--arch",
            "--cache-dir",
        ],
        Manager::Pip => &[
            "-r",
            "--requirement",
            "-c",
            "--constraint",
            "-e",
            "--editable",
            "-i",
            "--index-url",
            "--extra-index-url",
            "-f",
            "--find-links",
            "-t",
            "--target",
            "--prefix",
            "--root",
            "--src",
            "--platform",
            "--python-version",
            "--implementation",
            "--abi",
            "--trusted-host",
            "--cache-dir",
            "--log",
            "--proxy",
            "--retries",
            "--timeout",
            "--progress-bar",
            "--upgrade-strategy",
            "--only-binary",
            "--no-binary",
        ],
        Manager::Npm => &["--prefix", "--registry", "--tag", "-w", "--workspace"],
        Manager::Gem => &[
            "-v",
            "--version",
            "-i",
            "--install-dir",
            "-n",
            "--bindir",
            "--source",
            "-s",
            "--platform",
        ],
        Manager::Yum | Manager::Dnf => &[
            "--enablerepo",
            "--disablerepo",
            "--setopt",
            "--releasever",
            "--installroot",
            "-c",
            "--config",
            "--exclude",
            "-x",
        ],
        Manager::Zypper => &["-r", "--repo", "--from", "-t", "--type"],
        Manager::Go => &["-o", "-tags", "-ldflags", "-gcflags", "-mod", "-modfile"],
    };
    options.contains(&option)
}

/// The manager and install verbs a command name runs.
fn manager_of(command: &Command) -> Option<(Manager, &'static [&'static str], usize)> {
    let (index, _) = command.program()?;
    let name = command.name()?;
    let words = &command.words;
    // `python -m pip install`, `python3 -m pip install`.
    if name.starts_with("python") && words.get(index + 1).is_some_and(|w| w.text == "-m") {
        let module = words.get(index + 2)?;
        return (module.text == "pip").then_some((Manager::Pip, &["install"][..], index + 2));
    }
    let found: (Manager, &'static [&'static str]) = match name {
        "apt-get" | "apt" | "aptitude" => (Manager::Apt, &["install"]),
        "apk" => (Manager::Apk, &["add"]),
        n if n == "pip" || n.starts_with("pip3") || n.starts_with("pip2") => {
            (Manager::Pip, &["install"])
        }
        "npm" => (Manager::Npm, &["install", "i", "add"]),
        "gem" => (Manager::Gem, &["install"]),
        "yum" => (Manager::Yum, &["install"]),
        "dnf" | "microdnf" => (Manager::Dnf, &["install"]),
        "zypper" => (Manager::Zypper, &["install", "in"]),
        "go" => (Manager::Go, &["install"]),
        _ => return None,
    };
    Some((found.0, found.1, index))
}

/// The package install a command is, if it is one.
pub fn install(command: &Command) -> Option<Install<'_>> {
    let (manager, verbs, program) = manager_of(command)?;
    let words = &command.words[program + 1..];
    // Global options come before the verb (`apt-get -y install`, `zypper -n in`).
    let mut index = 0;
    while let Some(word) = words.get(index) {
        if !word.text.starts_with('-') {
            break;
        }
        index += if takes_value(manager, &word.text) {
            2
        } else {
            1
        };
    }
    let verb = words
        .get(index)
        .filter(|w| verbs.contains(&w.text.as_str()))?;
    let mut packages = Vec::new();
    let mut rest = words[index + 1..].iter();
    while let Some(word) = rest.next() {
        if word.text.starts_with('-') {
            if takes_value(manager, &word.text) {
                rest.next();
            }
            continue;
        }
        if !word.text.is_empty() && !word.text.starts_with('$') {
            packages.push(word);
        }
    }
    Some(Install {
        manager,
        verb,
        packages,
        command,
    })
}

/// A local file, a folder, a URL or a VCS reference: not a package to pin.
fn is_local(manager: Manager, package: &str) -> bool {
    let lower = package.to_ascii_lowercase();
    let archive = [
        ".deb", ".rpm", ".apk", ".whl", ".tar.gz", ".tgz", ".zip", ".gem",
    ]
    .iter()
    .any(|e| lower.ends_with(e));
    let path = package == "."
        || package.starts_with("./")
        || package.starts_with('/')
        || package.starts_with("../")
        || package.starts_with('~');
    let url = lower.contains("://") || lower.starts_with("git+") || lower.starts_with("file:");
    // apt's `foo/bookworm-backports` chooses a release: a pin of its own kind.
    let release = manager == Manager::Apt && package.contains('/');
    archive || path || url || release
}

fn is_pinned(manager: Manager, package: &str) -> bool {
    match manager {
        Manager::Apt => package.contains('='),
        Manager::Apk | Manager::Zypper => package.contains(['=', '~', '<', '>']),
        Manager::Pip => package.contains(['=', '<', '>', '~', '@']),
        Manager::Npm => package[1..].contains('@'),
        Manager::Gem => package.contains(':'),
        Manager::Go => package
            .split_once('@')
            .is_some_and(|(_, version)| version != "latest" && !version.is_empty()),
        // `httpd-2.4.6`: a dash, then a version.
        Manager::Yum | Manager::Dnf => package
            .match_indices('-')
            .any(|(at, _)| package[at + 1..].starts_with(|c: char| c.is_ascii_digit())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::shell::commands;

    fn unpinned(script: &str) -> Vec<String> {
        commands(script)
            .iter()
            .filter_map(install)
            .flat_map(|i| {
                i.unpinned()
                    .into_iter()
                    .map(|w| w.text.clone())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn packages_are_read_as_their_managers_read_them() {
        assert_eq!(unpinned("apt-get -o Dpkg::Options::=x install -y --no-install-recommends curl git=1:2.39 ./local.deb"), ["curl"]);
        assert_eq!(
            unpinned("apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0"),
            ["gcc"]
        );
        assert_eq!(
            unpinned("pip install --no-cache-dir -r requirements.txt flask 'django>=4' ."),
            ["flask"]
        );
        assert!(unpinned("pip install -c constraints.txt flask").is_empty());
        assert_eq!(unpinned("python3 -m pip install requests"), ["requests"]);
        assert_eq!(
            unpinned("npm install -g @angular/cli typescript@5.4 left-pad"),
            ["@angular/cli", "left-pad"]
        );
        assert!(unpinned("npm ci && npm install").is_empty());
        assert_eq!(unpinned("gem install rails bundler:2.5.0"), ["rails"]);
        assert!(unpinned("gem install rails -v 7.1.0").is_empty());
        assert_eq!(unpinned("yum install -y httpd-2.4.6 mod_ssl"), ["mod_ssl"]);
        assert_eq!(unpinned("zypper -n in nginx=1.21 curl"), ["curl"]);
        assert_eq!(
            unpinned("go install example.com/a@latest example.com/b@v1.2.0 example.com/c"),
            ["example.com/a@latest", "example.com/c"]
        );
        assert!(unpinned("echo apt-get install curl").is_empty());
    }
}
