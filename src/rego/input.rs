//! Policy inputs in the shapes conftest gives them, so existing policies run
//! unchanged, and the way back from a result's `path` to a span in the file.

use serde_json::{json, Map, Value as Json};

use crate::parse::dockerfile::Dockerfile;
use crate::parse::hcl::{Body, Expr, ExprKind};
use crate::parse::yaml::{Node, Typed, Value};
use crate::source::Span;

/// A YAML node as a policy input, built directly rather than through JSON:
/// the same values as `Node::to_json` (the YAML 1.2 core schema; a later
/// duplicate key wins), without building the JSON first (bench/measured.md).
pub fn yaml_to_value(node: &Node) -> regorus::Value {
    match &node.value {
        Value::Scalar(scalar) => match scalar.typed() {
            Typed::Str(text) => regorus::Value::from(text),
            Typed::Null => regorus::Value::Null,
            Typed::Bool(b) => regorus::Value::from(b),
            Typed::Int(i) => regorus::Value::from(i),
            Typed::Float(f) => regorus::Value::from(f),
        },
        Value::Seq(items) => {
            regorus::Value::from(items.iter().map(yaml_to_value).collect::<Vec<_>>())
        }
        Value::Map(entries) => {
            let mut map = std::collections::BTreeMap::new();
            for (key, value) in entries {
                map.insert(value_key(key), yaml_to_value(value));
            }
            regorus::Value::from(map)
        }
    }
}

/// A mapping key as JSON has it: a string, whatever the YAML scalar's type.
fn value_key(key: &Node) -> regorus::Value {
    match &key.value {
        Value::Scalar(scalar) => match scalar.typed() {
            Typed::Str(text) => regorus::Value::from(text),
            _ => regorus::Value::from(key.to_json().to_string()),
        },
        _ => regorus::Value::from(key.to_json().to_string()),
    }
}

/// The parts of an object a policy reads, for building its input without
/// the rest (environment lists, probes, volumes: most of a workload).
pub enum Keep {
    All,
    Keys(&'static [(&'static str, Keep)]),
    EachItem(&'static Keep),
}

const CONTAINERS: Keep = Keep::EachItem(&Keep::Keys(&[
    ("name", Keep::All),
    ("image", Keep::All),
    ("imagePullPolicy", Keep::All),
]));

const POD_SPEC: Keep = Keep::Keys(&[
    ("automountServiceAccountToken", Keep::All),
    ("containers", CONTAINERS),
    ("initContainers", CONTAINERS),
]);

const POD_TEMPLATE: Keep = Keep::Keys(&[("spec", POD_SPEC)]);

/// Everything the built-in policies in `rules/` read: a test evaluates them
/// on every fixture with this input and with the whole object, and another
/// checks each field their source names is here.
pub const BUILTIN_READS: Keep = Keep::Keys(&[
    ("kind", Keep::All),
    (
        "metadata",
        Keep::Keys(&[("name", Keep::All), ("labels", Keep::All)]),
    ),
    (
        "spec",
        Keep::Keys(&[
            ("automountServiceAccountToken", Keep::All),
            ("containers", CONTAINERS),
            ("initContainers", CONTAINERS),
            ("template", POD_TEMPLATE),
            (
                "jobTemplate",
                Keep::Keys(&[("spec", Keep::Keys(&[("template", POD_TEMPLATE)]))]),
            ),
        ]),
    ),
]);

/// The policy input for `node` with only what `keep` names; where the
/// document's shape differs from `keep`'s, the node is kept whole.
pub fn yaml_to_value_kept(node: &Node, keep: &Keep) -> regorus::Value {
    match (keep, &node.value) {
        (Keep::Keys(wanted), Value::Map(entries)) => {
            let mut map = std::collections::BTreeMap::new();
            for (key, value) in entries {
                let Some((_, inner)) = key
                    .as_str()
                    .and_then(|name| wanted.iter().find(|(w, _)| *w == name))
                else {
                    continue;
                };
                map.insert(value_key(key), yaml_to_value_kept(value, inner));
            }
            regorus::Value::from(map)
        }
        (Keep::EachItem(item), Value::Seq(items)) => regorus::Value::from(
            items
                .iter()
                .map(|i| yaml_to_value_kept(i, item))
                .collect::<Vec<_>>(),
        ),
        _ => yaml_to_value(node),
    }
}

/// A Terraform file as conftest's HCL2 parser shows it: blocks nested by type
/// and labels, each block body wrapped in a list, computed values as `${...}`.
pub fn hcl_to_json(body: &Body) -> Json {
    let mut map = Map::new();
    for attribute in &body.attributes {
        map.insert(attribute.key.clone(), attribute.value.to_json());
    }
    for block in &body.blocks {
        let mut keys = vec![block.ident.clone()];
        keys.extend(block.labels.iter().cloned());
        insert_block(&mut map, &keys, hcl_to_json(&block.body));
    }
    Json::Object(map)
}

fn insert_block(map: &mut Map<String, Json>, keys: &[String], body: Json) {
    let (first, rest) = keys.split_first().expect("a block has an identifier");
    if rest.is_empty() {
        let slot = map
            .entry(first.clone())
            .or_insert_with(|| Json::Array(Vec::new()));
        if let Json::Array(items) = slot {
            items.push(body);
        }
        return;
    }
    let slot = map
        .entry(first.clone())
        .or_insert_with(|| Json::Object(Map::new()));
    if let Json::Object(inner) = slot {
        insert_block(inner, rest, body);
    }
}

/// A Dockerfile as conftest's parser shows it: one object per instruction.
pub fn dockerfile_to_json(dockerfile: &Dockerfile) -> Json {
    let instructions = dockerfile
        .instructions
        .iter()
        .map(|instruction| {
            let values: Vec<String> = match (&instruction.json, instruction.keyword.as_str()) {
                (Some(items), _) => items.clone(),
                (None, "RUN" | "CMD" | "ENTRYPOINT" | "SHELL") => {
                    vec![instruction.args.trim().to_string()]
                }
                (None, "ENV" | "LABEL") => instruction
                    .words()
                    .into_iter()
                    .flat_map(|w| match w.text.split_once('=') {
                        Some((k, v)) => vec![k.to_string(), v.to_string()],
                        None => vec![w.text],
                    })
                    .collect(),
                _ => instruction.words().into_iter().map(|w| w.text).collect(),
            };
            let flags: Vec<String> = instruction
                .flags
                .iter()
                .map(|f| match &f.value {
                    Some(v) => format!("--{}={v}", f.name),
                    None => format!("--{}", f.name),
                })
                .collect();
            json!({
                "Cmd": instruction.keyword.to_ascii_lowercase(),
                "SubCmd": "",
                "JSON": instruction.json.is_some(),
                "Original": instruction.original.trim(),
                "Stage": instruction.stage.unwrap_or(0),
                "Flags": flags,
                "Value": values,
            })
        })
        .collect();
    Json::Array(instructions)
}

/// One step of a result's `path`.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

pub fn steps(path: &regorus::Value) -> Option<Vec<Step>> {
    path.as_array()
        .ok()?
        .iter()
        .map(|step| match step {
            regorus::Value::String(key) => Some(Step::Key(key.to_string())),
            regorus::Value::Number(n) => n.as_u64().map(|i| Step::Index(i as usize)),
            _ => None,
        })
        .collect()
}

/// The span a path leads to in a YAML document: the deepest node reached,
/// or the key of a block collection (a pod spec, a container list) rather
/// than the many lines of its value.
pub fn yaml_span(document: &Node, steps: &[Step], text: &str) -> Span {
    let mut node = document;
    let mut key = None;
    for step in steps {
        let next = match (step, &node.value) {
            (Step::Key(name), Value::Map(_)) => node.entry(name).map(|(k, v)| (Some(k), v)),
            (Step::Index(i), Value::Seq(items)) => items.get(*i).map(|v| (None, v)),
            _ => None,
        };
        match next {
            Some((k, v)) => (key, node) = (k, v),
            None => break,
        }
    }
    match (key, &node.value) {
        (Some(key), Value::Map(_) | Value::Seq(_))
            if text
                .get(key.span.end..node.span.start)
                .is_some_and(|between| between.contains('\n')) =>
        {
            key.span
        }
        _ => node.span,
    }
}

/// The span a path leads to in a Terraform file, through conftest's shape.
pub fn hcl_span(body: &Body, steps: &[Step]) -> Option<Span> {
    let mut body = body;
    let mut best = None;
    let mut i = 0;
    while i < steps.len() {
        let Step::Key(key) = &steps[i] else {
            return best;
        };
        if let Some(attribute) = body.attribute(key) {
            return Some(expr_span(&attribute.value, &steps[i + 1..]));
        }
        let mut candidates: Vec<_> = body.blocks_named(key).collect();
        if candidates.is_empty() {
            return best;
        }
        i += 1;
        let mut label = 0;
        while let Some(Step::Key(name)) = steps.get(i) {
            let matching: Vec<_> = candidates
                .iter()
                .copied()
                .filter(|b| b.labels.get(label).is_some_and(|l| l == name))
                .collect();
            if matching.is_empty() {
                break;
            }
            candidates = matching;
            label += 1;
            i += 1;
        }
        let index = match steps.get(i) {
            Some(Step::Index(n)) => {
                i += 1;
                *n
            }
            _ => 0,
        };
        let block = candidates.get(index).or(candidates.first())?;
        best = Some(block.header);
        body = &block.body;
    }
    best
}

fn expr_span(expr: &Expr, steps: &[Step]) -> Span {
    let mut expr = expr;
    for step in steps {
        let next = match (step, &expr.kind) {
            (Step::Key(key), ExprKind::Object(_)) => expr.get(key),
            (Step::Index(i), ExprKind::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(e) => expr = e,
            None => break,
        }
    }
    expr.span
}

/// The instruction a path's first index names, in conftest's Dockerfile shape.
pub fn dockerfile_span(dockerfile: &Dockerfile, steps: &[Step]) -> Option<Span> {
    match steps.first() {
        Some(Step::Index(i)) => dockerfile.instructions.get(*i).map(|ins| ins.span),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{dockerfile, hcl};

    #[test]
    fn hcl_takes_conftests_shape() {
        let body = hcl::parse("resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\"\n  versioning { enabled = true }\n}\nvariable \"env\" {}\nlocals { x = var.env }\n", 0).unwrap();
        assert_eq!(
            hcl_to_json(&body),
            json!({
                "resource": {"aws_s3_bucket": {"b": [{"acl": "public-read", "versioning": [{"enabled": true}]}]}},
                "variable": {"env": [{}]},
                "locals": [{"x": "${var.env}"}]
            })
        );
    }

    #[test]
    fn hcl_paths_lead_back_to_attributes() {
        let text = "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\"\n}\n";
        let body = hcl::parse(text, 0).unwrap();
        let path = steps(&regorus::Value::from(json!([
            "resource",
            "aws_s3_bucket",
            "b",
            0,
            "acl"
        ])))
        .unwrap();
        let span = hcl_span(&body, &path).unwrap();
        assert_eq!(&text[span.start..span.end], "\"public-read\"");
    }

    #[test]
    fn dockerfiles_take_conftests_shape() {
        let d = dockerfile::parse("FROM node:20 AS build\nCOPY --from=build /a /b\nENV A=1 B=2\nCMD [\"node\", \"x.js\"]\n", 0);
        let json = dockerfile_to_json(&d);
        assert_eq!(json[0]["Cmd"], "from");
        assert_eq!(json[0]["Value"], json!(["node:20", "AS", "build"]));
        assert_eq!(json[1]["Flags"], json!(["--from=build"]));
        assert_eq!(json[2]["Value"], json!(["A", "1", "B", "2"]));
        assert_eq!(json[3]["JSON"], true);
        assert_eq!(json[3]["Stage"], 0);
    }

    #[test]
    fn yaml_values_match_their_json() {
        let text = "kind: Deployment\nspec:\n  replicas: 3\n  ratio: 0.5\n  on: yes\n  off: false\n  none: ~\n  quoted: \"3\"\n  list: [a, 1, {b: c}]\n  dup: 1\n  dup: 2\n  ? [x, y]\n  : complex\n";
        let file = crate::source::SourceFile::new("a.yaml", text);
        let stream = crate::parse::yaml::parse(&file);
        let node = &stream.documents[0];
        assert_eq!(yaml_to_value(node), regorus::Value::from(node.to_json()));
        assert_eq!(
            yaml_to_value(node)["spec"]["dup"],
            regorus::Value::from(2i64)
        );
    }

    #[test]
    fn yaml_paths_to_block_collections_underline_their_key() {
        let text =
            "spec:\n  containers:\n  - name: a\n  probe: {path: /}\n  ports: [80]\n  name: x\n";
        let file = crate::source::SourceFile::new("a.yaml", text);
        let stream = crate::parse::yaml::parse(&file);
        let document = &stream.documents[0];
        let at = |path: serde_json::Value| {
            let span = yaml_span(document, &steps(&regorus::Value::from(path)).unwrap(), text);
            &text[span.start..span.end]
        };
        assert_eq!(at(json!(["spec"])), "spec");
        assert_eq!(at(json!(["spec", "containers"])), "containers");
        assert_eq!(at(json!(["spec", "containers", 0, "name"])), "a");
        // Flow collections fit on their line: the value is underlined.
        assert_eq!(at(json!(["spec", "probe"])), "{path: /}");
        assert_eq!(at(json!(["spec", "ports"])), "[80]");
        assert_eq!(at(json!(["spec", "name"])), "x");
        // A path that goes past the document stops at the deepest node.
        assert_eq!(at(json!(["spec", "name", "deeper"])), "x");
    }

    fn kept_names(keep: &Keep, names: &mut std::collections::BTreeSet<&'static str>) {
        match keep {
            Keep::All => {}
            Keep::Keys(keys) => {
                for (name, inner) in *keys {
                    names.insert(name);
                    kept_names(inner, names);
                }
            }
            Keep::EachItem(item) => kept_names(item, names),
        }
    }

    #[test]
    fn the_built_in_policies_read_only_what_their_input_keeps() {
        let mut kept = std::collections::BTreeSet::new();
        kept_names(&BUILTIN_READS, &mut kept);
        // Fields read through `input`, the pod spec or a container, and the
        // steps of the paths the policies build.
        let field =
            regex::Regex::new(r"\b(?:input|pod_spec|container)((?:\.[A-Za-z_]+)+)").unwrap();
        let quoted = regex::Regex::new(r#""([A-Za-z]+)""#).unwrap();
        let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut checked = 0;
        for entry in std::fs::read_dir(rules).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".rego") || name.ends_with("_test.rego") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            for capture in field.captures_iter(&code) {
                for step in capture[1].split('.').filter(|s| !s.is_empty()) {
                    assert!(
                        kept.contains(step),
                        "{name} reads `{step}`, which BUILTIN_READS drops"
                    );
                    checked += 1;
                }
            }
            for line in code.lines().filter(|l| {
                l.contains("pod_spec_path :=")
                    || l.contains("else := [")
                    || l.contains("some field in")
            }) {
                let list = line
                    .split_once('[')
                    .and_then(|(_, rest)| rest.split_once(']'));
                for capture in quoted.captures_iter(list.map_or("", |(inside, _)| inside)) {
                    assert!(
                        kept.contains(&capture[1]),
                        "{name} reads `{}`, which BUILTIN_READS drops",
                        &capture[1]
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10, "{checked} fields checked");
    }
}
