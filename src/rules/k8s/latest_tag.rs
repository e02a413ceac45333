//! `k8s/latest-tag`: a container image has no tag or the latest tag.

use crate::declare_rule;
use crate::model::image::{is_templated, pin_of, ImagePin};
use crate::model::k8s::Workload;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports container images with no tag or the `latest` tag. Images
    /// pinned by digest (`@sha256:...`) are fine, whatever their tag, and
    /// templated references (`{{ .Values.image }}`, `${IMAGE}`) are skipped.
    ///
    /// ### Why is this bad?
    /// A mutable tag means the same manifest can run different code on
    /// different nodes: a rescheduled pod pulls whatever `latest` is today,
    /// rollbacks do not roll back, and nobody can tell what ran.
    ///
    /// ### Example
    /// ```yaml
    /// containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    /// Use instead:
    /// ```yaml
    /// containers:
    ///   - name: app
    ///     image: nginx:1.27.2
    /// ```
    pub static RULE = {
        id: "k8s/latest-tag",
        severity: Warning,
        summary: "a container image has no tag or the latest tag",
    }
}

pub fn check(workload: &Workload, sink: &mut Sink) {
    for container in workload.containers() {
        let Some(image_node) = container.node.get("image") else {
            continue;
        };
        let Some(image) = image_node.as_str() else {
            continue;
        };
        if image.is_empty() || is_templated(image) {
            continue;
        }
        let problem = match pin_of(image) {
            ImagePin::Digest => continue,
            ImagePin::Tag(tag) if tag != "latest" => continue,
            ImagePin::Tag(_) => "uses the mutable `latest` tag",
            ImagePin::Untagged => "has no tag, so it means `latest`",
        };
        sink.report(
            &RULE,
            image_node.span,
            format!(
                "{} image `{image}` {problem}: what runs changes without the manifest changing",
                container.describe()
            ),
            "pin a version tag (`nginx:1.27.2`) or a digest (`nginx@sha256:...`)",
        );
    }
}
