//! Rules over Dockerfiles, and what several of them share: walking the
//! commands of every `RUN`, and reporting inside a stage.

pub mod add_instead_of_copy;
pub mod apk_no_cache;
pub mod apt_lists;
pub mod cd;
pub mod copy_from_self;
pub mod copy_multiple_to_file;
pub mod copy_without_workdir;
pub mod duplicate_stage;
pub mod expose_range;
pub mod latest_base_image;
pub mod maintainer;
pub mod missing_healthcheck;
pub mod missing_yes;
pub mod multiple_cmd;
pub mod no_install_recommends;
pub mod package_cache;
pub mod pip_no_cache;
pub mod pipefail;
pub mod relative_workdir;
pub mod root_user;
pub mod shell_form_entrypoint;
pub mod sudo;
pub mod unknown_stage;
pub mod unpinned_packages;
pub mod untrusted_registry;
pub mod wget_and_curl;

mod packages;

use crate::parse::dockerfile::{Dockerfile, Instruction, Script};
use crate::parse::shell::Command;
use crate::rules::sink::Sink;
use crate::suppress::IgnoreList;

/// Runs `report` with the findings it makes about the instruction's stage
/// (`stage builder`), so that they name it as their object.
pub(crate) fn in_stage<R>(
    dockerfile: &Dockerfile,
    instruction: &Instruction,
    sink: &mut Sink,
    report: impl FnOnce(&mut Sink) -> R,
) -> R {
    let Some(stage) = instruction.stage.and_then(|s| dockerfile.stages.get(s)) else {
        return report(sink);
    };
    sink.enter_object(stage.describe(), IgnoreList::Nothing);
    let result = report(sink);
    sink.leave_object();
    result
}

/// Calls `visit` with every command of every script that a `RUN` (or
/// `ONBUILD RUN`) runs, inside the instruction's stage.
pub(crate) fn each_command(
    dockerfile: &Dockerfile,
    sink: &mut Sink,
    mut visit: impl FnMut(&Instruction, &Script, &Command, &mut Sink),
) {
    for instruction in dockerfile.instructions.iter().filter(|i| i.runs_commands()) {
        for script in instruction.scripts() {
            for command in &script.commands {
                in_stage(dockerfile, instruction, sink, |sink| {
                    visit(instruction, script, command, sink)
                });
            }
        }
    }
}

/// Whether any command the instruction runs matches `test`.
pub(crate) fn run_has(instruction: &Instruction, test: impl Fn(&Command) -> bool) -> bool {
    instruction
        .scripts()
        .iter()
        .any(|script| script.commands.iter().any(&test))
}

/// Whether the instruction mounts a build cache at `folder`, or a folder
/// holding it (`RUN --mount=type=cache,target=/var/cache/apt`).
pub(crate) fn mounts_cache(instruction: &Instruction, folder: &str) -> bool {
    instruction
        .flags
        .iter()
        .filter(|flag| flag.name == "mount")
        .filter_map(|flag| flag.value.as_deref())
        .any(|mount| {
            let fields: Vec<(&str, &str)> = mount
                .split(',')
                .filter_map(|field| field.split_once('='))
                .collect();
            let cache = fields.iter().any(|(k, v)| *k == "type" && *v == "cache");
            cache
                && fields.iter().any(|(k, v)| {
                    matches!(*k, "target" | "dst" | "destination")
                        && (within(folder, v) || within(v, folder))
                })
        })
}

/// Whether `path` is `folder` or inside it, by whole path components.
fn within(path: &str, folder: &str) -> bool {
    let folder = folder.trim_end_matches('/');
    !folder.is_empty()
        && path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
