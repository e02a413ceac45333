//! Rules over Kubernetes objects.

pub mod cpu_limits;
pub mod cpu_requests;
pub mod dangling_service;
pub mod host_namespace;
pub mod latest_tag;
pub mod liveness_probe;
pub mod memory_limits;
pub mod memory_requests;
pub mod privilege_escalation;
pub mod privileged;
mod probes;
pub mod readiness_probe;
pub mod requests_exceed_limits;
mod resources;
pub mod run_as_non_root;
