//! `tf/unencrypted-storage`: a database, volume or cache is not encrypted at rest.

use crate::declare_rule;
use crate::parse::hcl::{Block, Body, Expr};
use crate::rules::sink::Sink;

use super::{modules, resources, within};

declare_rule! {
    /// ### What it does
    /// Reports AWS storage that is not encrypted at rest:
    /// `aws_db_instance` and `aws_rds_cluster` without
    /// `storage_encrypted = true`, `aws_ebs_volume` without
    /// `encrypted = true`, and `aws_elasticache_replication_group` without
    /// `at_rest_encryption_enabled = true`. A read replica
    /// (`replicate_source_db`) inherits its source's encryption and is not
    /// flagged; neither is an EBS volume in a file that turns on
    /// `aws_ebs_encryption_by_default`, nor a value computed from a variable.
    ///
    /// ### Why is this bad?
    /// Unencrypted volumes, snapshots and backups can be read by anyone who
    /// gets a copy of them, and encryption cannot be turned on later without
    /// rebuilding the database or volume.
    ///
    /// ### Example
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   engine = "postgres"
    /// }
    /// ```
    /// Use instead:
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   engine            = "postgres"
    ///   storage_encrypted = true
    /// }
    /// ```
    pub static RULE = {
        id: "tf/unencrypted-storage",
        severity: Warning,
        summary: "a database, volume or cache is not encrypted at rest",
    }
}

/// (resource type, the attribute that must be true).
const STORAGE: &[(&str, &str)] = &[
    ("aws_db_instance", "storage_encrypted"),
    ("aws_rds_cluster", "storage_encrypted"),
    ("aws_ebs_volume", "encrypted"),
    (
        "aws_elasticache_replication_group",
        "at_rest_encryption_enabled",
    ),
];

pub fn check(body: &Body, sink: &mut Sink) {
    let ebs_encrypted_by_default = resources(body, &["aws_ebs_encryption_by_default"])
        .any(|r| r.body.get("enabled").map(Expr::as_bool) != Some(Some(false)));
    for (kind, attribute) in STORAGE {
        for resource in resources(body, &[kind]) {
            if resource.body.get("replicate_source_db").is_some() {
                continue;
            }
            if *kind == "aws_ebs_volume" && ebs_encrypted_by_default {
                continue;
            }
            // Aurora Serverless v1 clusters are always encrypted by AWS.
            let engine_mode = resource.body.get("engine_mode").and_then(Expr::as_str);
            if *kind == "aws_rds_cluster" && engine_mode == Some("serverless") {
                continue;
            }
            within(resource, sink, |sink| {
                check_resource(resource, attribute, sink)
            });
        }
    }
    check_modules(body, sink);
}

/// terraform-aws-modules/rds and rds-aurora encrypt by default: only an
/// explicit `storage_encrypted = false` turns it off.
fn check_modules(body: &Body, sink: &mut Sink) {
    // The source names both: `terraform-aws-modules/rds(-aurora)/aws`.
    for module in modules(body, "terraform-aws-modules/rds") {
        let Some(value) = module.body.get("storage_encrypted") else {
            continue;
        };
        if value.as_bool() == Some(false) {
            within(module, sink, |sink| {
                sink.report(
                    &RULE,
                    value.span,
                    format!(
                        "module `{}` turns encryption at rest off (storage_encrypted = false)",
                        module.labels[0]
                    ),
                    "remove `storage_encrypted = false` (the module encrypts by default; this replaces the database: plan a migration)",
                )
            });
        }
    }
}

fn check_resource(resource: &Block, attribute: &str, sink: &mut Sink) {
    let kind = &resource.labels[0];
    match resource.body.get(attribute) {
        Some(value) => match value.as_bool() {
            Some(true) => {}
            Some(false) => sink.report(
                &RULE,
                value.span,
                format!("{kind} `{}` turns encryption at rest off ({attribute} = false)", resource.labels[1]),
                format!("set `{attribute} = true` (this replaces an existing resource: plan a migration)"),
            ),
            // Computed from a variable or another resource: not ours to judge.
            None => {}
        },
        None => sink.report(
            &RULE,
            resource.header,
            format!(
                "{kind} `{}` is not encrypted at rest: `{attribute}` is unset and defaults to false",
                resource.labels[1]
            ),
            format!("add `{attribute} = true`"),
        ),
    }
}
