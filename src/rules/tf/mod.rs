//! Rules over Terraform resources.

pub mod open_ingress;
pub mod public_database;
pub mod unencrypted_storage;

use crate::parse::hcl::{Block, Body};
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
