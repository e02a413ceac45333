//! `k8s/ingress-nginx-snippet`: an Ingress injects raw NGINX configuration.

use crate::declare_rule;
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports the ingress-nginx snippet annotations on an Ingress:
    /// `nginx.ingress.kubernetes.io/configuration-snippet`, `server-snippet`,
    /// `location-snippet`, `stream-snippet` and `auth-snippet`.
    ///
    /// ### Why is this bad?
    /// A snippet is pasted into the controller's NGINX configuration, which
    /// runs with the controller's service account: whoever can write an
    /// Ingress can read every Secret of the cluster (CVE-2021-25742). Recent
    /// controllers refuse snippets unless `allow-snippet-annotations` is on.
    ///
    /// ### Example
    /// ```yaml
    /// metadata:
    ///   annotations:
    ///     nginx.ingress.kubernetes.io/configuration-snippet: |
    ///       more_set_headers "X-Frame-Options: DENY";
    /// ```
    /// Use instead: the dedicated annotation or a ConfigMap setting.
    /// ```yaml
    /// metadata:
    ///   annotations:
    ///     nginx.ingress.kubernetes.io/custom-headers: shop/security-headers
    /// ```
    pub static RULE = {
        id: "k8s/ingress-nginx-snippet",
        severity: Warning,
        summary: "an Ingress injects raw NGINX configuration",
    }
}

const SNIPPETS: &[&str] = &[
    "configuration-snippet",
    "server-snippet",
    "location-snippet",
    "stream-snippet",
    "auth-snippet",
];

pub fn check(object: &Object, sink: &mut Sink) {
    if object.kind != "Ingress" {
        return;
    }
    let annotations = object
        .node
        .path(&["metadata", "annotations"])
        .map(Node::entries)
        .unwrap_or_default();
    for (key, _) in annotations {
        let Some(name) = key
            .as_str()
            .and_then(|k| k.strip_prefix("nginx.ingress.kubernetes.io/"))
        else {
            continue;
        };
        if SNIPPETS.contains(&name) {
            sink.report(
                &RULE,
                key.span,
                format!("the `{name}` annotation pastes raw configuration into ingress-nginx, which can read every Secret"),
                "use the dedicated annotation (custom-headers, rewrite-target...) or the controller's ConfigMap",
            );
        }
    }
}
