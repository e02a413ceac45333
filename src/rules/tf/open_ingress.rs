//! `tf/open-ingress`: a security group is open to the internet on a port other than 80/443.

use crate::declare_rule;
use crate::finding::Draft;
use crate::finding::Related;
use crate::parse::hcl::{Block, Body, Expr};
use crate::rules::sink::Sink;

use super::{modules, resources, within, Fields};

declare_rule! {
    /// ### What it does
    /// Reports AWS security group ingress open to the whole internet
    /// (`0.0.0.0/0` or `::/0`) on any port other than 80 and 443, or on all
    /// ports (protocol `-1`). It reads `ingress` blocks of
    /// `aws_security_group`, `aws_security_group_rule` with
    /// `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`.
    /// ICMP rules, and values computed from variables, are not judged.
    ///
    /// ### Why is this bad?
    /// SSH, RDP, databases and admin ports open to the internet are scanned
    /// within minutes of creation; a weak password or an unpatched service is
    /// then all that stands between an attacker and the network.
    ///
    /// ### Example
    /// ```hcl
    /// resource "aws_security_group" "bastion" {
    ///   ingress {
    ///     from_port   = 22
    ///     to_port     = 22
    ///     protocol    = "tcp"
    ///     cidr_blocks = ["0.0.0.0/0"]
    ///   }
    /// }
    /// ```
    /// Use instead: allow only your VPN or office ranges
    /// (`cidr_blocks = ["10.20.0.0/16"]`), or use SSM Session Manager.
    pub static RULE = {
        id: "tf/open-ingress",
        severity: Error,
        summary: "a security group is open to the internet on a port other than 80/443",
    }
}

const OPEN: &[&str] = &["0.0.0.0/0", "::/0"];

pub fn check(body: &Body, sink: &mut Sink) {
    const CIDRS: &[&str] = &["cidr_blocks", "ipv6_cidr_blocks"];
    for group in resources(body, &["aws_security_group"]) {
        within(group, sink, |sink| {
            // The block form, its attribute form, and `dynamic` blocks' content.
            for ingress in group.body.blocks_named("ingress") {
                check_rule(&ingress.body, CIDRS, "protocol", sink);
            }
            for ingress in group.body.get("ingress").map_or(&[][..], Expr::items) {
                check_rule(ingress, CIDRS, "protocol", sink);
            }
            for dynamic in group.body.blocks_named("dynamic") {
                if dynamic.labels.first().map(String::as_str) == Some("ingress") {
                    for content in dynamic.body.blocks_named("content") {
                        check_rule(&content.body, CIDRS, "protocol", sink);
                    }
                }
            }
        });
    }
    for module in modules(body, "terraform-aws-modules/security-group") {
        within(module, sink, |sink| check_module(module, sink));
    }
    for rule in resources(body, &["aws_security_group_rule"]) {
        if rule.body.get("type").and_then(Expr::as_str) == Some("ingress") {
            within(rule, sink, |sink| {
                check_rule(
                    &rule.body,
                    &["cidr_blocks", "ipv6_cidr_blocks"],
                    "protocol",
                    sink,
                )
            });
        }
    }
    for rule in resources(body, &["aws_vpc_security_group_ingress_rule"]) {
        within(rule, sink, |sink| {
            check_rule(&rule.body, &["cidr_ipv4", "cidr_ipv6"], "ip_protocol", sink)
        });
    }
}

/// terraform-aws-modules/security-group: `ingress_with_cidr_blocks` items
/// (their `cidr_blocks` a comma-separated string), and `ingress_rules`
/// opened to `ingress_cidr_blocks`.
fn check_module(module: &Block, sink: &mut Sink) {
    for rule in module
        .body
        .get("ingress_with_cidr_blocks")
        .map_or(&[][..], Expr::items)
    {
        check_rule(rule, &["cidr_blocks", "ipv6_cidr_blocks"], "protocol", sink);
    }
    let open = module
        .body
        .get("ingress_cidr_blocks")
        .map_or(&[][..], Expr::items)
        .iter()
        .find(|cidr| cidr.as_str().is_some_and(|c| OPEN.contains(&c)));
    let Some(cidr) = open else { return };
    for rule in module
        .body
        .get("ingress_rules")
        .map_or(&[][..], Expr::items)
    {
        let Some(name) = rule.as_str() else { continue };
        if matches!(name, "http-80-tcp" | "https-443-tcp") {
            continue;
        }
        sink.report_draft(
            &RULE,
            Draft {
                span: rule.span,
                message: format!(
                    "ingress rule `{name}` is open to the whole internet ({})",
                    cidr.as_str().unwrap_or_default()
                ),
                help: "restrict `ingress_cidr_blocks` to known ranges, or open only `http-80-tcp`/`https-443-tcp` publicly".into(),
                label: Some("open to the internet".into()),
                related: vec![Related::new(sink.file, cidr.span, "the source range")].into(),
            },
        );
    }
}

fn check_rule(rule: &impl Fields, cidr_fields: &[&str], protocol_field: &str, sink: &mut Sink) {
    let open: Vec<&Expr> = cidr_fields
        .iter()
        .filter_map(|field| rule.field(field))
        .flat_map(|value| match value.items() {
            [] => vec![value],
            items => items.iter().collect(),
        })
        .filter(|cidr| {
            // The community module takes `"10.0.0.0/8,0.0.0.0/0"` strings.
            cidr.as_str()
                .is_some_and(|c| c.split(',').any(|c| OPEN.contains(&c.trim())))
        })
        .collect();
    let Some(cidr) = open.first() else {
        return;
    };
    let protocol = match rule.field(protocol_field) {
        Some(value) => match (value.as_str(), value.as_f64()) {
            (Some(p), _) => p.to_ascii_lowercase(),
            (None, Some(n)) => format!("{n}"),
            (None, None) => return,
        },
        None => "tcp".to_string(),
    };
    if matches!(protocol.as_str(), "icmp" | "icmpv6" | "1" | "58") {
        return;
    }
    let all_protocols = matches!(protocol.as_str(), "-1" | "all");
    let ports = (
        rule.field("from_port").map(Expr::as_f64),
        rule.field("to_port").map(Expr::as_f64),
    );
    let exposure = if all_protocols {
        "every port and protocol".to_string()
    } else {
        match ports {
            (Some(Some(from)), Some(Some(to))) => {
                let web_only = from == to && (from == 80.0 || from == 443.0);
                if web_only {
                    return;
                }
                if from == to {
                    format!("port {from} ({protocol})")
                } else if from <= 0.0 && to >= 65535.0 {
                    format!("every {protocol} port")
                } else {
                    format!("ports {from}-{to} ({protocol})")
                }
            }
            // A port computed from a variable is not ours to judge.
            (Some(None), _) | (_, Some(None)) => return,
            _ => format!("every {protocol} port"),
        }
    };
    let related = rule
        .field("from_port")
        .map(|value| {
            vec![Related::new(
                sink.file,
                value.span,
                "the port range starts here",
            )]
        })
        .unwrap_or_default();
    sink.report_draft(
        &RULE,
        Draft {
            span: cidr.span,
            message: format!(
                "ingress is open to the whole internet ({}) on {exposure}",
                cidr.as_str().unwrap_or_default().split(',').map(str::trim).find(|c| OPEN.contains(c)).unwrap_or_default()
            ),
            help: "restrict the source to known ranges (a VPN, an office, a load balancer's security group), or expose only 80/443 publicly".into(),
            label: Some("open to the internet".into()),
            related: related.into(),
        },
    );
}
