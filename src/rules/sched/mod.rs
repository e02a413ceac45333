//! Scheduling rules: do the pods fit the node pools the repository declares?

pub mod unschedulable;
pub mod unused_toleration;

use crate::facts::{LabelValue, Location, NodePool, Operator, Placement, PoolLabel};

/// Labels every node carries (or that the platform sets from the pool), so
/// a pool is assumed to have them unless it pins another value.
const WELL_KNOWN_LABEL_PREFIXES: &[&str] = &[
    "kubernetes.io/arch",
    "kubernetes.io/os",
    "kubernetes.io/hostname",
    "beta.kubernetes.io/",
    "topology.kubernetes.io/",
    "failure-domain.beta.kubernetes.io/",
    "node.kubernetes.io/",
    "eks.amazonaws.com/",
    "cloud.google.com/",
    "kubernetes.azure.com/",
    "karpenter.sh/",
    "karpenter.k8s.aws/",
    "topology.ebs.csi.aws.com/",
];

pub fn is_well_known_label(key: &str) -> bool {
    WELL_KNOWN_LABEL_PREFIXES
        .iter()
        .any(|prefix| key == *prefix || (prefix.ends_with('/') && key.starts_with(prefix)))
}

/// Why a pool cannot run a pod, and where the pool says so.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub reason: String,
    pub at: Location,
    /// A label problem (as opposed to an untolerated taint).
    pub by_label: bool,
}

enum LabelState<'a> {
    Set(&'a LabelValue, Option<&'a PoolLabel>),
    Absent,
    /// The pool's labels are partly computed: we cannot say.
    Unknown,
}

const ANY: LabelValue = LabelValue::Any;

fn label_state<'a>(pool: &'a NodePool, key: &str) -> LabelState<'a> {
    match pool.label(key) {
        Some(label) => LabelState::Set(&label.value, Some(label)),
        None if is_well_known_label(key) => LabelState::Set(&ANY, None),
        None if !pool.labels_known => LabelState::Unknown,
        None => LabelState::Absent,
    }
}

fn numeric(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

/// Checks one requirement against a pool; `Err` says why it fails.
fn requirement_holds(
    pool: &NodePool,
    key: &str,
    operator: Operator,
    values: &[String],
) -> Result<(), (String, Location)> {
    let state = label_state(pool, key);
    let at = |label: Option<&PoolLabel>| {
        label
            .map(|l| l.at.clone())
            .unwrap_or_else(|| pool.at.clone())
    };
    let fail = |reason: String, label: Option<&PoolLabel>| Err((reason, at(label)));
    let (value, label) = match state {
        LabelState::Unknown => return Ok(()),
        LabelState::Absent => {
            return match operator {
                Operator::NotIn | Operator::DoesNotExist => Ok(()),
                Operator::In if values.len() == 1 => {
                    fail(format!("label {key}={} missing", values[0]), None)
                }
                Operator::In => fail(
                    format!("label {key} (one of {}) missing", values.join(", ")),
                    None,
                ),
                _ => fail(format!("label {key} missing"), None),
            };
        }
        LabelState::Set(value, label) => (value, label),
    };
    let possible: Vec<&str> = match value {
        LabelValue::Exactly(v) => vec![v.as_str()],
        LabelValue::OneOf(vs) => vs.iter().map(String::as_str).collect(),
        LabelValue::Any => {
            return if operator == Operator::DoesNotExist {
                fail(format!("label {key} is present on every node"), label)
            } else {
                Ok(())
            }
        }
    };
    let shown = possible.join("|");
    let holds = match operator {
        Operator::In => possible.iter().any(|v| values.iter().any(|x| x == v)),
        Operator::NotIn => possible.iter().any(|v| !values.iter().any(|x| x == v)),
        Operator::Exists => true,
        Operator::DoesNotExist => false,
        Operator::Gt | Operator::Lt => {
            let Some(bound) = values.first().and_then(|v| numeric(v)) else {
                return Ok(());
            };
            possible.iter().any(|v| match numeric(v) {
                Some(n) if operator == Operator::Gt => n > bound,
                Some(n) => n < bound,
                None => false,
            })
        }
    };
    if holds {
        return Ok(());
    }
    let reason = match operator {
        Operator::In if values.len() == 1 => format!("label {key} is {shown}, not {}", values[0]),
        Operator::In => format!("label {key} is {shown}, not one of {}", values.join(", ")),
        Operator::NotIn => format!("label {key}={shown} is excluded"),
        Operator::DoesNotExist => format!("label {key} is present"),
        Operator::Gt => format!("label {key}={shown} is not greater than {}", values[0]),
        Operator::Lt => format!("label {key}={shown} is not less than {}", values[0]),
        Operator::Exists => unreachable!("Exists holds when the label is set"),
    };
    fail(reason, label)
}

/// Every reason `pool` cannot run a pod with this placement; empty when it can.
pub fn rejections(pool: &NodePool, placement: &Placement) -> Vec<Rejection> {
    let mut found = Vec::new();
    let label = |(reason, at): (String, Location)| Rejection {
        reason,
        at,
        by_label: true,
    };
    for (key, value) in &placement.node_selector {
        if let Err(problem) =
            requirement_holds(pool, key, Operator::In, std::slice::from_ref(value))
        {
            found.push(label(problem));
        }
    }
    if !placement.affinity_terms.is_empty() {
        let mut first_failure = None;
        let any_term_holds = placement.affinity_terms.iter().any(|term| {
            let failure = term
                .iter()
                .find_map(|r| requirement_holds(pool, &r.key, r.operator, &r.values).err());
            if first_failure.is_none() {
                first_failure = failure.clone();
            }
            failure.is_none()
        });
        if !any_term_holds {
            if let Some((reason, at)) = first_failure {
                found.push(label((format!("required node affinity: {reason}"), at)));
            }
        }
    }
    for taint in pool.taints.iter().filter(|t| t.effect.repels()) {
        if !placement.tolerations.iter().any(|t| t.tolerates(taint)) {
            found.push(Rejection {
                reason: format!("taint {} not tolerated", taint.describe()),
                at: taint.at.clone(),
                by_label: false,
            });
        }
    }
    found
}
