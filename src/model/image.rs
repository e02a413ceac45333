//! Container image references: `registry:5000/team/app:1.2@sha256:...`.

/// What a reference pins: a digest, a tag, or nothing (`latest` by default).
#[derive(Debug, PartialEq, Eq)]
pub enum ImagePin<'a> {
    Digest,
    Tag(&'a str),
    Untagged,
}

pub fn pin_of(reference: &str) -> ImagePin<'_> {
    if reference.contains('@') {
        return ImagePin::Digest;
    }
    // A registry port (`host:5000/app`) is a colon before the last slash, not a tag.
    let last_segment_start = reference.rfind('/').map(|i| i + 1).unwrap_or(0);
    match reference[last_segment_start..].rsplit_once(':') {
        Some((_, tag)) if !tag.is_empty() => ImagePin::Tag(tag),
        _ => ImagePin::Untagged,
    }
}

/// Who a base image runs as when the Dockerfile sets no `USER`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageUser {
    /// Docker Hub's official images, distroless and UBI without a nonroot
    /// variant, `scratch`: root.
    Root,
    /// Images published to run unprivileged (`...:nonroot`, Chainguard,
    /// Windows Nano Server, whose default user is `ContainerUser`).
    NonRoot,
    /// An organisation's own image, which may well set `USER`: not judged.
    Unknown,
}

/// Registries whose images, like Docker Hub's official ones, run as root
/// unless their name or tag says otherwise.
const ROOT_BY_DEFAULT: &[&str] = &[
    "gcr.io/distroless/",
    "registry.access.redhat.com/ubi",
    "registry.redhat.io/ubi",
    "public.ecr.aws/docker/library/",
    "docker.io/library/",
    "mcr.microsoft.com/",
];

pub fn user_of(reference: &str) -> ImageUser {
    let image = reference.to_ascii_lowercase();
    if image.contains("nonroot")
        || image.contains("non-root")
        || image.starts_with("cgr.dev/chainguard/") && !image.contains("-dev")
        || image.starts_with("mcr.microsoft.com/windows/nanoserver")
    {
        return ImageUser::NonRoot;
    }
    let name = image.split(['@']).next().unwrap_or(&image);
    let name = match name.rfind('/') {
        Some(slash) => {
            name[..slash + 1].to_string() + name[slash + 1..].split(':').next().unwrap_or("")
        }
        None => name.split(':').next().unwrap_or(name).to_string(),
    };
    let official = !name.contains('/') || name.starts_with("library/");
    if official
        || ROOT_BY_DEFAULT
            .iter()
            .any(|prefix| name.starts_with(prefix))
    {
        ImageUser::Root
    } else {
        ImageUser::Unknown
    }
}

/// True for references that a template or substitution fills in later.
pub fn is_templated(reference: &str) -> bool {
    reference.contains("{{") || reference.contains("${") || reference.contains("$(")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_images_run_as_root_and_an_organisations_are_unknown() {
        for root in [
            "ubuntu:24.04",
            "node:20-alpine",
            "library/debian",
            "scratch",
            "gcr.io/distroless/static:latest",
            "docker.io/library/python:3.12",
            "mcr.microsoft.com/windows/servercore:ltsc2022",
        ] {
            assert_eq!(user_of(root), ImageUser::Root, "{root}");
        }
        for nonroot in [
            "gcr.io/distroless/static:nonroot",
            "cgr.dev/chainguard/static",
            "bitnami/nginx-non-root",
            "mcr.microsoft.com/windows/nanoserver:ltsc2022",
        ] {
            assert_eq!(user_of(nonroot), ImageUser::NonRoot, "{nonroot}");
        }
        for unknown in [
            "myorg/base:1.0",
            "registry.example.com:5000/team/base",
            "ghcr.io/acme/runtime:2",
        ] {
            assert_eq!(user_of(unknown), ImageUser::Unknown, "{unknown}");
        }
    }

    #[test]
    fn tags_digests_and_registry_ports() {
        assert_eq!(pin_of("nginx"), ImagePin::Untagged);
        assert_eq!(pin_of("nginx:latest"), ImagePin::Tag("latest"));
        assert_eq!(pin_of("registry:5000/team/app"), ImagePin::Untagged);
        assert_eq!(pin_of("registry:5000/team/app:1.2"), ImagePin::Tag("1.2"));
        assert_eq!(pin_of("app@sha256:abc"), ImagePin::Digest);
        assert_eq!(pin_of("app:latest@sha256:abc"), ImagePin::Digest);
    }
}
