//! Views over a parsed Dockerfile: stages, what a stage inherits, `ARG` substitution.

use crate::parse::dockerfile::{Dockerfile, Instruction, Stage};

/// The stage `docker build` produces by default: the last one.
pub fn final_stage(dockerfile: &Dockerfile) -> Option<&Stage> {
    dockerfile.stages.last()
}

/// The earlier stage a stage is built `FROM`, if its image names one,
/// directly or through an `ARG` (`ARG BASE=builder` ... `FROM $BASE`).
pub fn parent_stage<'a>(dockerfile: &'a Dockerfile, stage: &Stage) -> Option<&'a Stage> {
    let image = resolve_args(dockerfile, &stage.image)
        .unwrap_or_else(|| stage.image.clone())
        .to_ascii_lowercase();
    dockerfile.stages[..stage.index]
        .iter()
        .rev()
        .find(|s| s.name.as_deref() == Some(image.as_str()))
}

/// The stage, then the stage it is built from, and so on: settings such as
/// `USER` and `HEALTHCHECK` carry down this chain, not across unrelated stages.
pub fn lineage<'a>(dockerfile: &'a Dockerfile, stage: &'a Stage) -> Vec<&'a Stage> {
    let mut chain = vec![stage];
    while let Some(parent) = parent_stage(dockerfile, chain[chain.len() - 1]) {
        if chain.iter().any(|s| s.index == parent.index) {
            break;
        }
        chain.push(parent);
    }
    chain
}

/// The instructions of one stage, `FROM` included, in order.
pub fn instructions_of<'a>(
    dockerfile: &'a Dockerfile,
    stage: &'a Stage,
) -> impl DoubleEndedIterator<Item = &'a Instruction> + 'a {
    dockerfile
        .instructions
        .iter()
        .filter(move |i| i.stage == Some(stage.index))
}

/// The last instruction with `keyword` along a stage's lineage.
pub fn inherited<'a>(
    dockerfile: &'a Dockerfile,
    stage: &'a Stage,
    keyword: &str,
) -> Option<&'a Instruction> {
    lineage(dockerfile, stage).into_iter().find_map(|s| {
        instructions_of(dockerfile, s)
            .rev()
            .find(|i| i.keyword == keyword)
    })
}

/// Every instruction with `keyword` along a stage's lineage, the stage's own first.
pub fn inherited_all<'a>(
    dockerfile: &'a Dockerfile,
    stage: &'a Stage,
    keyword: &str,
) -> Vec<&'a Instruction> {
    lineage(dockerfile, stage)
        .into_iter()
        .flat_map(|s| instructions_of(dockerfile, s).rev())
        .filter(|i| i.keyword == keyword)
        .collect()
}

/// Who the final image runs as, as far as its Dockerfile says.
pub enum FinalUser<'a> {
    /// The last `USER` along the final stage's lineage.
    Set(&'a Instruction),
    /// No `USER`: the base image's user decides. `image` is the base at the
    /// end of the lineage with its `ARG`s resolved, `None` when a variable
    /// has no default (it is given at build time).
    FromBase {
        stage: &'a Stage,
        image: Option<String>,
    },
}

pub fn final_user(dockerfile: &Dockerfile) -> Option<FinalUser<'_>> {
    let stage = final_stage(dockerfile)?;
    let chain = lineage(dockerfile, stage);
    let last_user = chain.iter().find_map(|s| {
        instructions_of(dockerfile, s)
            .rev()
            .find(|i| i.keyword == "USER")
    });
    Some(match last_user {
        Some(user) => FinalUser::Set(user),
        None => {
            let base = chain.last().copied().unwrap_or(stage);
            FinalUser::FromBase {
                stage,
                image: resolve_args(dockerfile, &base.image),
            }
        }
    })
}

/// The user a `USER` instruction names (`app` of `USER app:staff`), and
/// whether it is root. `None` when a variable decides (`USER $UID`).
pub fn user_is_root(user: &Instruction) -> Option<bool> {
    let value = user.args.split_whitespace().next().unwrap_or_default();
    let name = value.split(':').next().unwrap_or_default();
    (!name.contains('$')).then(|| name == "root" || name == "0")
}

/// Substitutes `$VAR`, `${VAR}` and `${VAR:-default}` from the `ARG`s before
/// the first `FROM`. `None` when a variable has no known value.
pub fn resolve_args(dockerfile: &Dockerfile, text: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (expression, consumed) = if let Some(inner) = after.strip_prefix('{') {
            let close = inner.find('}')?;
            (&inner[..close], close + 2)
        } else {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..len], len)
        };
        let (name, fallback) = match expression.split_once(":-") {
            Some((n, d)) => (n, Some(d)),
            None => (expression, None),
        };
        let declared = dockerfile
            .global_args
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, d)| d.as_deref());
        out.push_str(declared.or(fallback)?);
        rest = &after[consumed..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::dockerfile::parse;

    #[test]
    fn lineage_follows_stage_names() {
        let d = parse(
            "FROM node:20 AS base\nUSER node\nFROM golang:1.23 AS tools\nFROM base AS prod\n",
            0,
        );
        let prod = final_stage(&d).unwrap();
        let names: Vec<_> = lineage(&d, prod).iter().map(|s| s.index).collect();
        assert_eq!(names, [2, 0]);
        assert_eq!(inherited(&d, prod, "USER").unwrap().args.trim(), "node");
    }

    #[test]
    fn an_arg_that_names_a_stage_is_that_stage() {
        let d = parse(
            "ARG BASE=builder\nFROM golang:1.23 AS builder\nUSER 1000\nFROM $BASE\n",
            0,
        );
        let last = final_stage(&d).unwrap();
        assert_eq!(parent_stage(&d, last).map(|s| s.index), Some(0));
    }

    #[test]
    fn args_resolve_with_defaults() {
        let d = parse("ARG BASE=node:20-alpine\nARG EMPTY\nFROM ${BASE}\n", 0);
        assert_eq!(
            resolve_args(&d, "${BASE}").as_deref(),
            Some("node:20-alpine")
        );
        assert_eq!(resolve_args(&d, "$BASE").as_deref(), Some("node:20-alpine"));
        assert_eq!(
            resolve_args(&d, "${OTHER:-python:3.12}").as_deref(),
            Some("python:3.12")
        );
        assert_eq!(resolve_args(&d, "${EMPTY}"), None);
        assert_eq!(resolve_args(&d, "img:${TAG}"), None);
    }
}
