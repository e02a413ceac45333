//! `docker/package-cache`: yum, dnf, zypper or yarn caches stay in the layer.

use super::each_command;
use super::packages::{install, Manager};
use super::{mounts_cache, run_has};
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::parse::shell::Word;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `yum install`, `dnf install`, `zypper install` and `yarn install`
    /// whose `RUN` does not clean the manager's cache afterwards (`yum clean
    /// all`, `dnf clean all`, `zypper clean`, `yarn cache clean`, or `rm -rf`
    /// of the cache folder such as `/var/cache/dnf`), unless the `RUN` mounts a
    /// cache there.
    ///
    /// ### Why is this bad?
    /// The cache stays in the layer, often hundreds of megabytes of metadata
    /// and packages nothing needs at run time.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN yum install -y httpd-2.4.6
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    pub static RULE = {
        id: "docker/package-cache",
        severity: Info,
        summary: "yum, dnf, zypper or yarn caches stay in the layer",
        covers: ["hadolint: DL3032", "hadolint: DL3036", "hadolint: DL3040", "hadolint: DL3060"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let (verb, tool, clean): (&Word, &str, &str) = match install(command) {
            Some(i) if matches!(i.manager, Manager::Yum | Manager::Dnf | Manager::Zypper) => {
                let tool = command.name().unwrap_or_default();
                let clean = if i.manager == Manager::Zypper {
                    "zypper clean"
                } else if tool == "yum" {
                    "yum clean all"
                } else {
                    "dnf clean all"
                };
                (
                    i.verb,
                    if i.manager == Manager::Zypper {
                        "zypper"
                    } else {
                        tool
                    },
                    clean,
                )
            }
            _ if command.name() == Some("yarn") => match command.args().first() {
                Some(verb) if verb.text == "install" => (verb, "yarn", "yarn cache clean"),
                _ => return,
            },
            _ => return,
        };
        let cache = cache_folder(tool);
        let cleaned = mounts_cache(instruction, cache)
            || run_has(instruction, |c| {
                let name = c.name().unwrap_or_default();
                let args: Vec<&str> = c.args().iter().map(|w| w.text.as_str()).collect();
                let removes_cache = name == "rm" && args.iter().any(|a| a.starts_with(cache));
                removes_cache
                    || match tool {
                        "yarn" => name == "yarn" && args.starts_with(&["cache", "clean"]),
                        "zypper" => {
                            name == "zypper" && args.iter().any(|a| matches!(*a, "clean" | "cc"))
                        }
                        tool => name == tool && args.first() == Some(&"clean"),
                    }
            });
        if !cleaned {
            sink.report(
                &RULE,
                script.span(instruction, verb),
                format!("{tool}'s cache stays in this layer"),
                format!("end the same RUN with `&& {clean}`"),
            );
        }
    });
}

/// Where each manager keeps the cache a clean-up removes.
fn cache_folder(tool: &str) -> &'static str {
    match tool {
        "yarn" => "/usr/local/share/.cache/yarn",
        "zypper" => "/var/cache/zypp",
        "yum" => "/var/cache/yum",
        _ => "/var/cache/dnf",
    }
}
