//! The rule registry: every built-in rule, Rust and Rego, and lookups by id.
//!
//! Each rule lives in its own file under a folder named for its family,
//! declares its metadata with [`declare_rule!`](crate::declare_rule) and
//! exposes one check function over the view it needs ([`check`]). Rule files
//! reach what they report through [`sink`], never through this registry.

pub mod compose;
pub mod deploylint;
pub mod docker;
pub mod k8s;
pub mod parse;
pub mod pdb;
pub mod sched;
pub mod secrets;
pub mod tf;
pub mod yaml;

pub mod check;
pub mod meta;
pub mod sink;

pub use crate::finding::Draft;
pub use check::{Check, Rule};
pub use meta::RuleMeta;
pub use sink::{ProjectSink, Sink};

use crate::finding::Severity;

macro_rules! rule {
    ($module:path, $($check:ident($function:ident)),+) => {{
        use $module as m;
        Rule {
            meta: &m::RULE,
            checks: &[$(Check::$check(m::$function)),+],
        }
    }};
    ($module:path) => {{
        use $module as m;
        Rule {
            meta: &m::RULE,
            checks: &[Check::FrontEnd],
        }
    }};
}

/// Every built-in rule, in the order `deploylint rules` lists them.
pub static RULES: &[Rule] = &[
    rule!(k8s::run_as_non_root, Workload(check)),
    rule!(k8s::liveness_probe, Workload(check)),
    rule!(k8s::readiness_probe, Workload(check)),
    rule!(k8s::cpu_requests, Workload(check)),
    rule!(k8s::memory_requests, Workload(check)),
    rule!(k8s::memory_limits, Workload(check)),
    rule!(k8s::cpu_limits, Workload(check)),
    rule!(k8s::requests_exceed_limits, Workload(check)),
    rule!(k8s::privileged, Workload(check)),
    rule!(k8s::privilege_escalation, Workload(check)),
    rule!(k8s::host_namespace, Workload(check)),
    rule!(k8s::latest_tag, Workload(check)),
    rule!(k8s::capabilities, Workload(check)),
    rule!(k8s::drop_capabilities, Workload(check)),
    rule!(k8s::host_path, Workload(check)),
    rule!(k8s::host_port, Workload(check)),
    rule!(k8s::apparmor, Workload(check)),
    rule!(k8s::selinux, Workload(check)),
    rule!(k8s::proc_mount, Workload(check)),
    rule!(k8s::seccomp, Workload(check)),
    rule!(k8s::sysctls, Workload(check)),
    rule!(k8s::volume_types, Workload(check)),
    rule!(k8s::windows_host_process, Workload(check)),
    rule!(k8s::read_only_root_fs, Workload(check)),
    rule!(k8s::run_as_group_root, Workload(check)),
    rule!(k8s::rbac_cluster_admin, Object(check)),
    rule!(k8s::rbac_wildcard, Object(check)),
    rule!(k8s::rbac_secrets, Object(check)),
    rule!(k8s::rbac_escalation, Object(check)),
    rule!(k8s::default_service_account, Workload(check)),
    rule!(k8s::deprecated_service_account_field, Workload(check)),
    rule!(k8s::probe_port, Workload(check)),
    rule!(k8s::selector_mismatch, Object(check)),
    rule!(k8s::duplicate_env, Workload(check)),
    rule!(k8s::anti_affinity, Workload(check)),
    rule!(k8s::job_ttl, Object(check)),
    rule!(k8s::ingress_nginx_snippet, Object(check)),
    rule!(k8s::pdb_unhealthy_eviction, Object(check)),
    rule!(k8s::dangling_service, Project(check)),
    rule!(k8s::missing_service_account, Project(check)),
    rule!(k8s::missing_config_ref, Project(check)),
    rule!(k8s::service_target_port, Project(check)),
    rule!(k8s::dangling_ingress, Project(check)),
    rule!(k8s::dangling_hpa, Project(check)),
    rule!(k8s::dangling_network_policy, Project(check)),
    rule!(k8s::non_isolated_pod, Project(check)),
    rule!(sched::unschedulable, Project(check)),
    rule!(sched::unused_toleration, Project(check)),
    rule!(pdb::missing, Project(check)),
    rule!(pdb::blocks_eviction, Project(check)),
    rule!(pdb::no_matching_workload, Project(check)),
    rule!(pdb::overlapping, Project(check)),
    rule!(docker::root_user, Dockerfile(check), Project(check_bases)),
    rule!(docker::latest_base_image, Dockerfile(check)),
    rule!(docker::missing_healthcheck, Dockerfile(check)),
    rule!(docker::shell_form_entrypoint, Dockerfile(check)),
    rule!(docker::pipefail, Dockerfile(check)),
    rule!(docker::unpinned_packages, Dockerfile(check)),
    rule!(docker::no_install_recommends, Dockerfile(check)),
    rule!(docker::apt_lists, Dockerfile(check)),
    rule!(docker::apk_no_cache, Dockerfile(check)),
    rule!(docker::pip_no_cache, Dockerfile(check)),
    rule!(docker::package_cache, Dockerfile(check)),
    rule!(docker::missing_yes, Dockerfile(check)),
    rule!(docker::add_instead_of_copy, Dockerfile(check)),
    rule!(docker::sudo, Dockerfile(check)),
    rule!(docker::cd, Dockerfile(check)),
    rule!(docker::relative_workdir, Dockerfile(check)),
    rule!(docker::copy_without_workdir, Dockerfile(check)),
    rule!(docker::untrusted_registry, Dockerfile(check)),
    rule!(docker::multiple_cmd, Dockerfile(check)),
    rule!(docker::copy_from_self, Dockerfile(check)),
    rule!(docker::unknown_stage, Dockerfile(check)),
    rule!(docker::duplicate_stage, Dockerfile(check)),
    rule!(docker::expose_range, Dockerfile(check)),
    rule!(docker::copy_multiple_to_file, Dockerfile(check)),
    rule!(docker::maintainer, Dockerfile(check)),
    rule!(docker::wget_and_curl, Dockerfile(check)),
    rule!(tf::open_ingress, Hcl(check)),
    rule!(tf::unencrypted_storage, Hcl(check)),
    rule!(tf::public_database, Hcl(check)),
    rule!(
        secrets::inline_secret,
        Object(check_object),
        YamlDocument(check_document),
        Hcl(check_hcl),
        Dockerfile(check_dockerfile)
    ),
    rule!(compose::privileged, YamlDocument(check)),
    rule!(compose::root_user, YamlDocument(check)),
    rule!(compose::host_network, YamlDocument(check)),
    rule!(compose::docker_socket, YamlDocument(check)),
    rule!(compose::capabilities, YamlDocument(check)),
    rule!(yaml::duplicate_key),
    rule!(deploylint::unknown_rule_in_ignore),
    rule!(deploylint::unused_ignore),
    rule!(parse::yaml),
    rule!(parse::hcl),
    rule!(parse::dockerfile),
    rule!(parse::markdown),
    rule!(parse::too_large),
];

/// Every built-in rule's metadata: the Rust rules, then the built-in Rego policies.
pub fn all() -> &'static [&'static RuleMeta] {
    static ALL: std::sync::OnceLock<Vec<&'static RuleMeta>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        RULES
            .iter()
            .map(|rule| rule.meta)
            .chain(builtin_rego_rules())
            .collect()
    })
}

/// The rules of the built-in Rego policies (the last of [`all`]).
pub fn builtin_policy_rules() -> &'static [&'static RuleMeta] {
    &all()[RULES.len()..]
}

/// The metadata of the built-in Rego policies, read once from their `# METADATA` blocks.
fn builtin_rego_rules() -> Vec<&'static RuleMeta> {
    let leak = |text: String| -> &'static str { Box::leak(text.into_boxed_str()) };
    crate::rego::BUILTIN
        .iter()
        .map(|(name, text)| crate::rego::module::scan(name, text))
        .filter(|module| !module.rules.is_empty())
        .filter_map(|module| {
            let metadata = module.package_metadata;
            let meta = RuleMeta {
                id: leak(metadata.id?),
                severity: metadata
                    .severity
                    .as_deref()
                    .and_then(Severity::parse)
                    .unwrap_or(Severity::Warning),
                summary: leak(metadata.summary.or(metadata.title).unwrap_or_default()),
                docs: leak(metadata.description.unwrap_or_default()),
                covers: &[],
                standards: &[],
                off_by_default: false,
            };
            Some(&*Box::leak(Box::new(meta)))
        })
        .collect()
}

/// The registry's answers to what the configuration asks of rule ids.
pub struct Registry;

impl crate::config::KnownRules for Registry {
    fn is_known(&self, id: &str) -> bool {
        find(id).is_some()
    }

    fn owns_family(&self, id: &str) -> bool {
        is_builtin_family(id)
    }

    fn closest(&self, id: &str) -> Option<&'static str> {
        closest_id(id)
    }

    fn covering(&self, code: &str) -> Vec<&'static str> {
        covering_ids(code)
    }

    fn implementing(&self, standard: &str) -> Vec<&'static str> {
        all()
            .iter()
            .filter(|meta| meta.implements(standard))
            .map(|meta| meta.id)
            .collect()
    }
}

/// The ids of [`covering`] rules.
pub fn covering_ids(code: &str) -> Vec<&'static str> {
    covering(code).map(|meta| meta.id).collect()
}

/// The rules that do the work of a peer's check (`DL3008`, `hadolint:DL3008`).
pub fn covering(code: &str) -> impl Iterator<Item = &'static RuleMeta> + '_ {
    all()
        .iter()
        .copied()
        .filter(move |meta| meta.covers_code(code))
}

pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().iter().copied().find(|meta| meta.id == id)
}

/// True for ids in a family deploylint owns (`k8s/...`): a typo there is an error.
pub fn is_builtin_family(id: &str) -> bool {
    let family = id.split('/').next().unwrap_or_default();
    all()
        .iter()
        .any(|meta| meta.id.split('/').next() == Some(family))
}

/// The known id closest to `id`, for "did you mean" hints.
pub fn closest_id(id: &str) -> Option<&'static str> {
    all()
        .iter()
        .map(|meta| (edit_distance(id, meta.id), meta.id))
        .filter(|(distance, _)| *distance <= 3.max(id.len() / 4))
        .min()
        .map(|(_, id)| id)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for meta in all() {
            assert!(seen.insert(meta.id), "duplicate id {}", meta.id);
            let (family, name) = meta.id.split_once('/').expect("family/name");
            for part in [family, name] {
                assert!(
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{} is not kebab-case",
                    meta.id
                );
            }
        }
    }

    #[test]
    fn every_rule_documents_what_why_and_an_example() {
        for rule in RULES {
            let docs = rule.meta.documentation();
            for heading in ["### What it does", "### Why is this bad?", "### Example"] {
                assert!(docs.contains(heading), "{} lacks '{heading}'", rule.meta.id);
            }
        }
    }

    #[test]
    fn typos_get_a_suggestion() {
        assert_eq!(closest_id("k8s/latest-tags"), Some("k8s/latest-tag"));
        assert_eq!(closest_id("nonsense"), None);
    }
}
