//! `docker/untrusted-registry`: a base image comes from a registry not trusted.

use super::in_stage;
use crate::declare_rule;
use crate::model::docker::{parent_stage, resolve_args};
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// When the configuration lists trusted registries
    /// (`docker: {trusted-registries: [registry.example.com, docker.io]}`, or
    /// `trustedRegistries` in `.hadolint.yaml`), reports `FROM` an image of any
    /// other registry. Images without a registry are Docker Hub's (`docker.io`);
    /// earlier stages, `scratch` and images decided at build time are not judged.
    /// Without a list, the rule says nothing.
    ///
    /// ### Why is this bad?
    /// An image from an arbitrary registry escapes the organisation's scanning,
    /// signing and mirroring: a compromised or typo-squatted image goes straight
    /// into production.
    ///
    /// ### Example
    /// ```dockerfile
    /// FROM quay.io/someone/base:1.0
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// FROM registry.example.com/platform/base:1.0
    /// ```
    pub static RULE = {
        id: "docker/untrusted-registry",
        severity: Error,
        summary: "a base image comes from a registry not trusted",
        covers: ["hadolint: DL3026"],
    }
}

/// The registry an image reference names: `docker.io` when it names none.
pub fn registry_of(image: &str) -> &str {
    match image.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => first,
        _ => "docker.io",
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    let trusted = &sink.config().trusted_registries;
    if trusted.is_empty() {
        return;
    }
    let trusted = trusted.clone();
    for stage in &dockerfile.stages {
        if stage.image.eq_ignore_ascii_case("scratch") || parent_stage(dockerfile, stage).is_some()
        {
            continue;
        }
        let Some(image) = resolve_args(dockerfile, &stage.image) else {
            continue;
        };
        let registry = registry_of(&image);
        if trusted.iter().any(|t| {
            t == registry
                || (registry == "docker.io"
                    && matches!(t.as_str(), "hub.docker.com" | "index.docker.io"))
        }) {
            continue;
        }
        in_stage(
            dockerfile,
            &dockerfile.instructions[stage.from],
            sink,
            |sink| {
                sink.report(
                &RULE,
                stage.image_span,
                format!("`{image}` comes from `{registry}`, which is not a trusted registry ({})", trusted.join(", ")),
                "use an image from a trusted registry (a mirror of this one), or add the registry to `docker: {trusted-registries: [...]}`",
            )
            },
        );
    }
}
