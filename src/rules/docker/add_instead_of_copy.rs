//! `docker/add-instead-of-copy`: ADD copies local files, or COPY copies an
//! archive a later RUN unpacks.

use super::in_stage;
use crate::declare_rule;
use crate::parse::dockerfile::{Dockerfile, Instruction, Word};
use crate::parse::shell::Command;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports `ADD` whose sources are local files or folders, neither URLs, git
    /// repositories nor archives to extract. The other way round, reports a
    /// `COPY` of a local tar archive that a later `RUN` of the stage unpacks
    /// with `tar -x`.
    ///
    /// ### Why is this bad?
    /// `ADD` also fetches URLs and unpacks archives: a reader cannot tell which
    /// it does, and a local `.tar.gz` renamed one day is silently unpacked.
    /// `COPY` only copies. A copied archive that is then unpacked stays in the
    /// image in its packed form too, in the `COPY` layer; `ADD` unpacks local
    /// tar archives (plain, gzip, bzip2, xz) in one step. Zip files are not
    /// reported: `ADD` does not unpack them.
    ///
    /// ### Example
    /// ```dockerfile
    /// ADD config.yaml /etc/app/
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// COPY config.yaml /etc/app/
    /// ```
    pub static RULE = {
        id: "docker/add-instead-of-copy",
        severity: Warning,
        summary: "ADD copies local files",
        covers: ["hadolint: DL3020", "hadolint: DL3010"],
    }
}

const ARCHIVES: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".gz",
    ".bz2", ".xz",
];

/// The archives `ADD` unpacks when they are local files.
const TARS: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
];

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    check_add(dockerfile, sink);
    check_copied_archives(dockerfile, sink);
}

fn check_add(dockerfile: &Dockerfile, sink: &mut Sink) {
    for instruction in dockerfile
        .instructions
        .iter()
        .filter(|i| i.keyword == "ADD")
    {
        let words = instruction.words();
        let sources: Vec<&str> = match &instruction.json {
            Some(json) => json
                .iter()
                .take(json.len().saturating_sub(1))
                .map(String::as_str)
                .collect(),
            None => words
                .iter()
                .take(words.len().saturating_sub(1))
                .map(|w| w.text.as_str())
                .collect(),
        };
        if sources.is_empty() || !instruction.heredocs.is_empty() {
            continue;
        }
        let fetches = |s: &str| {
            let lower = s.to_ascii_lowercase();
            lower.contains("://")
                || lower.starts_with("git@")
                || ARCHIVES.iter().any(|e| lower.ends_with(e))
        };
        if sources.iter().any(|s| fetches(s)) {
            continue;
        }
        in_stage(dockerfile, instruction, sink, |sink| {
            sink.report(
                &RULE,
                instruction.keyword_span,
                "ADD copies local files here: it would also fetch URLs and unpack archives, which COPY never does",
                "use COPY",
            )
        });
    }
}

/// `COPY app.tar.gz /tmp/` followed, in the stage, by `RUN tar -xzf /tmp/app.tar.gz`.
fn check_copied_archives(dockerfile: &Dockerfile, sink: &mut Sink) {
    for (index, copy) in dockerfile.instructions.iter().enumerate() {
        if copy.keyword != "COPY" || copy.flag("from").is_some() || copy.json.is_some() {
            continue;
        }
        let words = copy.words();
        for source in words.iter().take(words.len().saturating_sub(1)) {
            let name = source.text.rsplit('/').next().unwrap_or(&source.text);
            if name.is_empty() || !TARS.iter().any(|e| name.to_ascii_lowercase().ends_with(e)) {
                continue;
            }
            let later = dockerfile.instructions[index + 1..]
                .iter()
                .take_while(|i| i.stage == copy.stage && i.keyword != "FROM");
            if later.into_iter().any(|i| unpacks(i, name)) {
                report_copied_archive(dockerfile, copy, source, name, sink);
            }
        }
    }
}

fn report_copied_archive(
    dockerfile: &Dockerfile,
    copy: &Instruction,
    source: &Word,
    name: &str,
    sink: &mut Sink,
) {
    in_stage(dockerfile, copy, sink, |sink| {
        sink.report(
            &RULE,
            source.span,
            format!("`{name}` is copied, then unpacked by a later RUN: the packed copy stays in the image's COPY layer"),
            "use ADD, which unpacks a local tar archive in one step: `ADD <archive> <folder>/`",
        )
    });
}

/// Whether the instruction is a `RUN` whose `tar` extracts a file called `name`.
fn unpacks(instruction: &Instruction, name: &str) -> bool {
    instruction.runs_commands()
        && instruction.scripts().iter().any(|script| {
            script.commands.iter().any(|c| {
                c.name() == Some("tar")
                    && extracts(c)
                    && c.args()
                        .iter()
                        .any(|w| w.text == name || w.text.ends_with(&format!("/{name}")))
            })
        })
}

/// `tar -x`, `tar xzf`, `tar --extract`, `tar -zxvf`.
fn extracts(tar: &Command) -> bool {
    tar.has_flag(&["--extract", "--get"], Some('x'))
        || tar.args().first().is_some_and(|w| {
            !w.text.starts_with('-')
                && w.text.chars().all(|c| c.is_ascii_alphabetic())
                && w.text.contains('x')
        })
}
