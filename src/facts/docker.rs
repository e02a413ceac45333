//! Facts from Dockerfiles ([`DockerfileFacts`]): which images a Dockerfile
//! builds, by the names a repository gives them, and who its final image
//! runs as.

use crate::facts::images::{BuildUser, DockerfileFacts};
use crate::facts::{FileFacts, Location};
use crate::model::docker::{final_user, user_is_root, FinalUser};
use crate::model::image::{user_of, ImageUser};
use crate::parse::dockerfile::Dockerfile;
use crate::source::SourceFile;

pub fn collect(dockerfile: &Dockerfile, file: &SourceFile, facts: &mut FileFacts) {
    let Some(user) = final_user(dockerfile) else {
        return;
    };
    let (user, stage) = match user {
        FinalUser::Set(instruction) => {
            let user = match user_is_root(instruction) {
                Some(true) => BuildUser::Root,
                Some(false) => BuildUser::NonRoot,
                None => BuildUser::Unknown,
            };
            (
                user,
                instruction.stage.and_then(|s| dockerfile.stages.get(s)),
            )
        }
        FinalUser::FromBase { stage, image } => {
            let user = match image {
                None => BuildUser::Unknown,
                Some(image) => match user_of(&image) {
                    ImageUser::Root => BuildUser::Root,
                    ImageUser::NonRoot => BuildUser::NonRoot,
                    ImageUser::Unknown => BuildUser::FromBase(image),
                },
            };
            (user, Some(stage))
        }
    };
    let Some(stage) = stage.or(dockerfile.stages.last()) else {
        return;
    };
    let from = &dockerfile.instructions[stage.from];
    facts.dockerfiles.push(Box::new(DockerfileFacts {
        builds: image_names(&file.path),
        user,
        stage: stage.describe(),
        at: Location::new(file, from.keyword_span),
    }));
}

/// The names a repository's layout gives the image a Dockerfile builds.
fn image_names(path: &str) -> Vec<String> {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let lower = name.to_ascii_lowercase();
    let mut names = Vec::new();
    if let Some(suffix) = lower
        .strip_prefix("dockerfile.")
        .or_else(|| lower.strip_prefix("containerfile."))
    {
        names.push(suffix.to_string());
    }
    if let Some(prefix) = lower.strip_suffix(".dockerfile") {
        names.push(prefix.to_string());
    }
    if let Some(folder) = folder
        .rsplit('/')
        .next()
        .filter(|f| !f.is_empty() && *f != ".")
    {
        names.push(folder.to_ascii_lowercase());
    }
    names
}

/// The repository name of an image reference: `base` of
/// `registry:5000/team/base:1.0@sha256:...`.
pub fn repository_name(image: &str) -> String {
    let image = image.split('@').next().unwrap_or(image);
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split(':').next().unwrap_or(last).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dockerfile_builds_the_image_its_layout_names() {
        assert_eq!(image_names("images/base/Dockerfile"), ["base"]);
        assert_eq!(
            image_names("docker/Dockerfile.runtime"),
            ["runtime", "docker"]
        );
        assert_eq!(image_names("api.Dockerfile"), ["api"]);
        assert!(image_names("Dockerfile").is_empty());
        assert_eq!(
            repository_name("registry:5000/team/base:1.0@sha256:abc"),
            "base"
        );
        assert_eq!(repository_name("base"), "base");
    }
}
