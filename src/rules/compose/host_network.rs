//! `compose/host-network`: a compose service uses the host's network.

use crate::declare_rule;
use crate::model::YamlDocument;
use crate::rules::sink::Sink;

use super::for_each_service;

declare_rule! {
    /// ### What it does
    /// Reports docker-compose services with `network_mode: host`.
    ///
    /// ### Why is this bad?
    /// The service shares the host's network stack: it can bind any host
    /// port, reach every service listening on the host's localhost, and
    /// skips the isolation and port mapping of compose networks.
    ///
    /// ### Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: shop/web:2.3.0
    ///     network_mode: host
    /// ```
    /// Use instead: publish the ports the service needs with `ports:`.
    pub static RULE = {
        id: "compose/host-network",
        severity: Error,
        summary: "a compose service uses the host's network",
    }
}

pub fn check(document: &YamlDocument, sink: &mut Sink) {
    for_each_service(document, sink, |name, service, sink| {
        if let Some(mode) = service
            .get("network_mode")
            .filter(|m| m.as_str() == Some("host"))
        {
            sink.report(
                &RULE,
                mode.span,
                format!("service `{name}` uses the host's network: it can reach everything on the host's localhost"),
                "remove `network_mode: host` and publish the needed ports with `ports:`",
            );
        }
    });
}
