//! How a rule is run: the views its checks take ([`Check`]) and the rule
//! itself, its description with its checks ([`Rule`]).

use crate::model::k8s::{Object, Workload};
use crate::model::YamlDocument;
use crate::parse::dockerfile::Dockerfile;
use crate::parse::hcl;
use crate::project::Project;
use crate::rules::meta::RuleMeta;
use crate::rules::sink::{ProjectSink, Sink};

/// How a rule is run. A rule may have several checks, one per format.
pub enum Check {
    /// Once for each Kubernetes object.
    Object(fn(&Object, &mut Sink)),
    /// Once for each Kubernetes object that has a pod template.
    Workload(fn(&Workload, &mut Sink)),
    /// Once for each YAML document, Kubernetes or not.
    YamlDocument(fn(&YamlDocument, &mut Sink)),
    /// Once for each HCL file or block.
    Hcl(fn(&hcl::Body, &mut Sink)),
    /// Once for each Dockerfile.
    Dockerfile(fn(&Dockerfile, &mut Sink)),
    /// Once for the whole run, over every file's facts.
    Project(fn(&Project, &mut ProjectSink)),
    /// Reported by a front end while it parses.
    FrontEnd,
}

pub struct Rule {
    pub meta: &'static RuleMeta,
    pub checks: &'static [Check],
}
