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

/// True for references that a template or substitution fills in later.
pub fn is_templated(reference: &str) -> bool {
    reference.contains("{{") || reference.contains("${") || reference.contains("$(")
}

#[cfg(test)]
mod tests {
    use super::*;

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
