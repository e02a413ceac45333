//! `tf/public-database`: a database is reachable from the internet.

use crate::declare_rule;
use crate::parse::hcl::{Body, Expr};
use crate::rules::sink::Sink;

use super::{resources, within};

declare_rule! {
    /// ### What it does
    /// Reports databases reachable from the internet:
    /// `publicly_accessible = true` on `aws_db_instance`,
    /// `aws_rds_cluster_instance` and `aws_redshift_cluster`, and a
    /// `google_sql_database_instance` whose authorised networks include
    /// `0.0.0.0/0`.
    ///
    /// ### Why is this bad?
    /// A public endpoint gets a public IP and DNS name: the database is then
    /// protected only by its security group and its password, and database
    /// ports are among the most scanned on the internet.
    ///
    /// ### Example
    /// ```hcl
    /// resource "aws_db_instance" "main" {
    ///   publicly_accessible = true
    /// }
    /// ```
    /// Use instead: keep it private (`publicly_accessible = false`, the
    /// default) and reach it through the VPC, a bastion or a VPN.
    pub static RULE = {
        id: "tf/public-database",
        severity: Error,
        summary: "a database is reachable from the internet",
    }
}

pub fn check(body: &Body, sink: &mut Sink) {
    let aws = [
        "aws_db_instance",
        "aws_rds_cluster_instance",
        "aws_redshift_cluster",
    ];
    for database in resources(body, &aws) {
        let Some(public) = database.body.get("publicly_accessible") else {
            continue;
        };
        if public.as_bool() == Some(true) {
            within(database, sink, |sink| {
                sink.report(
                    &RULE,
                    public.span,
                    format!(
                        "{} `{}` has a public endpoint (publicly_accessible = true)",
                        database.labels[0], database.labels[1]
                    ),
                    "set `publicly_accessible = false` and reach the database from inside the VPC",
                )
            });
        }
    }
    for instance in resources(body, &["google_sql_database_instance"]) {
        let networks = instance
            .body
            .blocks_named("settings")
            .flat_map(|s| s.body.blocks_named("ip_configuration"))
            .flat_map(|ip| ip.body.blocks_named("authorized_networks"));
        for network in networks {
            let Some(value) = network.body.get("value") else {
                continue;
            };
            if value.as_str() == Some("0.0.0.0/0") {
                let label = network
                    .body
                    .get("name")
                    .and_then(Expr::as_str)
                    .unwrap_or("unnamed");
                within(instance, sink, |sink| {
                    sink.report(
                        &RULE,
                        value.span,
                        format!(
                            "Cloud SQL instance `{}` authorises the whole internet (network `{label}`: 0.0.0.0/0)",
                            instance.labels[1]
                        ),
                        "authorise only known ranges, or use private IP and the Cloud SQL Auth Proxy",
                    )
                });
            }
        }
    }
}
