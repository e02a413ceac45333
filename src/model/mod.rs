//! Views over parsed trees that rules share.

pub mod image;
pub mod k8s;
pub mod quantity;
