//! What the project phase knows of the images a repository builds, so that
//! an image built `FROM` another of the repository's images can be followed.

use crate::facts::location::Location;

/// Who a Dockerfile's final image runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildUser {
    Root,
    NonRoot,
    /// Decided at build time (`USER $UID`, `FROM $BASE` without a default).
    Unknown,
    /// No `USER`, on an image whose user is not known here: an
    /// organisation's own base, which the repository may build.
    FromBase(String),
}

#[derive(Debug, Clone)]
pub struct DockerfileFacts {
    /// The names of the images it builds: its folder (`base/Dockerfile`),
    /// its suffix (`Dockerfile.base`) or prefix (`base.Dockerfile`).
    pub builds: Vec<String>,
    pub user: BuildUser,
    /// The final stage (`stage runtime`), and its `FROM`.
    pub stage: String,
    pub at: Location,
}
