//! What counts as a secret: names that mean one, values that are references
//! or placeholders rather than secrets, and the shapes of well-known tokens.

use std::sync::OnceLock;

use regex::Regex;

/// Words that make a name secret when they end it (`DB_PASSWORD`, `apiToken`).
const SECRET_LAST_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "pass",
    "secret",
    "token",
    "credentials",
    "credential",
    "passphrase",
    "apikey",
    "privatekey",
    "secretkey",
    "accesskey",
];

/// Second-to-last words that turn a trailing `key` into a secret (`api_key`, `PRIVATE_KEY`).
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "private",
    "access",
    "secret",
    "signing",
    "encryption",
    "master",
    "ssh",
    "client",
];

/// First words that make a name about a secret object, not a secret value (`existingSecret`).
const HARMLESS_FIRST_WORDS: &[&str] = &[
    "existing", "use", "require", "enable", "disable", "no", "create", "auto",
];

/// Splits `DB_PASSWORD`, `dbPassword` and `APIKey` into lower-case words.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || (chars[i - 1].is_uppercase()
                    && chars.get(i + 1).is_some_and(|n| n.is_lowercase())));
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// First words that make a name secret whatever follows (`SECRET_KEY_BASE`),
/// unless its last word says it is about the secret (`TOKEN_TTL`).
const SECRET_FIRST_WORDS: &[&str] = &["secret", "password", "passwd", "token", "apikey"];

/// Last words of names about a secret rather than holding one.
const META_LAST_WORDS: &[&str] = &[
    "name",
    "ref",
    "file",
    "path",
    "dir",
    "url",
    "uri",
    "endpoint",
    "ttl",
    "policy",
    "length",
    "min",
    "max",
    "type",
    "expiry",
    "expires",
    "expiration",
    "lifetime",
    "rotation",
    "enabled",
    "required",
    "header",
    "prefix",
    "source",
    "mount",
    "volume",
    "store",
    "provider",
    "backend",
    "format",
    "encoding",
    "version",
    "arn",
    "env",
    "mode",
    "count",
    "size",
];

/// Values that say how authentication works, not what it uses (`sslClientAuth: required`).
const AUTH_MODES: &[&str] = &[
    "required",
    "optional",
    "want",
    "need",
    "none",
    "enabled",
    "disabled",
    "on",
    "off",
    "true",
    "false",
    "basic",
    "bearer",
    "digest",
    "oauth",
    "oauth2",
    "oidc",
    "jwt",
    "ldap",
    "kerberos",
    "saml",
    "mtls",
    "tls",
    "ssl",
    "anonymous",
    "iam",
    "token",
];

/// True when `name` holds `value` as a literal secret: a secret name, a
/// value that is neither a reference nor a placeholder, and not the kind of
/// value such names hold when they point at a secret (`tlsSecret: web-tls`,
/// `secretKey: thanos.yaml`, `sslClientAuth: required`).
pub fn holds_secret(name: &str, value: &str) -> bool {
    if !is_secret_name(name) || is_reference_or_placeholder(value) {
        return false;
    }
    let words = words(name);
    let last = words.last().map(String::as_str).unwrap_or_default();
    let refers = last == "secret" || last == "key" && words.iter().any(|w| w == "secret");
    if refers && (looks_like_object_name(value) || looks_like_file_name(value)) {
        return false;
    }
    !(last == "auth" && AUTH_MODES.contains(&value.trim().to_ascii_lowercase().as_str()))
}

/// A Kubernetes object or key name made of words: `web-tls`, `db-credentials`.
fn looks_like_object_name(value: &str) -> bool {
    let parts: Vec<&str> = value.split(['-', '.']).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
}

/// `thanos.yaml`, `tls.crt`: a file a Secret's key names.
pub fn looks_like_file_name(value: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "yaml",
        "yml",
        "json",
        "pem",
        "crt",
        "cert",
        "key",
        "txt",
        "conf",
        "cfg",
        "env",
        "toml",
        "properties",
        "p12",
        "pfx",
        "jks",
        "ini",
    ];
    value.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty()
            && !stem.contains(char::is_whitespace)
            && EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
    })
}

/// True when a key, variable or attribute named `name` holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    // Every secret name ends in a word containing one of these: most names
    // (`replicas`, `LOG_LEVEL`) are ruled out without splitting them.
    static STEMS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let stems = STEMS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "pass",
                "pwd",
                "secret",
                "token",
                "credential",
                "key",
                "auth",
            ])
            .expect("the stems compile")
    });
    if !stems.is_match(name) {
        return false;
    }
    let words = words(name);
    let Some(last) = words.last() else {
        return false;
    };
    if HARMLESS_FIRST_WORDS.contains(&words[0].as_str()) && words.len() > 1 {
        return false;
    }
    if SECRET_FIRST_WORDS.contains(&words[0].as_str())
        && words.len() > 1
        && !META_LAST_WORDS.contains(&last.as_str())
    {
        return true;
    }
    if SECRET_LAST_WORDS.contains(&last.as_str()) {
        return true;
    }
    if last == "key" && words.len() >= 2 {
        return KEY_QUALIFIERS.contains(&words[words.len() - 2].as_str());
    }
    // `basic_auth`, `proxy_auth`: a bare `auth` is too often a switch or a mode.
    if last == "auth" && words.len() >= 2 {
        return true;
    }
    false
}

/// True when a value is not a secret itself: empty, a reference to one, a
/// template, a path, or an obvious placeholder.
pub fn is_reference_or_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    let reference = v.contains("${")
        || v.contains("$(")
        || v.contains("{{")
        || (v.starts_with('$')
            && v[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'))
        || [
            "vault:",
            "ref+",
            "arn:aws:secretsmanager:",
            "arn:aws:ssm:",
            "sm://",
            "awssm:",
            "gcp:secretmanager:",
            "akv://",
            "op://",
        ]
        .iter()
        .any(|p| lower.starts_with(p));
    let path = v.starts_with('/')
        || v.starts_with("./")
        || v.starts_with("~/")
        || lower.starts_with("file://");
    let bracketed =
        (v.starts_with('<') && v.ends_with('>')) || (v.starts_with('[') && v.ends_with(']'));
    let masked = v
        .chars()
        .all(|c| matches!(c, 'x' | 'X' | '*' | '.' | '-' | '_' | '#' | '•'));
    let placeholder = [
        "changeme",
        "change-me",
        "change_me",
        "changeit",
        "replace_me",
        "replaceme",
        "replace-me",
        "todo",
        "tbd",
        "placeholder",
        "redacted",
        "dummy",
        "example",
        "none",
        "null",
        "nil",
        "undefined",
        "test",
        "testing",
        "password",
        "secret",
        "token",
    ]
    .contains(&lower.as_str())
        // Documentation elides values: `cG9zdGdyZXM...`.
        || v.ends_with("...")
        || v.ends_with('…')
        || lower.starts_with("your-")
        || lower.starts_with("your_")
        || lower.starts_with("insert_")
        || lower.starts_with("insert-")
        || lower.ends_with("_val")
        || lower.ends_with("_here")
        || lower.starts_with("replace_with")
        || lower.starts_with("replace-with")
        || lower.contains("changeme")
        || lower.contains("change_me")
        || lower.contains("replace_me");
    reference || path || bracketed || masked || placeholder
}

/// A well-known credential shape found in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenMatch {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
}

const TOKEN_PATTERNS: &[(&str, &str)] = &[
    ("an AWS access key id", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    (
        "a GitHub token",
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})\b",
    ),
    ("a Slack token", r"\bxox[abpr]-[A-Za-z0-9-]{10,}"),
    ("a Stripe live secret key", r"\b[sr]k_live_[0-9A-Za-z]{16,}"),
    // The whole block, so that its length is the key's; one without a body
    // is a placeholder (see `find_tokens`).
    (
        "a private key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----)?",
    ),
    // `postgres://app:S3cret@db:5432/app`: the password alone is reported.
    (
        "a password in a URL",
        r"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s/:@'\x22]+:([^\s/@'\x22]+)@[^\s/'\x22]",
    ),
    ("a Google API key", r"\bAIza[0-9A-Za-z_\-]{35}"),
];

fn token_regexes() -> &'static [(&'static str, Regex)] {
    static REGEXES: OnceLock<Vec<(&'static str, Regex)>> = OnceLock::new();
    REGEXES.get_or_init(|| {
        TOKEN_PATTERNS
            .iter()
            .map(|(kind, pattern)| (*kind, Regex::new(pattern).expect("token patterns compile")))
            .collect()
    })
}

/// Every token shape starts with one of these.
const TOKEN_MARKERS: [&str; 16] = [
    "AKIA",
    "ASIA",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "xoxa-",
    "xoxb-",
    "xoxp-",
    "xoxr-",
    "k_live_",
    "PRIVATE KEY",
    "AIza",
    "://",
];

/// False when `text` holds none of the fixed prefixes every token shape
/// starts with: the regexes need not run (one pass, whatever the length).
pub fn may_contain_token(text: &str) -> bool {
    // The SIMD searcher when the processor has one: the general automaton
    // is many times slower, and this search runs on every string value
    // (bench/measured.md).
    enum Markers {
        Packed(aho_corasick::packed::Searcher),
        Automaton(aho_corasick::AhoCorasick),
    }
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    let markers =
        MARKERS.get_or_init(
            || match aho_corasick::packed::Searcher::new(TOKEN_MARKERS) {
                Some(searcher) => Markers::Packed(searcher),
                None => Markers::Automaton(
                    aho_corasick::AhoCorasick::new(TOKEN_MARKERS).expect("the markers compile"),
                ),
            },
        );
    match markers {
        Markers::Packed(searcher) => searcher.find(text).is_some(),
        Markers::Automaton(automaton) => automaton.is_match(text),
    }
}

/// Known credential shapes in `text`, whatever key holds it.
pub fn find_tokens(text: &str) -> Vec<TokenMatch> {
    if !may_contain_token(text) {
        return Vec::new();
    }
    let mut found: Vec<TokenMatch> = token_regexes()
        .iter()
        .flat_map(|(kind, regex)| {
            regex.captures_iter(text).filter_map(move |captures| {
                // A shape with a group reports the group: a URL's password.
                let m = captures.get(1).or_else(|| captures.get(0))?;
                let token = &text[m.start()..m.end()];
                let real = match *kind {
                    "a password in a URL" => !is_reference_or_placeholder(token),
                    "a private key" => has_key_body(token),
                    _ => true,
                };
                real.then_some(TokenMatch {
                    kind,
                    start: m.start(),
                    end: m.end(),
                })
            })
        })
        .collect();
    found.sort_by_key(|m| m.start);
    found
}

/// Whether a private key block holds a key: enough base64 between its
/// header and its end (documentation shows the header alone, or `...`).
fn has_key_body(block: &str) -> bool {
    let body = block.split_once("KEY-----").map_or("", |(_, body)| body);
    let body = body.split("-----END").next().unwrap_or(body);
    body.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .count()
        >= 64
}

/// At most the first four characters and the length: enough to find it, not to use it.
pub fn redact(secret: &str) -> String {
    let length = secret.chars().count();
    let shown: String = secret.chars().take((length / 4).min(4)).collect();
    format!("`{shown}…`, {length} characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_split_across_styles() {
        assert_eq!(words("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(words("dbPassword"), ["db", "password"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("client-secret"), ["client", "secret"]);
    }

    #[test]
    fn every_token_shape_has_a_marker() {
        for (kind, sample) in [
            ("an AWS access key id", "AKIAABCDEFGHIJKLMNOP"),
            ("a GitHub token", "ghs_abcdefghijklmnopqrstuvwxyz0123456789"),
            ("a GitHub token", "github_pat_abcdefghijklmnopqrstuvwxyz"),
            ("a Slack token", "xoxb-1234567890-abc"),
            ("a Stripe live secret key", "rk_live_abcdefghijklmnop"),
            ("a private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQABAoIBAQ\n-----END RSA PRIVATE KEY-----"),
            ("a password in a URL", "postgres://app:S3cret@db:5432/app"),
            (
                "a Google API key",
                "AIzaabcdefghijklmnopqrstuvwxyz012345678",
            ),
        ] {
            let found = find_tokens(sample);
            assert_eq!(found.len(), 1, "{sample}");
            assert_eq!(found[0].kind, kind);
        }
    }

    #[test]
    fn markers_are_found_anywhere_in_short_and_long_text() {
        let filler = "image: nginx:1.27\n  name: web-AKI_gh_xo\n".repeat(40);
        assert!(!may_contain_token(&filler));
        assert!(!may_contain_token(""));
        for marker in TOKEN_MARKERS {
            assert!(may_contain_token(marker), "{marker}");
            for at in [0, 1, 17, filler.len() / 2, filler.len()] {
                let mut text = filler.clone();
                text.insert_str(at, marker);
                assert!(may_contain_token(&text), "{marker} at {at}");
                assert!(may_contain_token(&text[at..]), "{marker} from {at}");
            }
        }
    }

    #[test]
    fn every_secret_word_passes_the_quick_check() {
        for word in SECRET_LAST_WORDS {
            assert!(is_secret_name(word), "{word}");
            assert!(is_secret_name(&word.to_uppercase()), "{word}");
        }
        for qualifier in KEY_QUALIFIERS {
            assert!(is_secret_name(&format!("{qualifier}Key")), "{qualifier}Key");
        }
        assert!(is_secret_name("basic_auth"));
    }

    #[test]
    fn secret_names() {
        for name in [
            "password",
            "DB_PASSWORD",
            "dbPasswd",
            "api_key",
            "apiKey",
            "APIKEY",
            "private_key",
            "AWS_SECRET_ACCESS_KEY",
            "access_key",
            "client_secret",
            "GITHUB_TOKEN",
            "credentials",
            "basic_auth",
            "SECRET",
            "master_password",
            "ssh_key",
        ] {
            assert!(is_secret_name(name), "{name} should be a secret name");
        }
    }

    #[test]
    fn harmless_names() {
        for name in [
            "password_policy",
            "token_ttl",
            "secretName",
            "existingSecret",
            "passwordFile",
            "AWS_ACCESS_KEY_ID",
            "auth",
            "auth_type",
            "secret_ref",
            "token_url",
            "username",
            "key",
            "public_key",
            "keyName",
            "tokenizer",
            "passwordSecretRef",
            "useSecret",
        ] {
            assert!(!is_secret_name(name), "{name} should not be a secret name");
        }
    }

    #[test]
    fn references_and_placeholders_are_not_secrets() {
        for value in [
            "",
            "${DB_PASSWORD}",
            "$(DB_PASSWORD)",
            "{{ .Values.password }}",
            "$PASSWORD",
            "<your password>",
            "changeme",
            "REPLACE_ME",
            "xxx",
            "***",
            "vault:secret/data/db#pw",
            "/run/secrets/db",
            "your-api-key-here",
            "cG9zdGdyZXNxbDovL3VzZXI6cGFzcz...",
            "test",
        ] {
            assert!(
                is_reference_or_placeholder(value),
                "{value:?} is not a secret"
            );
        }
        for value in ["hunter2", "s3cr3t-Pa55!", "AKIAIOSFODNN7EXAMPLF"] {
            assert!(!is_reference_or_placeholder(value), "{value:?} is a secret");
        }
    }

    #[test]
    fn token_shapes() {
        let text = "key AKIAIOSFODNN7EXAMPLE and ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 \
                    xoxb-1234567890-abcdef sk_live_4eC39HqLyjWDarjtT1zdp7dc \
                    -----BEGIN RSA PRIVATE KEY----- AIzaSyA-1234567890abcdefghijklmnopqrstu \
                    https://deploy:ghs_0123456789abcdefghij@example.com";
        let kinds: Vec<_> = find_tokens(text).into_iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                "an AWS access key id",
                "a GitHub token",
                "a Slack token",
                "a Stripe live secret key",
                "a Google API key",
                "a password in a URL"
            ]
        );
        assert!(find_tokens("AKIA is a prefix; ghp_short").is_empty());
    }

    #[test]
    fn placeholders_in_urls_and_bodiless_keys_are_not_secrets() {
        for text in [
            "postgres://app:${DB_PASSWORD}@db/app",
            "https://user:<token>@host/",
            "redis://:changeme@cache:6379",
            "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "https://example.com/path?q=a:b@c",
        ] {
            assert!(find_tokens(text).is_empty(), "{text}");
        }
        let url = "DATABASE_URL=postgres://app:S3cret@db:5432/app";
        let found = find_tokens(url);
        assert_eq!(&url[found[0].start..found[0].end], "S3cret");
    }

    #[test]
    fn names_that_point_at_a_secret_are_not_secrets() {
        for (name, value) in [
            ("tlsSecret", "web-tls"),
            ("existingSecretKey", "password"),
            ("secretKey", "thanos.yaml"),
            ("sslClientAuth", "required"),
            ("TOKEN_TTL", "3600"),
            ("SECRET_NAME", "db-credentials"),
            ("PASSWORD", "INSERT_PASSWORD_HERE"),
            ("apiKey", "API_KEY_VAL"),
        ] {
            assert!(!holds_secret(name, value), "{name}: {value}");
        }
        for (name, value) in [
            ("SECRET_KEY_BASE", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
            ("clientSecret", "s3cr3t-v4lue"),
            ("DB_PASSWORD", "hunter2"),
            ("tlsSecret", "S3cr3tValue!"),
        ] {
            assert!(holds_secret(name, value), "{name}: {value}");
        }
    }

    #[test]
    fn redaction_shows_little() {
        assert_eq!(redact("hunter2"), "`h…`, 7 characters");
        assert_eq!(redact("AKIAIOSFODNN7EXAMPLE"), "`AKIA…`, 20 characters");
    }
}
