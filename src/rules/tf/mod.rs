//! Rules over Terraform resources.

pub mod open_ingress;
pub mod public_database;
pub mod unencrypted_storage;

use crate::parse::hcl::{Block, Body, Expr};
use crate::rules::sink::Sink;
use crate::suppress::IgnoreList;

/// The `resource "TYPE" "NAME"` blocks of a file whose type is one of `types`.
fn resources<'a>(body: &'a Body, types: &'a [&'a str]) -> impl Iterator<Item = &'a Block> + 'a {
    body.blocks_named("resource")
        .filter(move |b| b.labels.len() == 2 && types.contains(&b.labels[0].as_str()))
}

/// Runs `check` with findings attributed to the resource (`aws_db_instance.main`).
fn within(resource: &Block, sink: &mut Sink, check: impl FnOnce(&mut Sink)) {
    sink.enter_object(resource.address(), IgnoreList::Nothing);
    check(sink);
    sink.leave_object();
}

/// The `module` blocks whose `source` is one of the community modules
/// (`terraform-aws-modules/rds`), read like the resources they create.
fn modules<'a>(body: &'a Body, source: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
    body.blocks_named("module").filter(move |m| {
        m.labels.len() == 1
            && m.body
                .get("source")
                .and_then(Expr::as_str)
                .is_some_and(|s| s.contains(source))
    })
}

/// Named values: a block's attributes, or an object's entries (the
/// attribute form `ingress = [{ ... }]`).
trait Fields {
    fn field(&self, key: &str) -> Option<&Expr>;
}

impl Fields for Body {
    fn field(&self, key: &str) -> Option<&Expr> {
        self.get(key)
    }
}

impl Fields for Expr {
    fn field(&self, key: &str) -> Option<&Expr> {
        self.get(key)
    }
}
