//! `docker/latest-base-image`: a base image has no tag or the latest tag.

use crate::declare_rule;
use crate::model::docker::{parent_stage, resolve_args};
use crate::model::image::{pin_of, ImagePin};
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;
use crate::suppress::IgnoreList;

declare_rule! {
    /// ### What it does
    /// Reports `FROM` lines whose image has no tag or the `latest` tag and no
    /// digest. `FROM scratch`, references to earlier stages, and images
    /// substituted from an `ARG` whose default has a tag are fine; an `ARG`
    /// without a default is not judged.
    ///
    /// ### Why is this bad?
    /// The same Dockerfile builds a different image whenever the base image
    /// moves: builds stop being reproducible, and a new major version can
    /// break the build or the application without any change in the
    /// repository.
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM python
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    pub static RULE = {
        id: "docker/latest-base-image",
        severity: Warning,
        summary: "a base image has no tag or the latest tag",
        covers: ["hadolint: DL3006", "hadolint: DL3007"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    for stage in &dockerfile.stages {
        if stage.image.eq_ignore_ascii_case("scratch") || parent_stage(dockerfile, stage).is_some()
        {
            continue;
        }
        let Some(image) = resolve_args(dockerfile, &stage.image) else {
            continue;
        };
        let problem = match pin_of(&image) {
            ImagePin::Digest => continue,
            ImagePin::Tag(tag) if tag != "latest" => continue,
            ImagePin::Tag(_) => "uses the mutable `latest` tag",
            ImagePin::Untagged => "has no tag, so it means `latest`",
        };
        let via = if image == stage.image {
            String::new()
        } else {
            format!(" (`{}` resolves to `{image}`)", stage.image)
        };
        sink.enter_object(stage.describe(), IgnoreList::Nothing);
        sink.report(
            &RULE,
            stage.image_span,
            format!(
                "base image `{image}`{via} {problem}: every build may start from a different image"
            ),
            format!(
                "pin a version, e.g. `FROM {}:<version>`, or a digest `@sha256:...`",
                image.split(':').next().unwrap_or(&image)
            ),
        );
        sink.leave_object();
    }
}
