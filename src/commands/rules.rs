//! `deploylint rules` and `deploylint explain ID`: the rules and their
//! documentation.

use crate::cli::RulesFormat;
use crate::commands::exit::EXIT_CLEAN;
use crate::commands::stdout::emit;
use crate::rules;

/// Every rule, or with `standard` the rules that implement it.
pub fn list(format: RulesFormat, standard: Option<&str>) -> Result<u8, String> {
    let listed: Vec<&rules::RuleMeta> = rules::all()
        .iter()
        .copied()
        .filter(|meta| standard.is_none_or(|s| meta.implements(s)))
        .collect();
    if listed.is_empty() {
        return Err(format!(
            "no rule implements `{}`; the standards are pss-baseline, pss-restricted, cis-k8s and nsa",
            standard.unwrap_or_default()
        ));
    }
    let text = match format {
        RulesFormat::Json => {
            let rules: Vec<_> = listed
                .iter()
                .map(|meta| {
                    serde_json::json!({
                        "id": meta.id,
                        "severity": meta.severity,
                        "summary": meta.summary,
                        "covers": meta.covers,
                        "standards": meta.standards,
                        "off_by_default": meta.off_by_default,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rules).expect("rules serialize") + "\n"
        }
        RulesFormat::Human => {
            let width = listed.iter().map(|meta| meta.id.len()).max().unwrap_or(0);
            listed
                .iter()
                .map(|meta| {
                    let off = if meta.off_by_default {
                        " (off by default)"
                    } else {
                        ""
                    };
                    format!(
                        "{:width$}  {:7}  {}{off}\n",
                        meta.id, meta.severity, meta.summary
                    )
                })
                .collect()
        }
    };
    emit(&text)?;
    Ok(EXIT_CLEAN)
}

/// Prints a rule's documentation; a peer's code (`DL3008`) explains the
/// rules that do its work.
pub fn explain(id: &str) -> Result<u8, String> {
    let found: Vec<&rules::RuleMeta> = match rules::find(id) {
        Some(rule) => vec![rule],
        None => rules::covering(id).collect(),
    };
    if found.is_empty() {
        let hint = rules::closest_id(id)
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule `{id}`{hint}; `deploylint rules` lists them"
        ));
    }
    let pages: Vec<String> = found.iter().map(|meta| page(meta)).collect();
    emit(&pages.join("\n"))?;
    Ok(EXIT_CLEAN)
}

fn page(meta: &rules::RuleMeta) -> String {
    let covers = match meta.covers {
        [] => String::new(),
        peers => format!("Does the work of {}.\n\n", peers.join(", ")),
    };
    let standards = match meta.standards {
        [] => String::new(),
        standards => format!("Implements {}.\n\n", standards.join(", ")),
    };
    let severity = match meta.off_by_default {
        true => format!(
            "{}, off by default (turn it on with `rules: {{{}: {}}}` or `--select {}`)",
            meta.severity, meta.id, meta.severity, meta.id
        ),
        false => meta.severity.to_string(),
    };
    format!(
        "# {}\n\nDefault severity: {severity}. {}.\n\n{standards}{covers}{}\n",
        meta.id,
        capitalise(meta.summary),
        meta.documentation()
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
