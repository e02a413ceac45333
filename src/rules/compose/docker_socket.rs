//! `compose/docker-socket`: a compose service mounts the container runtime's socket.

use crate::declare_rule;
use crate::model::pod_security::is_runtime_socket;
use crate::model::YamlDocument;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

use super::for_each_service;

declare_rule! {
    /// ### What it does
    /// Reports a compose service volume whose source is a container
    /// runtime's socket (`/var/run/docker.sock`, `containerd.sock`,
    /// `podman.sock`...), in the short form (`/var/run/docker.sock:/var/run/docker.sock:ro`)
    /// or the long form (`{type: bind, source: ...}`). Read-only makes no
    /// difference: a socket is written to by connecting.
    ///
    /// ### Why is this bad?
    /// Whoever talks to the socket can start a privileged container with the
    /// host's root file system mounted: the service is root on the host.
    ///
    /// ### Example
    /// ```yaml
    /// services:
    ///   ci-runner:
    ///     image: ci/runner:16.5.0
    ///     volumes:
    ///       - /var/run/docker.sock:/var/run/docker.sock
    /// ```
    /// Use instead: a rootless builder (BuildKit rootless, kaniko), or a
    /// socket proxy that allows only the calls needed.
    pub static RULE = {
        id: "compose/docker-socket",
        severity: Error,
        summary: "a compose service mounts the container runtime's socket",
    }
}

/// The host side of a volume entry, and the node it is written in.
fn source_of(volume: &Node) -> Option<(&str, &Node)> {
    if let Some(text) = volume.as_str() {
        let source = text.split(':').next()?;
        return Some((source, volume));
    }
    let source = volume.get("source")?;
    Some((source.as_str()?, source))
}

pub fn check(document: &YamlDocument, sink: &mut Sink) {
    for_each_service(document, sink, |name, service, sink| {
        let volumes = service.get("volumes").map(Node::items).unwrap_or_default();
        for volume in volumes {
            let Some((source, at)) = source_of(volume) else {
                continue;
            };
            if is_runtime_socket(source) {
                sink.report(
                    &RULE,
                    at.span,
                    format!("service `{name}` mounts `{source}`: it can start privileged containers, and is root on the host"),
                    "use a rootless builder, or a socket proxy that allows only the calls needed",
                );
            }
        }
    });
}
