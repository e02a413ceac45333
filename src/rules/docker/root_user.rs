//! `docker/root-user`: the final image runs as root.

use crate::declare_rule;
use crate::facts::BuildUser;
use crate::finding::Draft;
use crate::finding::Related;
use crate::model::docker::{final_user, lineage, user_is_root, FinalUser};
use crate::model::image::{user_of, ImageUser};
use crate::parse::dockerfile::{Dockerfile, Stage};
use crate::project::Project;
use crate::rules::sink::{ProjectSink, Sink};
use crate::suppress::IgnoreList;

declare_rule! {
    /// ### What it does
    /// Checks that the final stage of a Dockerfile (the image that ships)
    /// runs as a user other than root: its last `USER`, or the last `USER`
    /// of the stage it is built `FROM`, must not be `root`, `0` or
    /// `root:group`. A `USER` in an unrelated earlier stage does not count;
    /// a stage named through an `ARG` (`ARG BASE=build` ... `FROM $BASE`)
    /// is that stage. Without any `USER`, it reports only bases known to
    /// run as root (Docker Hub's official images, distroless and UBI without
    /// a nonroot variant, `scratch`): an organisation's own base image or a
    /// base decided at build time may set `USER` itself, and unknown is not
    /// root, unless this repository builds that base: a Dockerfile in a
    /// folder named like the image (`FROM registry/team/base:1.0` and
    /// `base/Dockerfile`, or `Dockerfile.base`) is followed, and its final
    /// user decides. Base images that run as non-root by design
    /// (`...:nonroot`, Chainguard images) are trusted.
    ///
    /// ### Why is this bad?
    /// Without a `USER` the container runs as root unless every deployment
    /// overrides it. A root process that escapes the container is root on the
    /// node, and even inside it can rewrite the application and its tools.
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM node:20-alpine AS build
    /// USER node
    /// RUN npm ci && npm run build
    /// FROM node:20-alpine
    /// COPY --from=build /app /app
    /// CMD ["node", "/app/server.js"]
    /// ```
    /// Use instead: add `USER node` (or a numeric id such as `USER 10001`)
    /// to the final stage.
    pub static RULE = {
        id: "docker/root-user",
        severity: Error,
        summary: "the final image runs as root",
        covers: ["hadolint: DL3002"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    let Some(user) = final_user(dockerfile) else {
        return;
    };
    match user {
        FinalUser::Set(user) => {
            // A variable (`USER $APP_UID`) is decided at build time: not ours to judge.
            if user_is_root(user) == Some(true) {
                let stage = user.stage.and_then(|s| dockerfile.stages.get(s));
                sink.enter_object(
                    stage.map(Stage::describe).unwrap_or_default(),
                    IgnoreList::Nothing,
                );
                let value = user.args.split_whitespace().next().unwrap_or_default();
                sink.report(
                    &RULE,
                    user.whole_args_span(),
                    format!("the final image runs as root (USER {value})"),
                    "switch to an unprivileged user as the last USER, e.g. `USER 10001` or `USER app`",
                );
                sink.leave_object();
            }
        }
        // Unknown is not root: a base decided at build time, or an
        // organisation's image, may well set USER itself (`check_bases`
        // follows it when this repository builds it).
        FinalUser::FromBase { stage, image } => {
            if image.is_some_and(|image| user_of(&image) == ImageUser::Root) {
                report_no_user(dockerfile, stage, sink);
            }
        }
    }
}

fn report_no_user(dockerfile: &Dockerfile, stage: &Stage, sink: &mut Sink) {
    sink.enter_object(stage.describe(), IgnoreList::Nothing);
    let chain = lineage(dockerfile, stage);
    let elsewhere: Vec<Related> = dockerfile
        .instructions
        .iter()
        .filter(|i| i.keyword == "USER" && !chain.iter().any(|s| i.stage == Some(s.index)))
        .map(|i| {
            Related::new(
                sink.file,
                i.keyword_span,
                "this USER belongs to another stage",
            )
        })
        .collect();
    let from = &dockerfile.instructions[stage.from];
    sink.report_draft(
        &RULE,
        Draft {
            span: from.keyword_span,
            message: format!(
                "the final image sets no USER, so it runs as root{}",
                if elsewhere.is_empty() {
                    ""
                } else {
                    ": a USER in another stage does not carry over"
                }
            ),
            help: "add `USER 10001` (or a named unprivileged user) to the final stage, after the steps that need root".into(),
            label: Some("final stage".into()),
            related: elsewhere.into(),
        },
    );
    sink.leave_object();
}

/// Follows a base image this repository builds: a final image that sets no
/// `USER` on top of `registry/team/base:1.0` runs as whoever the
/// Dockerfile that builds `base` leaves it (see `DockerfileFacts`).
pub fn check_bases(project: &Project, sink: &mut ProjectSink) {
    for dockerfile in &project.dockerfiles {
        let BuildUser::FromBase(base) = &dockerfile.user else {
            continue;
        };
        let Some(builder) = project.builder_of(base) else {
            continue;
        };
        if project.runs_as_root(builder) != Some(true) {
            continue;
        }
        sink.report_file(
            &RULE,
            dockerfile.stage.clone(),
            &dockerfile.at,
            format!(
                "the final image sets no USER, and its base `{base}` is built in this repository by {}, whose image runs as root",
                builder.at.file
            ),
            "add `USER 10001` (or a named unprivileged user) to the final stage, or to the base image's Dockerfile",
            vec![Related::at(&builder.at, "the base image's final stage")],
        );
    }
}
