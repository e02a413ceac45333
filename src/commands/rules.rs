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

pub fn explain(id: &str) -> Result<u8, String> {
    let Some(rule) = rules::find(id) else {
        let hint = rules::closest_id(id)
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule `{id}`{hint}; `deploylint rules` lists them"
        ));
    };
    let meta = rule;
    emit(&format!(
        "# {}\n\nDefault severity: {}. {}.\n\n{}\n",
        meta.id,
        meta.severity,
        capitalise(meta.summary),
        meta.documentation()
    ))?;
    Ok(EXIT_CLEAN)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
