//! The commands of a shell script, as rules about `RUN` need them: simple
//! commands split at `&&`, `||`, `;`, `|`, `&`, newlines and subshell or
//! group brackets; words unquoted, with their byte ranges in the script;
//! comments, redirections (and their targets) and `<<EOF` markers dropped;
//! `if`/`then`/`do`... keywords and leading `NAME=value` assignments set
//! apart. `echo "apt-get install x"` is one command, `echo`, whose argument
//! happens to mention apt-get.
//!
//! Command substitutions (`$(...)`, backquotes) stay inside their word, and
//! the commands they run are read too, marked `nested`: the `apt-get` of
//! `echo "$(apt-get install -y curl)"` runs.

/// A word of a command: its text with quotes and escapes removed, and where
/// it is written in the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One simple command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Command {
    /// `NAME=value` words before the program.
    pub assignments: Vec<Word>,
    /// The program and its arguments.
    pub words: Vec<Word>,
    /// Whether its output goes to, or its input comes from, a pipe.
    pub piped: bool,
    /// Whether it runs inside a command substitution (`$(...)`, backquotes).
    pub nested: bool,
}

/// Words that open or close shell constructs rather than name a program.
const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "time", "{", "}",
];

/// Programs that run the command that follows them.
const WRAPPERS: &[&str] = &[
    "sudo", "env", "exec", "command", "nice", "nohup", "xargs", "time",
];

impl Command {
    /// The program, the word after wrappers such as `sudo` and `env` (and
    /// their options): `apt-get` in `sudo -E env A=1 apt-get install x`.
    pub fn program(&self) -> Option<(usize, &Word)> {
        let mut index = 0;
        while let Some(word) = self.words.get(index) {
            if !WRAPPERS.contains(&word.text.as_str()) {
                return Some((index, word));
            }
            index += 1;
            // The wrapper's options and assignments (`sudo -u app`, `env A=1`).
            while let Some(next) = self.words.get(index) {
                let option_value = matches!(word.text.as_str(), "sudo")
                    && matches!(self.words[index - 1].text.as_str(), "-u" | "-g");
                if next.text.starts_with('-') || next.text.contains('=') || option_value {
                    index += 1;
                } else {
                    break;
                }
            }
        }
        None
    }

    /// The program's name without its path (`pip` of `/usr/bin/pip`).
    pub fn name(&self) -> Option<&str> {
        let (_, word) = self.program()?;
        Some(word.text.rsplit('/').next().unwrap_or(&word.text))
    }

    /// The words after the program.
    pub fn args(&self) -> &[Word] {
        match self.program() {
            Some((index, _)) => &self.words[index + 1..],
            None => &[],
        }
    }

    /// Whether an argument is `flag` or, for a short flag, a bundle that holds it (`-qy` has `-y`).
    pub fn has_flag(&self, long: &[&str], short: Option<char>) -> bool {
        self.args().iter().any(|w| {
            let t = w.text.as_str();
            long.iter()
                .any(|l| t == *l || t.starts_with(&format!("{l}=")))
                || short.is_some_and(|s| {
                    t.starts_with('-') && !t.starts_with("--") && t[1..].contains(s)
                })
        })
    }
}

/// The simple commands of `script`, in order.
pub fn commands(script: &str) -> Vec<Command> {
    Lexer::new(script, 0).run()
}

/// How deep substitutions inside substitutions are read.
const MAX_NESTING: usize = 8;

/// The byte ranges of the command substitutions in a word as written:
/// the inside of `$(...)` and of backquotes, but not of single quotes.
fn substitutions(raw: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = raw.as_bytes();
    let mut found = Vec::new();
    let (mut at, mut in_double) = (0, false);
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'\'' if !in_double => {
                at += raw[at + 1..].find('\'').map_or(bytes.len(), |n| n + 1);
            }
            b'"' => in_double = !in_double,
            b'$' if bytes.get(at + 1) == Some(&b'(') && bytes.get(at + 2) != Some(&b'(') => {
                let start = at + 2;
                let mut depth = 1;
                at = start;
                while at < bytes.len() && depth > 0 {
                    match bytes[at] {
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    at += 1;
                }
                found.push(start..if depth == 0 { at - 1 } else { at });
                continue;
            }
            b'`' => {
                let start = at + 1;
                let end = raw[start..].find('`').map_or(bytes.len(), |n| start + n);
                found.push(start..end);
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
    found
}

/// Whether the script sets `pipefail` before `before` (a byte offset):
/// `set -o pipefail`, `set -euo pipefail`.
pub fn sets_pipefail(commands: &[Command], before: usize) -> bool {
    commands
        .iter()
        .take_while(|c| c.words.first().is_none_or(|w| w.start < before))
        .any(|c| {
            c.name() == Some("set")
                && c.args().windows(2).any(|w| {
                    w[0].text.ends_with('o')
                        && w[0].text.starts_with('-')
                        && w[1].text == "pipefail"
                })
        })
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    commands: Vec<Command>,
    current: Command,
    /// The next word is a redirection's target, to drop.
    redirect: bool,
    /// The current command's input comes from a pipe.
    after_pipe: bool,
    /// The commands of the substitutions read so far, and how deep this
    /// lexer itself is nested.
    nested: Vec<Command>,
    depth: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, depth: usize) -> Self {
        Lexer {
            text,
            bytes: text.as_bytes(),
            at: 0,
            commands: Vec::new(),
            current: Command::default(),
            redirect: false,
            after_pipe: false,
            nested: Vec::new(),
            depth,
        }
    }

    /// Reads the commands of the substitutions in `start..end` of the script.
    fn read_substitutions(&mut self, start: usize, end: usize) {
        if self.depth >= MAX_NESTING {
            return;
        }
        for range in substitutions(&self.text[start..end]) {
            let (from, to) = (start + range.start, start + range.end);
            for mut command in Lexer::new(&self.text[from..to], self.depth + 1).run() {
                for word in command.words.iter_mut().chain(&mut command.assignments) {
                    word.start += from;
                    word.end += from;
                }
                command.nested = true;
                self.nested.push(command);
            }
        }
    }

    fn run(mut self) -> Vec<Command> {
        while self.at < self.bytes.len() {
            let c = self.bytes[self.at];
            match c {
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'\\' if self.bytes.get(self.at + 1) == Some(&b'\n') => self.at += 2,
                b'#' => self.skip_comment(),
                b'\n' | b';' | b'(' | b')' => {
                    self.at += 1;
                    self.end_command(false);
                }
                b'&' if self.bytes.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    self.redirect_operator();
                }
                b'&' => {
                    self.at += if self.bytes.get(self.at + 1) == Some(&b'&') {
                        2
                    } else {
                        1
                    };
                    self.end_command(false);
                }
                b'|' if self.bytes.get(self.at + 1) == Some(&b'|') => {
                    self.at += 2;
                    self.end_command(false);
                }
                b'|' => {
                    self.at += 1;
                    self.end_command(true);
                }
                b'<' | b'>' => self.redirect_operator(),
                _ => self.word(),
            }
        }
        self.end_command(false);
        let mut all = self.commands;
        if !self.nested.is_empty() {
            all.append(&mut self.nested);
            all.sort_by_key(|c| c.words.first().or(c.assignments.first()).map(|w| w.start));
        }
        all
    }

    fn skip_comment(&mut self) {
        while self.at < self.bytes.len() && self.bytes[self.at] != b'\n' {
            self.at += 1;
        }
    }

    /// `>`, `>>`, `<`, `2>&1`, `<<EOF`, `<<<`: the target word is dropped.
    fn redirect_operator(&mut self) {
        while self.at < self.bytes.len() && matches!(self.bytes[self.at], b'<' | b'>' | b'&' | b'-')
        {
            self.at += 1;
        }
        // `2>&1`: the target is a descriptor, glued to the operator.
        while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_digit() {
            self.at += 1;
        }
        self.redirect = true;
    }

    fn end_command(&mut self, pipe: bool) {
        let mut command = std::mem::take(&mut self.current);
        self.redirect = false;
        // Keywords that open a construct come before the command they hold.
        while command
            .words
            .first()
            .is_some_and(|w| KEYWORDS.contains(&w.text.as_str()))
        {
            command.words.remove(0);
        }
        command.piped = pipe || self.after_pipe;
        self.after_pipe = pipe;
        if !command.words.is_empty() || !command.assignments.is_empty() {
            self.commands.push(command);
        }
    }

    /// Reads one word: quotes, escapes and `$(...)` kept together.
    fn word(&mut self) {
        let start = self.at;
        let mut text = String::new();
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            let c = self.bytes[self.at];
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
                    if depth == 0 =>
                {
                    break
                }
                b'\'' => {
                    let end = self.text[self.at + 1..]
                        .find('\'')
                        .map_or(self.bytes.len(), |n| self.at + 1 + n);
                    text.push_str(&self.text[self.at + 1..end]);
                    self.at = (end + 1).min(self.bytes.len());
                }
                b'"' => self.double_quoted(&mut text),
                b'`' => {
                    let end = self.text[self.at + 1..]
                        .find('`')
                        .map_or(self.bytes.len(), |n| self.at + 2 + n);
                    text.push_str(&self.text[self.at..end.min(self.bytes.len())]);
                    self.at = end.min(self.bytes.len());
                }
                b'\\' => {
                    if let Some(next) = self.text[self.at + 1..].chars().next() {
                        if next != '\n' {
                            text.push(next);
                        }
                        self.at += 1 + next.len_utf8();
                    } else {
                        self.at += 1;
                    }
                }
                b'$' if self.bytes.get(self.at + 1) == Some(&b'(') => {
                    depth += 1;
                    text.push_str("$(");
                    self.at += 2;
                }
                b')' => {
                    depth -= 1;
                    text.push(')');
                    self.at += 1;
                }
                b'(' => {
                    depth += 1;
                    text.push('(');
                    self.at += 1;
                }
                _ => {
                    let ch = self.text[self.at..].chars().next().unwrap_or(' ');
                    text.push(ch);
                    self.at += ch.len_utf8();
                }
            }
        }
        if self.text[start..self.at].contains(['$', '`']) {
            self.read_substitutions(start, self.at);
        }
        let word = Word {
            text,
            start,
            end: self.at,
        };
        if std::mem::take(&mut self.redirect) {
            return;
        }
        // The descriptor of `2>&1`, `2>/dev/null`.
        let descriptor = !word.text.is_empty()
            && word.text.bytes().all(|b| b.is_ascii_digit())
            && matches!(self.bytes.get(self.at), Some(b'<' | b'>'));
        if descriptor {
            return;
        }
        let is_assignment = self.current.words.is_empty()
            && word.text.split_once('=').is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        match is_assignment {
            true => self.current.assignments.push(word),
            false => self.current.words.push(word),
        }
    }

    fn double_quoted(&mut self, text: &mut String) {
        self.at += 1;
        while self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return;
                }
                b'\\' => match self.text[self.at + 1..].chars().next() {
                    Some(next @ ('"' | '\\' | '$' | '`')) => {
                        text.push(next);
                        self.at += 2;
                    }
                    Some('\n') => self.at += 2,
                    _ => {
                        text.push('\\');
                        self.at += 1;
                    }
                },
                _ => {
                    let ch = self.text[self.at..].chars().next().unwrap_or(' ');
                    text.push(ch);
                    self.at += ch.len_utf8();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programs(script: &str) -> Vec<String> {
        commands(script)
            .iter()
            .filter_map(|c| c.name().map(str::to_string))
            .collect()
    }

    #[test]
    fn commands_are_split_at_operators_and_keywords_set_apart() {
        assert_eq!(
            programs("apt-get update && apt-get install -y curl || true; cd /x | tee y & wait"),
            ["apt-get", "apt-get", "true", "cd", "tee", "wait"]
        );
        assert_eq!(programs("if [ -f x ]; then rm x; fi"), ["[", "rm"]);
        assert_eq!(programs("for f in *; do echo $f; done"), ["for", "echo"]);
        assert_eq!(
            programs("(cd /src && make) && { make install; }"),
            ["cd", "make", "make"]
        );
    }

    #[test]
    fn quotes_comments_redirections_and_wrappers() {
        let all = commands("echo \"apt-get install x\" > /log 2>&1 # apt-get install y\nDEBIAN_FRONTEND=noninteractive sudo -E apt-get install 'a b'");
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0]
                .words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>(),
            ["echo", "apt-get install x"]
        );
        assert_eq!(all[1].assignments[0].text, "DEBIAN_FRONTEND=noninteractive");
        assert_eq!(all[1].name(), Some("apt-get"));
        assert_eq!(
            all[1]
                .args()
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>(),
            ["install", "a b"]
        );
    }

    #[test]
    fn words_know_where_they_are_and_pipes_are_marked() {
        let script = "curl -fsSL https://x | sh && echo \"$(date | cut -c1)\" done";
        let all = commands(script);
        assert!(all[0].piped && all[1].piped && !all[2].piped);
        let url = &all[0].words[2];
        assert_eq!(&script[url.start..url.end], "https://x");
        assert_eq!(all[2].words[1].text, "$(date | cut -c1)");
        assert!(!sets_pipefail(&all, script.len()));
        let strict = commands("set -euo pipefail\ncurl x | sh");
        assert!(sets_pipefail(&strict, 30));
    }

    #[test]
    fn heredoc_markers_and_flags() {
        let all = commands("cat <<EOF > /etc/x\npip install --no-cache-dir -qU a==1");
        assert_eq!(all[0].words.len(), 1);
        assert!(all[1].has_flag(&["--no-cache-dir"], None));
        assert!(all[1].has_flag(&["--upgrade"], Some('U')));
        assert!(!all[1].has_flag(&["--yes"], Some('y')));
    }

    #[test]
    fn substitutions_run_their_commands_but_single_quotes_do_not() {
        let script = "echo \"$(apt-get install -y curl)\" `wget -q x` && V=$(curl -s y | jq -r .v) && echo '$(rm -rf /)'";
        let all = commands(script);
        let names: Vec<(&str, bool)> = all
            .iter()
            .filter_map(|c| Some((c.name()?, c.nested)))
            .collect();
        assert_eq!(
            names,
            [
                ("echo", false),
                ("apt-get", true),
                ("wget", true),
                ("curl", true),
                ("jq", true),
                ("echo", false)
            ]
        );
        let apt = &all[1].words[0];
        assert_eq!(&script[apt.start..apt.end], "apt-get");
        assert_eq!(all[0].words.len(), 3, "a backquoted word stays one word");
    }

    #[test]
    fn deeply_nested_substitutions_stop_being_read() {
        let script = format!("{}true{}", "$(echo ".repeat(200), ")".repeat(200));
        assert!(commands(&script).len() <= MAX_NESTING + 2);
    }
}
