//! Rules over docker-compose files.

pub mod capabilities;
pub mod docker_socket;
pub mod host_network;
pub mod privileged;
pub mod root_user;

use crate::model::YamlDocument;
use crate::parse::yaml::Node;
use crate::rules::sink::Sink;
use crate::suppress::IgnoreList;

/// Calls `check` for each service of a compose document, with findings
/// attributed to `services.NAME`.
fn for_each_service(
    document: &YamlDocument,
    sink: &mut Sink,
    mut check: impl FnMut(&str, &Node, &mut Sink),
) {
    if !document.is_compose() {
        return;
    }
    let Some(services) = document.node.get("services") else {
        return;
    };
    for (key, service) in services.entries() {
        let name = key.as_str().unwrap_or_default();
        sink.enter_object(format!("services.{name}"), IgnoreList::Nothing);
        check(name, service, sink);
        sink.leave_object();
    }
}
