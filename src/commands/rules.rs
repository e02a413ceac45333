//! `deploylint rules` and `deploylint explain ID`: the rules and their
//! documentation.

use crate::cli::RulesFormat;
use crate::commands::exit::EXIT_CLEAN;
use crate::commands::stdout::emit;
use crate::rules;

pub fn list(format: RulesFormat) -> Result<u8, String> {
    let text = match format {
        RulesFormat::Json => {
            let rules: Vec<_> = rules::all()
                .iter()
                .map(|meta| {
                    serde_json::json!({
                        "id": meta.id,
                        "severity": meta.severity,
                        "summary": meta.summary,
                        "covers": meta.covers,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rules).expect("rules serialize") + "\n"
        }
        RulesFormat::Human => {
            let width = rules::all()
                .iter()
                .map(|meta| meta.id.len())
                .max()
                .unwrap_or(0);
            rules::all()
                .iter()
                .map(|meta| {
                    format!(
                        "{:width$}  {:7}  {}\n",
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
    format!(
        "# {}\n\nDefault severity: {}. {}.\n\n{covers}{}\n",
        meta.id,
        meta.severity,
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
