//! `parse/hcl`: a Terraform or HCL file does not parse.

use crate::declare_rule;

declare_rule! {
    /// ### What it does
    /// Reports a Terraform or HCL file (`*.tf`, `*.hcl`, `*.tfvars`), or an
    /// `hcl`/`terraform` block of a Markdown document, that does not parse,
    /// at the parser's position. The rest of the run goes on.
    ///
    /// ### Why is this bad?
    /// `terraform plan` fails on it, and nothing in the file can be checked
    /// until it parses.
    ///
    /// ### Example
    /// ```hcl
    /// resource "aws_s3_bucket" "logs" {
    ///   bucket = "logs"
    /// ```
    /// Use instead: close the block with `}`.
    pub static RULE = {
        id: "parse/hcl",
        severity: Error,
        summary: "a Terraform or HCL file does not parse",
    }
}
