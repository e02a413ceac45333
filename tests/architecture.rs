//! The shape of the code: no import circle between source files, and no
//! file or function past the sizes a reader can hold in mind.
//!
//! A file depends on another when it names a path into it: `use crate::...`,
//! `super::...`, `self::...`, a path starting with one of its own child
//! modules (`rule!(k8s::privileged, ...)`), or a `crate::` path written in
//! code. Each path leads to the deepest module file that exists along it.
//! Declaring a module (`mod x;`) is not a dependency, and neither is a
//! file's `#[cfg(test)]` module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file's module path (`["rules", "k8s"]` for `src/rules/k8s/mod.rs`).
fn module_of(file: &Path, src: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn source_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            source_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The file's text without its `#[cfg(test)]` module and without comments.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                ""
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands `use a::{b, c::{d, e}};` into `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    expand_into("", &tree, &mut out);
    out
}

fn expand_into(prefix: &str, tree: &str, out: &mut Vec<String>) {
    match tree.find('{') {
        None => {
            for item in split_top(tree) {
                out.push(format!("{prefix}{item}"));
            }
        }
        Some(open) => {
            let head = &tree[..open];
            let close = matching_brace(tree, open);
            let inner = &tree[open + 1..close];
            for item in split_top(inner) {
                expand_into(&format!("{prefix}{head}"), item, out);
            }
        }
    }
}

fn matching_brace(text: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// Splits on commas outside braces.
fn split_top(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Every path the code names that may lead into another file of the crate.
fn paths_named(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let after = &rest[at + 4..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = after.find(';') else { break };
        paths.extend(expand_use(&after[..end]));
    }
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        if starts_word && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'_') {
            let end = code[i..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |n| i + n);
            let path = &code[i..end];
            if path.contains("::") {
                paths.push(path.trim_end_matches(':').to_string());
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    paths
}

/// The child modules a file declares (`mod x;` / `pub mod x;`).
fn children_of(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim();
            let line = line.strip_prefix("pub ").unwrap_or(line);
            let line = line.strip_prefix("pub(crate) ").unwrap_or(line);
            let name = line.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_string())
        })
        .collect()
}

/// The file a path leads to: the deepest module file along it.
fn resolve(
    path: &str,
    module: &[String],
    children: &BTreeSet<String>,
    files: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<PathBuf> {
    let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let (mut target, rest): (Vec<String>, &[&str]) = match segments.first().copied()? {
        "crate" => (Vec::new(), &segments[1..]),
        "self" => (module.to_vec(), &segments[1..]),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = &segments[..];
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        first if children.contains(first) => (module.to_vec(), &segments[..]),
        _ => return None,
    };
    let mut best = files.get(&target).cloned();
    for segment in rest {
        target.push(segment.to_string());
        match files.get(&target) {
            Some(file) => best = Some(file.clone()),
            None => break,
        }
    }
    best
}

/// Each source file of the library and the files it depends on.
fn dependency_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    source_files(&src, &mut all);
    // The binary's main.rs reaches the library as `deploylint::`, not `crate::`.
    all.retain(|f| !f.ends_with("src/main.rs"));
    let files: BTreeMap<Vec<String>, PathBuf> = all
        .iter()
        .map(|f| (module_of(f, &src), f.clone()))
        .collect();
    let mut graph = BTreeMap::new();
    for file in &all {
        let code = code_of(&std::fs::read_to_string(file).expect("readable"));
        let module = module_of(file, &src);
        let children = children_of(&code);
        let edges: BTreeSet<PathBuf> = paths_named(&code)
            .iter()
            .filter_map(|path| resolve(path, &module, &children, &files))
            .filter(|target| target != file)
            .collect();
        graph.insert(file.clone(), edges);
    }
    graph
}

/// The strongly connected components with more than one file (Tarjan).
fn circles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct State<'g> {
        graph: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on_stack: BTreeSet<&'g PathBuf>,
        found: Vec<Vec<PathBuf>>,
    }
    fn visit<'g>(state: &mut State<'g>, node: &'g PathBuf) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        for target in &state.graph[node] {
            if !state.index.contains_key(target) {
                visit(state, target);
                let low = state.low[target].min(state.low[node]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(target) {
                let low = state.index[target].min(state.low[node]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(top) = state.stack.pop() {
                state.on_stack.remove(top);
                component.push(top.clone());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    state.found
}

fn short(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    path.strip_prefix(&src)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn no_import_circle() {
    let graph = dependency_graph();
    let found = circles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|component| {
            let members: BTreeSet<&PathBuf> = component.iter().collect();
            let edges: Vec<String> = component
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|to| members.contains(to))
                        .map(move |to| format!("  {} -> {}", short(from), short(to)))
                })
                .collect();
            format!("{} files:\n{}", component.len(), edges.join("\n"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "import circles:\n{}",
        described.join("\n\n")
    );
}

#[test]
fn the_checker_sees_a_circle_and_its_paths() {
    assert_eq!(
        expand_use("crate::a::{b, c::{d, e}}"),
        ["crate::a::b", "crate::a::c::d", "crate::a::c::e"]
    );
    let files: BTreeMap<Vec<String>, PathBuf> = [
        (vec![], "lib.rs"),
        (vec!["a".to_string()], "a.rs"),
        (vec!["b".to_string()], "b/mod.rs"),
        (vec!["b".to_string(), "c".to_string()], "b/c.rs"),
    ]
    .into_iter()
    .map(|(m, f)| (m, PathBuf::from(f)))
    .collect();
    let none = BTreeSet::new();
    let b = vec!["b".to_string()];
    let c = vec!["b".to_string(), "c".to_string()];
    assert_eq!(
        resolve("crate::a::Thing", &c, &none, &files),
        Some("a.rs".into())
    );
    assert_eq!(
        resolve("super::Thing", &c, &none, &files),
        Some("b/mod.rs".into())
    );
    let children = BTreeSet::from(["c".to_string()]);
    assert_eq!(
        resolve("c::check", &b, &children, &files),
        Some("b/c.rs".into())
    );
    assert_eq!(resolve("std::fmt", &b, &children, &files), None);
    let graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = [
        ("a.rs", vec!["b/mod.rs"]),
        ("b/mod.rs", vec!["b/c.rs"]),
        ("b/c.rs", vec!["a.rs"]),
        ("lib.rs", vec!["a.rs"]),
    ]
    .into_iter()
    .map(|(f, e)| (f.into(), e.into_iter().map(PathBuf::from).collect()))
    .collect();
    assert_eq!(circles(&graph).len(), 1);
    assert_eq!(circles(&graph)[0].len(), 3);
}

/// Parsers are allowed to be long: a grammar reads best in one place.
const LONG_FILES_ALLOWED: &[&str] = &["parse/"];
const MAX_FILE_LINES: usize = 500;
const MAX_FUNCTION_LINES: usize = 100;

#[test]
fn files_and_functions_stay_short() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    source_files(&src, &mut all);
    let mut problems = Vec::new();
    for file in &all {
        let text = std::fs::read_to_string(file).expect("readable");
        let name = short(file);
        let code = match text.find("#[cfg(test)]\nmod tests") {
            Some(at) => &text[..at],
            None => &text[..],
        };
        let lines = code.lines().count();
        if lines > MAX_FILE_LINES && !LONG_FILES_ALLOWED.iter().any(|p| name.starts_with(p)) {
            problems.push(format!("{name}: {lines} lines before its tests"));
        }
        for (function, length) in function_lengths(code) {
            if length > MAX_FUNCTION_LINES {
                problems.push(format!("{name}: fn {function} is {length} lines"));
            }
        }
    }
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
}

/// Each `fn` with a body and how many lines from its signature to its closing brace.
fn function_lengths(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        let head = &trimmed[..at];
        let is_item = head.split_whitespace().all(|w| {
            matches!(w, "pub" | "pub(crate)" | "const" | "async" | "unsafe")
                || w.starts_with("pub(")
        });
        if !is_item {
            continue;
        }
        let name: String = trimmed[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let indent = line.len() - trimmed.len();
        // The body ends at the first later line that closes at the signature's indent.
        let end = lines[start..]
            .iter()
            .position(|l| {
                let t = l.trim_start();
                (l.len() - t.len() == indent && t.starts_with('}'))
                    || (t.ends_with(';')
                        && !t.contains('{')
                        && l.len() - t.len() == indent
                        && t.contains("fn "))
            })
            .map(|n| start + n);
        if let Some(end) = end {
            out.push((name, end - start + 1));
        }
    }
    out
}
