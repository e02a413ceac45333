//! Rules over Dockerfiles.

pub mod latest_base_image;
pub mod missing_healthcheck;
pub mod root_user;
