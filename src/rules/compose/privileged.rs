//! `compose/privileged`: a compose service runs privileged.

use crate::declare_rule;
use crate::model::YamlDocument;
use crate::rules::sink::Sink;

use super::for_each_service;

declare_rule! {
    /// ### What it does
    /// Reports docker-compose services with `privileged: true`.
    ///
    /// ### Why is this bad?
    /// A privileged container has every capability and the host's devices:
    /// a compromise of the service is a compromise of the host.
    ///
    /// ### Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     image: ops/agent:2.0.1
    ///     privileged: true
    /// ```
    /// Use instead: `cap_add: [NET_ADMIN]` with only the capabilities needed.
    pub static RULE = {
        id: "compose/privileged",
        severity: Error,
        summary: "a compose service runs privileged",
    }
}

pub fn check(document: &YamlDocument, sink: &mut Sink) {
    for_each_service(document, sink, |name, service, sink| {
        if let Some(value) = service
            .get("privileged")
            .filter(|v| v.as_bool() == Some(true))
        {
            sink.report(
                &RULE,
                value.span,
                format!("service `{name}` runs privileged: it has every capability and the host's devices"),
                "remove `privileged: true` and grant only the capabilities needed with `cap_add`",
            );
        }
    });
}
