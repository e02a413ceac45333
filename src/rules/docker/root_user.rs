//! `docker/root-user`: the final image runs as root.

use crate::declare_rule;
use crate::finding::Draft;
use crate::finding::Related;
use crate::model::docker::{final_stage, instructions_of, lineage, resolve_args};
use crate::model::image::{user_of, ImageUser};
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;
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
    /// root. Base images that run as non-root by design (`...:nonroot`,
    /// Chainguard images) are trusted.
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
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    let Some(stage) = final_stage(dockerfile) else {
        return;
    };
    sink.enter_object(stage.describe(), IgnoreList::Nothing);
    let chain = lineage(dockerfile, stage);
    let last_user = chain.iter().find_map(|s| {
        instructions_of(dockerfile, s)
            .rev()
            .find(|i| i.keyword == "USER")
    });
    match last_user {
        Some(user) => {
            let value = user.args.split_whitespace().next().unwrap_or_default();
            let name = value.split(':').next().unwrap_or_default();
            // A variable (`USER $APP_UID`) is decided at build time: not ours to judge.
            if !name.contains('$') && (name == "root" || name == "0") {
                sink.report(
                    &RULE,
                    user.whole_args_span(),
                    format!("the final image runs as root (USER {value})"),
                    "switch to an unprivileged user as the last USER, e.g. `USER 10001` or `USER app`",
                );
            }
        }
        None => {
            // Unknown is not root: a base decided at build time, or an
            // organisation's image, may well set USER itself.
            let base = chain.last().unwrap_or(&stage);
            let image = resolve_args(dockerfile, &base.image);
            if image.is_none_or(|image| user_of(&image) != ImageUser::Root) {
                sink.leave_object();
                return;
            }
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
                        "the final image ({}) sets no USER, so it runs as root{}",
                        stage.describe(),
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
        }
    }
    sink.leave_object();
}
