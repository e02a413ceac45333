//! Dockerfile front end: a small hand parser that keeps byte spans.
//!
//! It handles what real Dockerfiles use: parser directives (`# escape=`,
//! `# syntax=`), line continuations with comment and blank lines inside them,
//! heredocs (`RUN <<EOF`, `COPY <<-EOT`, several per instruction), JSON and
//! shell forms, `--flag=value` options, `ARG` before `FROM`, and stages.

use std::sync::OnceLock;

use crate::parse::shell::{self, Command};
use crate::source::Span;

/// Every instruction BuildKit knows.
const INSTRUCTIONS: &[&str] = &[
    "FROM",
    "RUN",
    "CMD",
    "LABEL",
    "MAINTAINER",
    "EXPOSE",
    "ENV",
    "ADD",
    "COPY",
    "ENTRYPOINT",
    "VOLUME",
    "USER",
    "WORKDIR",
    "ARG",
    "ONBUILD",
    "STOPSIGNAL",
    "HEALTHCHECK",
    "SHELL",
];

#[derive(Debug, Default)]
pub struct Dockerfile {
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
    pub errors: Vec<DockerError>,
    /// `ARG`s declared before the first `FROM`: (name, default).
    pub global_args: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone)]
pub struct DockerError {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Stage {
    pub index: usize,
    pub name: Option<String>,
    /// Index of the stage's `FROM` in `instructions`.
    pub from: usize,
    /// The base image as written (`node:18-alpine`, `${BASE}`, `build`).
    pub image: String,
    pub image_span: Span,
}

impl Stage {
    /// `stage build`, or `stage 0` for an unnamed one.
    pub fn describe(&self) -> String {
        match &self.name {
            Some(name) => format!("stage {name}"),
            None => format!("stage {}", self.index),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Instruction {
    /// Upper-cased keyword.
    pub keyword: String,
    pub keyword_span: Span,
    /// The whole instruction, continuation lines and heredocs included.
    pub span: Span,
    pub flags: Vec<Flag>,
    /// The arguments after the keyword and flags, continuation lines joined.
    pub args: String,
    /// The exec (JSON) form's strings, when the arguments are one.
    pub json: Option<Vec<String>>,
    pub heredocs: Vec<Heredoc>,
    /// The stage this instruction belongs to; `None` before the first `FROM`.
    pub stage: Option<usize>,
    /// The line exactly as written, continuations joined (for conftest's `Original`).
    pub original: String,
    map: OffsetMap,
    args_start: usize,
    escape: char,
    /// The shell scripts it runs, read once when a rule first asks.
    scripts: OnceLock<Vec<Script>>,
}

/// A shell script an instruction runs: the shell form of a `RUN` (or of
/// `ONBUILD RUN`), the exec form's words as one command, or a heredoc body
/// a shell reads (`RUN <<EOF`, `RUN bash <<EOF`).
#[derive(Debug, Clone)]
pub struct Script {
    pub commands: Vec<Command>,
    origin: ScriptOrigin,
}

/// Where a script's word offsets count from.
#[derive(Debug, Clone, Copy)]
enum ScriptOrigin {
    /// The arguments text, from this offset.
    Args(usize),
    /// The body of the instruction's heredoc with this index.
    Heredoc(usize),
    /// The exec form: words have no place of their own.
    Exec,
}

impl Script {
    /// Where `word` of this script is written in the file.
    pub fn span(&self, instruction: &Instruction, word: &shell::Word) -> Span {
        match self.origin {
            ScriptOrigin::Args(offset) => {
                instruction.args_span(offset + word.start, offset + word.end)
            }
            ScriptOrigin::Heredoc(index) => match instruction.heredocs.get(index) {
                Some(heredoc) => Span::new(
                    heredoc.body_span.start + word.start,
                    heredoc.body_span.start + word.end,
                ),
                None => instruction.keyword_span,
            },
            ScriptOrigin::Exec => instruction.whole_args_span(),
        }
    }
}

/// Shells whose heredoc input is a script of the same language.
const POSIX_SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh"];

/// The scripts `instruction` runs when it is a `RUN` or an `ONBUILD RUN`.
fn read_scripts(instruction: &Instruction) -> Vec<Script> {
    let Some(start) = script_start(instruction) else {
        return Vec::new();
    };
    if let Some(words) = &instruction.json {
        return exec_scripts(words);
    }
    let main = Script {
        commands: shell::commands(&instruction.args[start..]),
        origin: ScriptOrigin::Args(start),
    };
    // `RUN <<EOF` and `RUN bash <<EOF` feed the body to a shell;
    // `RUN python3 <<EOF` does not.
    let shell_reads_heredocs = match main.commands.first() {
        None => true,
        Some(first) => first.name().is_some_and(|n| POSIX_SHELLS.contains(&n)),
    };
    let mut scripts = vec![main];
    if shell_reads_heredocs {
        scripts.extend(
            instruction
                .heredocs
                .iter()
                .enumerate()
                .map(|(index, heredoc)| Script {
                    commands: shell::commands(&heredoc.body),
                    origin: ScriptOrigin::Heredoc(index),
                }),
        );
    }
    scripts
}

/// `RUN ["apt-get", "install", "x"]` is one command; `RUN ["sh", "-c", "..."]`
/// also runs the script after `-c`.
fn exec_scripts(words: &[String]) -> Vec<Script> {
    let command = Command {
        words: words
            .iter()
            .map(|text| shell::Word {
                text: text.clone(),
                start: 0,
                end: 0,
            })
            .collect(),
        ..Command::default()
    };
    let mut commands = vec![command];
    let program = words.first().map(|w| w.rsplit('/').next().unwrap_or(w));
    if program.is_some_and(|p| POSIX_SHELLS.contains(&p)) {
        if let Some(at) = words.iter().position(|w| w == "-c") {
            if let Some(script) = words.get(at + 1) {
                commands.extend(shell::commands(script));
            }
        }
    }
    vec![Script {
        commands,
        origin: ScriptOrigin::Exec,
    }]
}

/// Where the script of a `RUN`, or of an `ONBUILD RUN`, starts in the
/// arguments: after `RUN` and its `--flags` for the trigger.
fn script_start(instruction: &Instruction) -> Option<usize> {
    match instruction.keyword.as_str() {
        "RUN" => Some(0),
        "ONBUILD" => {
            let args = instruction.args.as_str();
            let mut at = args.len() - args.trim_start().len();
            let keyword_end = args[at..]
                .find(char::is_whitespace)
                .map_or(args.len(), |n| at + n);
            if !args[at..keyword_end].eq_ignore_ascii_case("RUN") {
                return None;
            }
            at = keyword_end;
            loop {
                let rest = &args[at..];
                let word_start = at + (rest.len() - rest.trim_start().len());
                if !args[word_start..].starts_with("--") {
                    return Some(word_start);
                }
                at = args[word_start..]
                    .find(char::is_whitespace)
                    .map_or(args.len(), |n| word_start + n);
            }
        }
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct Flag {
    pub name: String,
    pub value: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Heredoc {
    pub delimiter: String,
    pub body: String,
    pub body_span: Span,
}

/// A word of an instruction's arguments, unquoted, with its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// Maps offsets in an instruction's joined text back to the file.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    /// (offset in the joined text, offset in the file, length) of each piece.
    pieces: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    fn to_file(&self, logical: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|(start, _, _)| *start <= logical)
            .saturating_sub(1);
        match self.pieces.get(index) {
            Some((start, file, len)) => file + (logical - start).min(*len),
            None => 0,
        }
    }
}

impl Instruction {
    /// The file span of a range of the joined arguments text.
    pub fn args_span(&self, start: usize, end: usize) -> Span {
        let base = self.args_start;
        Span::new(self.map.to_file(base + start), self.map.to_file(base + end))
    }

    /// The span of all the arguments.
    pub fn whole_args_span(&self) -> Span {
        self.args_span(0, self.args.trim_end().len())
    }

    /// Splits the arguments into shell words, honouring quotes and the escape character.
    pub fn words(&self) -> Vec<Word> {
        split_words(&self.args, self.escape)
            .into_iter()
            .map(|(text, start, end)| Word {
                text,
                span: self.args_span(start, end),
            })
            .collect()
    }

    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// Whether this is a `RUN`, or an `ONBUILD RUN`: an instruction that runs commands.
    pub fn runs_commands(&self) -> bool {
        script_start(self).is_some()
    }

    /// The shell scripts this instruction runs; empty unless it [runs commands](Self::runs_commands).
    pub fn scripts(&self) -> &[Script] {
        self.scripts.get_or_init(|| read_scripts(self))
    }
}

struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn lines_of(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::with_capacity(text.bytes().filter(|b| *b == b'\n').count() + 1);
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.trim_end_matches('\n').trim_end_matches('\r');
        lines.push(Line {
            start,
            text: content,
        });
        start += piece.len();
    }
    lines
}

/// Parses the Dockerfile in `text`, whose first byte is at `base` in its file.
pub fn parse(text: &str, base: usize) -> Dockerfile {
    let lines = lines_of(text);
    // At most one instruction a line that is not blank or a comment: room
    // for them all at once, rather than moving them at every doubling.
    let most = lines
        .iter()
        .filter(|l| !Parser::is_skippable(l.text))
        .count();
    let mut parser = Parser {
        lines: &lines,
        next: 0,
        base,
        escape: '\\',
        dockerfile: Dockerfile {
            instructions: Vec::with_capacity(most),
            ..Dockerfile::default()
        },
    };
    parser.directives();
    while let Some(instruction) = parser.instruction() {
        parser.accept(instruction);
    }
    parser.dockerfile
}

struct Parser<'a> {
    lines: &'a [Line<'a>],
    next: usize,
    base: usize,
    escape: char,
    dockerfile: Dockerfile,
}

impl<'a> Parser<'a> {
    /// `# escape=` and friends, only at the very top of the file.
    fn directives(&mut self) {
        while let Some(line) = self.lines.get(self.next) {
            let Some(body) = line.text.trim().strip_prefix('#') else {
                return;
            };
            let Some((key, value)) = body.split_once('=') else {
                return;
            };
            let key = key.trim().to_ascii_lowercase();
            if !key.chars().all(|c| c.is_ascii_alphanumeric()) || key.is_empty() {
                return;
            }
            if key == "escape" {
                match value.trim() {
                    "`" => self.escape = '`',
                    "\\" => self.escape = '\\',
                    other => self.error(
                        Span::new(
                            self.base + line.start,
                            self.base + line.start + line.text.len(),
                        ),
                        format!("invalid escape directive `{other}`: use \\ or `"),
                    ),
                }
            }
            self.next += 1;
        }
    }

    fn error(&mut self, span: Span, message: String) {
        self.dockerfile.errors.push(DockerError { span, message });
    }

    fn is_skippable(text: &str) -> bool {
        let trimmed = text.trim_start();
        trimmed.is_empty() || trimmed.starts_with('#')
    }

    /// Reads the next instruction: its first line, its continuation lines and its heredocs.
    fn instruction(&mut self) -> Option<Instruction> {
        while self
            .lines
            .get(self.next)
            .is_some_and(|l| Self::is_skippable(l.text))
        {
            self.next += 1;
        }
        let first = self.lines.get(self.next)?;
        let mut joined = String::new();
        let mut map = OffsetMap::default();
        let mut line = first;
        let end;
        loop {
            self.next += 1;
            let content = line.text;
            let trimmed = content.trim_end();
            let file_start = self.base + line.start;
            if let Some(stripped) = trimmed.strip_suffix(self.escape) {
                map.pieces.push((joined.len(), file_start, stripped.len()));
                joined.push_str(stripped);
                // Comment and blank lines inside a continuation are dropped, as BuildKit does.
                while self
                    .lines
                    .get(self.next)
                    .is_some_and(|l| Self::is_skippable(l.text))
                {
                    self.next += 1;
                }
                match self.lines.get(self.next) {
                    Some(next) => line = next,
                    None => {
                        end = file_start + content.len();
                        break;
                    }
                }
            } else {
                map.pieces.push((joined.len(), file_start, content.len()));
                joined.push_str(content);
                end = file_start + content.len();
                break;
            }
        }
        let start = self.base + first.start;
        let mut instruction = self.split_instruction(joined, map, Span::new(start, end));
        self.read_heredocs(&mut instruction);
        Some(instruction)
    }

    fn split_instruction(&self, joined: String, map: OffsetMap, span: Span) -> Instruction {
        let leading = joined.len() - joined.trim_start().len();
        let keyword_end = joined[leading..]
            .find(char::is_whitespace)
            .map(|i| leading + i)
            .unwrap_or(joined.len());
        let keyword = joined[leading..keyword_end].to_ascii_uppercase();
        let mut cursor = keyword_end;
        let mut flags = Vec::new();
        // Options come first: `COPY --from=build --chown=app:app src dst`.
        loop {
            let rest = &joined[cursor..];
            let skipped = rest.len() - rest.trim_start().len();
            let word_start = cursor + skipped;
            let rest = &joined[word_start..];
            if !rest.starts_with("--") || keyword == "ENV" || keyword == "ARG" || keyword == "LABEL"
            {
                cursor = word_start;
                break;
            }
            let word_end = rest
                .find(char::is_whitespace)
                .map(|i| word_start + i)
                .unwrap_or(joined.len());
            let word = &joined[word_start + 2..word_end];
            let (name, value) = match word.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(unquote(v))),
                None => (word.to_string(), None),
            };
            flags.push(Flag {
                name,
                value,
                span: Span::new(map.to_file(word_start), map.to_file(word_end)),
            });
            cursor = word_end;
        }
        let args = joined[cursor..].to_string();
        let json = parse_json_form(&args);
        let keyword_span = Span::new(map.to_file(leading), map.to_file(keyword_end));
        Instruction {
            keyword,
            keyword_span,
            span,
            flags,
            args,
            json,
            heredocs: Vec::new(),
            stage: None,
            original: joined,
            map,
            args_start: cursor,
            escape: self.escape,
            scripts: OnceLock::new(),
        }
    }

    /// Consumes the bodies of `<<EOF` heredocs that follow the instruction line.
    fn read_heredocs(&mut self, instruction: &mut Instruction) {
        if instruction.json.is_some() {
            return;
        }
        // `ONBUILD RUN <<EOF` reads its heredoc like the RUN it triggers.
        let args = instruction.args.as_str();
        let (keyword, offset) = match instruction.keyword.as_str() {
            "ONBUILD" => {
                let trimmed = args.trim_start();
                let keyword_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
                let offset = args.len() - trimmed.len() + keyword_end;
                (trimmed[..keyword_end].to_ascii_uppercase(), offset)
            }
            keyword => (keyword.to_string(), 0),
        };
        if !matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
            return;
        }
        let markers = heredoc_markers(&instruction.args[offset..]);
        for (delimiter, strip_tabs, at) in markers {
            let at = at + offset;
            let mut body = String::new();
            let body_start = self.lines.get(self.next).map(|l| self.base + l.start);
            let mut closed = false;
            while let Some(line) = self.lines.get(self.next) {
                self.next += 1;
                let candidate = if strip_tabs {
                    line.text.trim_start_matches('\t')
                } else {
                    line.text
                };
                if candidate == delimiter {
                    closed = true;
                    instruction.span.end = self.base + line.start + line.text.len();
                    break;
                }
                body.push_str(line.text);
                body.push('\n');
            }
            let body_start = body_start.unwrap_or(instruction.span.end);
            let body_span = Span::new(body_start, body_start + body.len());
            if !closed {
                instruction.span.end = body_span.end;
                self.error(
                    instruction.args_span(at, at + delimiter.len() + 2),
                    format!("heredoc `<<{delimiter}` is never closed by a `{delimiter}` line"),
                );
            }
            instruction.heredocs.push(Heredoc {
                delimiter,
                body,
                body_span,
            });
        }
    }

    fn accept(&mut self, mut instruction: Instruction) {
        if !INSTRUCTIONS.contains(&instruction.keyword.as_str()) {
            let keyword = instruction.original.split_whitespace().next().unwrap_or("");
            self.error(
                instruction.keyword_span,
                format!("unknown instruction `{keyword}`"),
            );
            return;
        }
        let needs_args = !matches!(instruction.keyword.as_str(), "HEALTHCHECK");
        if needs_args && instruction.args.trim().is_empty() && instruction.heredocs.is_empty() {
            self.error(
                instruction.keyword_span,
                format!("{} needs arguments", instruction.keyword),
            );
            return;
        }
        if let Some(problem) = onbuild_problem(&instruction).or_else(|| pairs_problem(&instruction))
        {
            self.error(instruction.whole_args_span(), problem);
            return;
        }
        let index = self.dockerfile.instructions.len();
        match instruction.keyword.as_str() {
            "FROM" => {
                let words = instruction.words();
                let stage_index = self.dockerfile.stages.len();
                let name = match words.as_slice() {
                    [_, as_word, name] if as_word.text.eq_ignore_ascii_case("as") => {
                        Some(name.text.to_ascii_lowercase())
                    }
                    [_] => None,
                    _ => {
                        self.error(
                            instruction.whole_args_span(),
                            "FROM takes an image and an optional `AS name`".into(),
                        );
                        None
                    }
                };
                let image = &words[0];
                self.dockerfile.stages.push(Stage {
                    index: stage_index,
                    name,
                    from: index,
                    image: image.text.clone(),
                    image_span: image.span,
                });
                instruction.stage = Some(stage_index);
            }
            keyword => {
                instruction.stage = self.dockerfile.stages.len().checked_sub(1);
                if instruction.stage.is_none() {
                    if keyword == "ARG" {
                        for word in instruction.words() {
                            let (name, default) = match word.text.split_once('=') {
                                Some((n, d)) => (n.to_string(), Some(d.to_string())),
                                None => (word.text.clone(), None),
                            };
                            self.dockerfile.global_args.push((name, default));
                        }
                    } else {
                        self.error(
                            instruction.keyword_span,
                            format!(
                                "{keyword} before the first FROM: only ARG may come before FROM"
                            ),
                        );
                    }
                }
            }
        }
        self.dockerfile.instructions.push(instruction);
    }
}

/// What BuildKit refuses in `ENV` and `LABEL`: `NAME value` needs its value,
/// and once one word is `name=value`, every word must be.
fn pairs_problem(instruction: &Instruction) -> Option<String> {
    let keyword = instruction.keyword.as_str();
    if !matches!(keyword, "ENV" | "LABEL") {
        return None;
    }
    let words = instruction.words();
    let first = words.first()?;
    if !first.text.contains('=') {
        return (words.len() < 2).then(|| format!("{keyword} must have two arguments"));
    }
    let bare = words.iter().find(|w| !w.text.contains('='))?;
    Some(format!(
        "can't find = in \"{}\": every word must be of the form name=value",
        bare.text
    ))
}

/// What BuildKit refuses as an `ONBUILD` trigger.
fn onbuild_problem(instruction: &Instruction) -> Option<String> {
    if instruction.keyword != "ONBUILD" {
        return None;
    }
    let trigger = instruction
        .args
        .split_whitespace()
        .next()?
        .to_ascii_uppercase();
    match trigger.as_str() {
        "ONBUILD" => Some("chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into()),
        "FROM" | "MAINTAINER" => Some(format!("{trigger} isn't allowed as an ONBUILD trigger")),
        _ => None,
    }
}

/// `<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<app.conf` markers in order: (delimiter,
/// strip leading tabs, offset). As in BuildKit, a marker is a whole shell
/// word, quotes kept (so `"<<EOF"` is text), matching `^\d*<<-?[^<]+$`; its
/// delimiter is the rest without its quotes.
fn heredoc_markers(args: &str) -> Vec<(String, bool, usize)> {
    raw_words(args)
        .into_iter()
        .filter_map(|(at, word)| {
            let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let rest = word[digits..].strip_prefix("<<")?;
            let (strip_tabs, rest) = match rest.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, rest),
            };
            if rest.is_empty() || rest.contains('<') {
                return None;
            }
            let delimiter: String = rest.chars().filter(|c| *c != '"' && *c != '\'').collect();
            (!delimiter.is_empty()).then_some((delimiter, strip_tabs, at))
        })
        .collect()
}

/// Shell words split at unquoted whitespace, quotes and escapes kept as
/// written, with their offsets.
fn raw_words(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (_, '\\') if quote != Some('\'') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    words.push((s, &text[s..i]));
                }
                continue;
            }
            _ => {}
        }
        start.get_or_insert(i);
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    words
}

fn parse_json_form(args: &str) -> Option<Vec<String>> {
    let trimmed = args.trim();
    if !trimmed.starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<String>>(trimmed).ok()
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        v[1..v.len() - 1].to_string()
    } else {
        v.to_string()
    }
}

/// Shell-like word splitting: whitespace separates words, quotes group, the
/// escape character escapes. Returns (text, start, end) in `args` offsets.
fn split_words(args: &str, escape: char) -> Vec<(String, usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    // Most words are their slice of `args`; a word's own text is only built
    // once a quote or an escape makes it differ (one allocation a word, not
    // one a character).
    let mut rewritten: Option<String> = None;
    let mut quote: Option<char> = None;
    let mut chars = args.char_indices();
    while let Some((i, c)) = chars.next() {
        if quote.is_none() && c.is_whitespace() {
            if let Some(s) = start.take() {
                let text = rewritten.take().unwrap_or_else(|| args[s..i].to_string());
                words.push((text, s, i));
            }
            continue;
        }
        let so_far = &args[*start.get_or_insert(i)..i];
        match (quote, c) {
            (None, '"' | '\'') => {
                own(&mut rewritten, so_far);
                quote = Some(c);
            }
            (Some(q), c) if c == q => {
                own(&mut rewritten, so_far);
                quote = None;
            }
            (_, c) if c == escape && quote != Some('\'') => {
                let next = chars.next().map_or(c, |(_, next)| next);
                own(&mut rewritten, so_far).push(next);
            }
            (_, c) => {
                if let Some(text) = &mut rewritten {
                    text.push(c);
                }
            }
        }
    }
    if let Some(s) = start {
        let text = rewritten.unwrap_or_else(|| args[s..].to_string());
        words.push((text, s, args.len()));
    }
    words
}

/// The word's own text, made from what was read of it `so_far` the first time.
fn own<'a>(rewritten: &'a mut Option<String>, so_far: &str) -> &'a mut String {
    rewritten.get_or_insert_with(|| so_far.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keywords(d: &Dockerfile) -> Vec<&str> {
        d.instructions.iter().map(|i| i.keyword.as_str()).collect()
    }

    #[test]
    fn continuations_join_and_skip_comments_and_blank_lines() {
        let text = "FROM alpine:3.20\nRUN apk add \\\n    # a comment inside\n\n    curl \\\n    git\nUSER app\n";
        let d = parse(text, 0);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(keywords(&d), ["FROM", "RUN", "USER"]);
        let run = &d.instructions[1];
        assert_eq!(
            run.words()
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>(),
            ["apk", "add", "curl", "git"]
        );
        // "git" maps back to its own line.
        let git = &run.words()[3];
        assert_eq!(&text[git.span.start..git.span.end], "git");
        assert_eq!(run.span.end, text.find("\nUSER").unwrap());
    }

    #[test]
    fn the_escape_directive_changes_the_continuation_character() {
        let text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\n";
        let d = parse(text, 0);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(keywords(&d), ["FROM", "RUN"]);
        assert!(d.instructions[1].args.contains("c:\\"));
    }

    #[test]
    fn syntax_directives_are_not_instructions() {
        let d = parse("# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\n", 0);
        assert!(d.errors.is_empty());
        assert_eq!(keywords(&d), ["FROM"]);
    }

    #[test]
    fn heredocs_are_consumed_several_per_instruction() {
        let text = "FROM alpine:3.20\nRUN <<EOF bash && cat <<-'END'\nset -e\nFROM is not an instruction here\nEOF\n\techo hi\n\tEND\nCOPY <<EOT /etc/motd\nhello\nEOT\nUSER 1000\n";
        let d = parse(text, 0);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(keywords(&d), ["FROM", "RUN", "COPY", "USER"]);
        let run = &d.instructions[1];
        assert_eq!(run.heredocs.len(), 2);
        assert_eq!(
            run.heredocs[0].body,
            "set -e\nFROM is not an instruction here\n"
        );
        assert_eq!(run.heredocs[1].delimiter, "END");
        assert_eq!(d.instructions[2].heredocs[0].body, "hello\n");
    }

    #[test]
    fn heredocs_are_whole_shell_words_in_the_shell_form_as_buildkit_reads_them() {
        let text = "FROM alpine:3.20\nRUN echo \"<<EOF here\" '<<EOF'\nRUN [\"sh\", \"-c\", \"cat <<EOF\"]\nONBUILD RUN <<EOF\necho hi\nEOF\nCOPY <<app.conf /etc/app.conf\nk=v\napp.conf\nCOPY 2<<my-file /etc/f\nx\nmy-file\nUSER 1000\n";
        let d = parse(text, 0);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(
            keywords(&d),
            ["FROM", "RUN", "RUN", "ONBUILD", "COPY", "COPY", "USER"]
        );
        assert!(d.instructions[1].heredocs.is_empty());
        assert!(d.instructions[2].heredocs.is_empty());
        assert_eq!(d.instructions[3].heredocs[0].body, "echo hi\n");
        assert_eq!(d.instructions[4].heredocs[0].delimiter, "app.conf");
        assert_eq!(d.instructions[5].heredocs[0].delimiter, "my-file");
    }

    #[test]
    fn env_and_label_need_values_as_buildkit_says() {
        let d = parse(
            "FROM alpine:3.20\nENV A\nLABEL a=1 b\nENV OLD form with spaces\nENV B= C=\"x y\"\n",
            0,
        );
        let messages: Vec<&str> = d.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ENV must have two arguments",
                "can't find = in \"b\": every word must be of the form name=value"
            ]
        );
        assert_eq!(keywords(&d), ["FROM", "ENV", "ENV"]);
    }

    #[test]
    fn onbuild_refuses_from_onbuild_and_maintainer_as_buildkit_does() {
        let d = parse("FROM alpine:3.20\nONBUILD FROM x\nONBUILD onbuild RUN a\nONBUILD MAINTAINER me\nONBUILD RUN make\n", 0);
        let messages: Vec<&str> = d.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "FROM isn't allowed as an ONBUILD trigger",
                "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
                "MAINTAINER isn't allowed as an ONBUILD trigger"
            ]
        );
        assert_eq!(keywords(&d), ["FROM", "ONBUILD"]);
    }

    #[test]
    fn shifts_and_here_strings_are_not_heredocs() {
        let d = parse(
            "FROM alpine:3.20\nRUN echo $((1<<2)) && cat <<< \"x\"\nUSER 1\n",
            0,
        );
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert!(d.instructions[1].heredocs.is_empty());
    }

    #[test]
    fn json_and_shell_forms_and_flags() {
        let d = parse("FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nCOPY --from=build --chown=app:app /out /app\nCMD [\"/app\", \"--port\", \"8080\"]\nRUN --mount=type=cache,target=/root/.cache go build\n", 0);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.stages[0].name.as_deref(), Some("build"));
        assert_eq!(d.stages[0].image, "golang:1.23");
        let copy = &d.instructions[1];
        assert_eq!(
            copy.flag("from").and_then(|f| f.value.as_deref()),
            Some("build")
        );
        assert_eq!(
            copy.flag("chown").and_then(|f| f.value.as_deref()),
            Some("app:app")
        );
        assert_eq!(
            d.instructions[2].json.as_deref(),
            Some(&["/app".to_string(), "--port".into(), "8080".into()][..])
        );
        assert_eq!(
            d.instructions[3].flag("mount").unwrap().value.as_deref(),
            Some("type=cache,target=/root/.cache")
        );
    }

    #[test]
    fn args_before_from_are_global() {
        let d = parse("ARG BASE=node:18-alpine\nARG VERSION\nFROM ${BASE}\n", 0);
        assert!(d.errors.is_empty());
        assert_eq!(
            d.global_args,
            [
                ("BASE".into(), Some("node:18-alpine".into())),
                ("VERSION".into(), None)
            ]
        );
        assert_eq!(d.instructions[2].stage, Some(0));
    }

    #[test]
    fn unknown_instructions_and_missing_arguments_are_errors() {
        let d = parse("FROM alpine:3.20\nFOO bar\nRUN\nUSER app\n", 0);
        assert_eq!(d.errors.len(), 2);
        assert!(d.errors[0].message.contains("FOO"));
        assert_eq!(keywords(&d), ["FROM", "USER"]);
    }

    #[test]
    fn a_file_ending_in_a_continuation_or_an_open_heredoc_does_not_crash() {
        let d = parse("FROM alpine:3.20\nRUN echo \\", 0);
        assert_eq!(keywords(&d), ["FROM", "RUN"]);
        let d = parse("FROM alpine:3.20\nRUN <<EOF\necho\n", 0);
        assert_eq!(d.errors.len(), 1);
        let d = parse("\\", 0);
        assert_eq!(d.errors.len(), 1);
    }

    #[test]
    fn words_honour_quotes() {
        let d = parse("FROM a:1\nENV A=\"x y\" B='$z' C=plain\n", 0);
        let words: Vec<String> = d.instructions[1]
            .words()
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(words, ["A=x y", "B=$z", "C=plain"]);
    }

    #[test]
    fn words_keep_escapes_out_of_single_quotes_and_empty_quotes() {
        let words: Vec<String> = split_words(r#"a\ b 'c\d' "e\"f" "" g\"#, '\\')
            .into_iter()
            .map(|(text, _, _)| text)
            .collect();
        assert_eq!(words, ["a b", r"c\d", "e\"f", "", "g\\"]);
        let spans: Vec<(usize, usize)> = split_words("  RUN  x  ", '\\')
            .into_iter()
            .map(|(_, start, end)| (start, end))
            .collect();
        assert_eq!(spans, [(2, 5), (7, 8)]);
    }
}
