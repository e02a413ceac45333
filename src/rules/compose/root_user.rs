//! `compose/root-user`: a compose service runs as root.

use crate::declare_rule;
use crate::model::YamlDocument;
use crate::rules::sink::Sink;

use super::for_each_service;

declare_rule! {
    /// ### What it does
    /// Reports docker-compose services that set `user: root`, `user: "0"`
    /// or `user: "0:0"` (any group). A service without `user` runs as its
    /// image's user, which `docker/root-user` checks in the Dockerfile.
    ///
    /// ### Why is this bad?
    /// It forces root even when the image was built to run unprivileged.
    ///
    /// ### Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: shop/web:2.3.0
    ///     user: root
    /// ```
    /// Use instead: `user: "10001:10001"`, or remove `user`.
    pub static RULE = {
        id: "compose/root-user",
        severity: Error,
        summary: "a compose service runs as root",
    }
}

pub fn check(document: &YamlDocument, sink: &mut Sink) {
    for_each_service(document, sink, |name, service, sink| {
        let Some(user) = service.get("user") else {
            return;
        };
        let Some(text) = user.as_str() else {
            return;
        };
        let account = text.split(':').next().unwrap_or_default();
        if account == "root" || account == "0" {
            sink.report(
                &RULE,
                user.span,
                format!("service `{name}` runs as root (user: {text})"),
                "set an unprivileged `user` such as \"10001:10001\", or remove it to use the image's user",
            );
        }
    });
}
