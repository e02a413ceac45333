//! `docker/unpinned-packages`: a package is installed without a version.

use super::each_command;
use super::packages::install;
use crate::declare_rule;
use crate::parse::dockerfile::Dockerfile;
use crate::rules::sink::Sink;

declare_rule! {
    /// ### What it does
    /// Reports each package installed without a version by `apt-get`/`apt`,
    /// `apk`, `pip` (`python -m pip` too), `npm`, `gem`, `yum`, `dnf`/`microdnf`,
    /// `zypper` and `go install`. Packages are read as the manager reads them:
    /// option values, `apk --virtual` names, local files (`./pkg.deb`,
    /// `dist/*.whl`, `pip install .`), URLs and VCS references are not packages;
    /// `pip -c constraints.txt` pins what the command line does not, and so does
    /// `gem install -v`; `-r requirements.txt` alone does not pin the packages
    /// named beside it. `echo "apt-get install x"` installs nothing.
    ///
    /// ### Why is this bad?
    /// An unpinned install takes whatever version the repository serves on the
    /// day of the build: two builds of the same commit differ, and an upstream
    /// release can break a build or an image nobody changed.
    ///
    /// ### Example
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    /// Use instead:
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    pub static RULE = {
        id: "docker/unpinned-packages",
        severity: Warning,
        summary: "a package is installed without a version",
        covers: ["hadolint: DL3008", "hadolint: DL3013", "hadolint: DL3016", "hadolint: DL3018", "hadolint: DL3028", "hadolint: DL3033", "hadolint: DL3037", "hadolint: DL3041", "hadolint: DL3062"],
    }
}

pub fn check(dockerfile: &Dockerfile, sink: &mut Sink) {
    each_command(dockerfile, sink, |instruction, script, command, sink| {
        let Some(install) = install(command) else {
            return;
        };
        for package in install.unpinned() {
            let manager = install.manager;
            sink.report(
                &RULE,
                script.span(instruction, package),
                format!(
                    "`{}` is installed with {} without a version: each build may get a different one",
                    package.text,
                    manager.name()
                ),
                format!("pin it: `{}`", manager.pinned_example(package.text.split('@').next().unwrap_or(&package.text))),
            );
        }
    });
}
