//! Text normalisation for display and search: LaTeX markup to readable Unicode, joined hard wraps,
//! collapsed whitespace; plus the folded keys that duplicate detection compares.
//!
//! The LaTeX handling is table-driven: [`COMMAND_SYMBOLS`] maps command names to text, [`WRAPPERS`] lists the
//! commands whose braced argument is kept as plain text, [`ACCENTS`] composes accented letters, and
//! [`SUPERSCRIPTS`]/[`SUBSCRIPTS`] turn `^2`, `_0` into `²`, `₀`. Anything it does not know loses its markup
//! but keeps its letters, so no text disappears.

/// Commands that stand for a symbol or a word.
pub const COMMAND_SYMBOLS: &[(&str, &str)] = &[
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("vartheta", "ϑ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "φ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("Delta", "Δ"),
    ("Theta", "Θ"),
    ("Lambda", "Λ"),
    ("Xi", "Ξ"),
    ("Pi", "Π"),
    ("Sigma", "Σ"),
    ("Phi", "Φ"),
    ("Psi", "Ψ"),
    ("Omega", "Ω"),
    ("approx", "≈"),
    ("sim", "∼"),
    ("simeq", "≃"),
    ("cong", "≅"),
    ("equiv", "≡"),
    ("propto", "∝"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("neq", "≠"),
    ("ne", "≠"),
    ("ll", "≪"),
    ("gg", "≫"),
    ("times", "×"),
    ("cdot", "·"),
    ("div", "÷"),
    ("pm", "±"),
    ("mp", "∓"),
    ("infty", "∞"),
    ("to", "→"),
    ("rightarrow", "→"),
    ("leftarrow", "←"),
    ("Rightarrow", "⇒"),
    ("mapsto", "↦"),
    ("in", "∈"),
    ("notin", "∉"),
    ("subset", "⊂"),
    ("subseteq", "⊆"),
    ("cup", "∪"),
    ("cap", "∩"),
    ("forall", "∀"),
    ("exists", "∃"),
    ("partial", "∂"),
    ("nabla", "∇"),
    ("sum", "∑"),
    ("prod", "∏"),
    ("int", "∫"),
    ("sqrt", "√"),
    ("ell", "ℓ"),
    ("star", "⋆"),
    ("ast", "*"),
    ("top", "⊤"),
    ("perp", "⊥"),
    ("dagger", "†"),
    ("circ", "∘"),
    ("otimes", "⊗"),
    ("oplus", "⊕"),
    ("langle", "⟨"),
    ("rangle", "⟩"),
    ("lVert", "‖"),
    ("rVert", "‖"),
    ("Vert", "‖"),
    ("mid", "|"),
    ("vert", "|"),
    ("ldots", "…"),
    ("dots", "…"),
    ("cdots", "⋯"),
    ("log", "log"),
    ("exp", "exp"),
    ("min", "min"),
    ("max", "max"),
    ("arg", "arg"),
    ("sup", "sup"),
    ("inf", "inf"),
    ("lim", "lim"),
    ("det", "det"),
    ("ln", "ln"),
    ("sin", "sin"),
    ("cos", "cos"),
    ("tilde", "~"),
    ("S", "§"),
    ("copyright", "©"),
    ("textendash", "–"),
    ("textemdash", "—"),
    ("LaTeX", "LaTeX"),
    ("TeX", "TeX"),
    ("quad", " "),
    ("qquad", " "),
    // Sizing and spacing commands vanish.
    ("left", ""),
    ("right", ""),
    ("big", ""),
    ("Big", ""),
    ("bigg", ""),
    ("Bigg", ""),
    ("bigl", ""),
    ("bigr", ""),
    ("Bigl", ""),
    ("Bigr", ""),
    ("displaystyle", ""),
    ("limits", ""),
    ("nolimits", ""),
    ("noindent", ""),
    ("newline", " "),
    ("par", " "),
    ("xspace", ""),
    ("footnote", ""),
    ("cite", ""),
    ("citep", ""),
    ("citet", ""),
    ("ref", ""),
    ("label", ""),
];

/// Commands whose braced argument is kept as plain text (`\emph{x}` -> `x`).
pub const WRAPPERS: &[&str] = &[
    "emph",
    "textit",
    "textbf",
    "texttt",
    "textsc",
    "textsf",
    "textrm",
    "textup",
    "textnormal",
    "text",
    "mathrm",
    "mathbf",
    "mathit",
    "mathsf",
    "mathtt",
    "mathcal",
    "mathscr",
    "mathfrak",
    "boldsymbol",
    "bm",
    "mathbb",
    "operatorname",
    "underline",
    "overline",
    "hat",
    "widehat",
    "bar",
    "vec",
    "dot",
    "mbox",
    "hbox",
    "url",
    "href",
    "textsuperscript",
    "textsubscript",
    "ensuremath",
    "bf",
    "it",
    "em",
    "rm",
    "tt",
    "sc",
];

/// `\'e` style accents: (accent, base letter, composed letter).
pub const ACCENTS: &[(char, char, char)] = &[
    ('\'', 'a', 'á'),
    ('\'', 'e', 'é'),
    ('\'', 'i', 'í'),
    ('\'', 'o', 'ó'),
    ('\'', 'u', 'ú'),
    ('\'', 'y', 'ý'),
    ('\'', 'c', 'ć'),
    ('\'', 'n', 'ń'),
    ('\'', 's', 'ś'),
    ('\'', 'z', 'ź'),
    ('\'', 'A', 'Á'),
    ('\'', 'E', 'É'),
    ('\'', 'I', 'Í'),
    ('\'', 'O', 'Ó'),
    ('\'', 'U', 'Ú'),
    ('`', 'a', 'à'),
    ('`', 'e', 'è'),
    ('`', 'i', 'ì'),
    ('`', 'o', 'ò'),
    ('`', 'u', 'ù'),
    ('`', 'A', 'À'),
    ('`', 'E', 'È'),
    ('"', 'a', 'ä'),
    ('"', 'e', 'ë'),
    ('"', 'i', 'ï'),
    ('"', 'o', 'ö'),
    ('"', 'u', 'ü'),
    ('"', 'y', 'ÿ'),
    ('"', 'A', 'Ä'),
    ('"', 'O', 'Ö'),
    ('"', 'U', 'Ü'),
    ('^', 'a', 'â'),
    ('^', 'e', 'ê'),
    ('^', 'i', 'î'),
    ('^', 'o', 'ô'),
    ('^', 'u', 'û'),
    ('~', 'a', 'ã'),
    ('~', 'n', 'ñ'),
    ('~', 'o', 'õ'),
    ('~', 'N', 'Ñ'),
    ('c', 'c', 'ç'),
    ('c', 'C', 'Ç'),
    ('c', 's', 'ş'),
    ('v', 'c', 'č'),
    ('v', 's', 'š'),
    ('v', 'z', 'ž'),
    ('v', 'r', 'ř'),
    ('v', 'e', 'ě'),
    ('v', 'C', 'Č'),
    ('v', 'S', 'Š'),
    ('v', 'Z', 'Ž'),
    ('H', 'o', 'ő'),
    ('H', 'u', 'ű'),
    ('u', 'g', 'ğ'),
    ('=', 'a', 'ā'),
    ('.', 'z', 'ż'),
];

/// Characters that `^` raises in math mode.
pub const SUPERSCRIPTS: &[(char, char)] = &[
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
    ('n', 'ⁿ'),
    ('i', 'ⁱ'),
    ('T', 'ᵀ'),
    ('k', 'ᵏ'),
    ('d', 'ᵈ'),
    ('t', 'ᵗ'),
    ('p', 'ᵖ'),
    ('*', '*'),
    ('′', '′'),
];

/// Characters that `_` lowers in math mode.
pub const SUBSCRIPTS: &[(char, char)] = &[
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
    ('a', 'ₐ'),
    ('e', 'ₑ'),
    ('h', 'ₕ'),
    ('i', 'ᵢ'),
    ('j', 'ⱼ'),
    ('k', 'ₖ'),
    ('l', 'ₗ'),
    ('m', 'ₘ'),
    ('n', 'ₙ'),
    ('o', 'ₒ'),
    ('p', 'ₚ'),
    ('r', 'ᵣ'),
    ('s', 'ₛ'),
    ('t', 'ₜ'),
    ('u', 'ᵤ'),
    ('v', 'ᵥ'),
    ('x', 'ₓ'),
    ('*', '*'),
];

/// Normalises listing text for display: LaTeX to Unicode, hard wraps joined, whitespace collapsed.
/// URLs are copied untouched (a `~` in a URL is not a LaTeX space).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        out.push_str(&latex_to_unicode(&rest[..start]));
        let len = rest[start..].find(char::is_whitespace).unwrap_or(rest.len() - start);
        out.push_str(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    out.push_str(&latex_to_unicode(rest));
    collapse_whitespace(&out)
}

/// Joins all runs of whitespace (newlines included) into single spaces and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn find_url(text: &str) -> Option<usize> {
    let http = text.find("http://");
    let https = text.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The URLs a text names, without the punctuation that ends the sentence around them.
pub fn urls(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '{' | '}'))
            .unwrap_or(tail.len());
        let mut url = &tail[..len];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            // A closing bracket belongs to the URL only if it opened inside it.
            let trimmed = match trimmed.chars().last() {
                Some(')') if trimmed.matches('(').count() < trimmed.matches(')').count() => {
                    &trimmed[..trimmed.len() - 1]
                }
                Some(']') if !trimmed.contains('[') => &trimmed[..trimmed.len() - 1],
                _ => trimmed,
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        let host = url.split("://").nth(1).unwrap_or("");
        if host.contains('.') && !found.iter().any(|f| f == url) {
            found.push(url.to_string());
        }
        rest = &tail[len..];
    }
    found
}

/// Converts LaTeX markup to Unicode text. Unbalanced `$` and braces are kept as they are.
pub fn latex_to_unicode(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    convert(&chars, false, &mut out);
    // `--` and `---` are dashes in LaTeX.
    out.replace("---", "—").replace("--", "–")
}

/// Index of the `$` closing the math span that opens at `open`, if there is one.
fn closing_dollar(chars: &[char], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '$' => return (i > open + 1).then_some(i),
            _ => i += 1,
        }
    }
    None
}

/// Index just past the group closing the `{` at `open`, if balanced.
fn closing_brace(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn convert(chars: &[char], math: bool, out: &mut String) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '$' if !math => {
                let double = chars.get(i + 1) == Some(&'$');
                let open = if double { i + 1 } else { i };
                match closing_dollar(chars, open) {
                    Some(close) => {
                        convert(&chars[open + 1..close], true, out);
                        let after = if double && chars.get(close + 1) == Some(&'$') { close + 2 } else { close + 1 };
                        i = after;
                    }
                    None => {
                        out.push('$');
                        i += 1;
                    }
                }
            }
            '\\' => i = command(chars, i, math, out),
            '{' => match closing_brace(chars, i) {
                Some(close) => {
                    convert(&chars[i + 1..close], math, out);
                    i = close + 1;
                }
                None => {
                    out.push('{');
                    i += 1;
                }
            },
            '~' if !math => {
                out.push(' ');
                i += 1;
            }
            '^' | '_' if math => {
                let table = if c == '^' { SUPERSCRIPTS } else { SUBSCRIPTS };
                let (arg, next) = argument(chars, i + 1);
                let mapped: Option<String> =
                    arg.iter().map(|a| table.iter().find(|(from, _)| from == a).map(|(_, to)| *to)).collect();
                match mapped {
                    Some(m) if !arg.is_empty() => out.push_str(&m),
                    // Nothing to raise or lower in Unicode: keep the argument readable as x^(ab).
                    _ => {
                        let mut inner = String::new();
                        convert(&arg, true, &mut inner);
                        out.push(c);
                        if inner.chars().count() > 1 {
                            out.push('(');
                            out.push_str(&inner);
                            out.push(')');
                        } else {
                            out.push_str(&inner);
                        }
                    }
                }
                i = next;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// The argument at `i`: a braced group's contents, or one character. Returns it and the index after it.
fn argument(chars: &[char], mut i: usize) -> (Vec<char>, usize) {
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    match chars.get(i) {
        Some('{') => match closing_brace(chars, i) {
            Some(close) => (chars[i + 1..close].to_vec(), close + 1),
            None => (Vec::new(), i + 1),
        },
        Some('\\') => {
            // A command as the argument (`^\prime`, `\hat\theta`): take the whole command.
            let end = i + 1 + chars[i + 1..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            (chars[i..end.max(i + 2).min(chars.len())].to_vec(), end.max(i + 2).min(chars.len()))
        }
        Some(&c) => (vec![c], i + 1),
        None => (Vec::new(), i),
    }
}

/// Converts the command starting with the backslash at `i`, returning the index after it.
fn command(chars: &[char], i: usize, math: bool, out: &mut String) -> usize {
    let Some(&next) = chars.get(i + 1) else {
        out.push('\\');
        return i + 1;
    };
    if !next.is_ascii_alphabetic() {
        // Control symbols: escaped specials, accents, spacing.
        if let Some(composed) = accent(chars, i + 1) {
            out.push(composed.0);
            return composed.1;
        }
        match next {
            '%' | '&' | '_' | '#' | '$' | '{' | '}' => out.push(next),
            ' ' | ',' | ';' | ':' | '!' | '\\' | '\n' => out.push(' '),
            '|' => out.push('‖'),
            _ => out.push(next),
        }
        return i + 2;
    }
    let name_len = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let name: String = chars[i + 1..i + 1 + name_len].iter().collect();
    let after = i + 1 + name_len;
    if let Some(composed) = (name.len() == 1).then(|| accent(chars, i + 1)).flatten() {
        out.push(composed.0);
        return composed.1;
    }
    if let Some((_, symbol)) = COMMAND_SYMBOLS.iter().find(|(n, _)| *n == name) {
        out.push_str(symbol);
        // A word-like symbol needs a space before the next letter (`\log n`), which LaTeX swallowed.
        if symbol.chars().all(|c| c.is_ascii_alphabetic()) && !symbol.is_empty() {
            if let Some(c) = chars.get(after) {
                if c.is_alphanumeric() {
                    out.push(' ');
                }
            }
        }
        return after;
    }
    if WRAPPERS.contains(&name.as_str()) {
        let (arg, next) = argument(chars, after);
        if name == "href" {
            // \href{url}{text}: keep the text.
            let (text, next2) = argument(chars, next);
            convert(&text, math, out);
            return next2;
        }
        let mathbb = name == "mathbb";
        let mut inner = String::new();
        convert(&arg, math, &mut inner);
        if mathbb {
            inner = inner
                .chars()
                .map(|c| match c {
                    'R' => 'ℝ',
                    'N' => 'ℕ',
                    'Z' => 'ℤ',
                    'Q' => 'ℚ',
                    'C' => 'ℂ',
                    'E' => '𝔼',
                    'P' => 'ℙ',
                    other => other,
                })
                .collect();
        }
        out.push_str(&inner);
        return next;
    }
    // An unknown command keeps its name as text, so nothing is lost (`\foo` -> `foo`).
    out.push_str(&name);
    after
}

/// Composes `\'e`, `\'{e}`, `\c{c}`: `at` points at the accent character. Returns the letter and the index
/// after the construct.
fn accent(chars: &[char], at: usize) -> Option<(char, usize)> {
    let mark = *chars.get(at)?;
    let (letter, after) = match chars.get(at + 1)? {
        '{' => {
            let letter = *chars.get(at + 2)?;
            (chars.get(at + 3) == Some(&'}')).then_some((letter, at + 4))?
        }
        ' ' if mark.is_ascii_alphabetic() => (*chars.get(at + 2)?, at + 3),
        &c if !mark.is_ascii_alphabetic() => (c, at + 2),
        _ => return None,
    };
    if letter == 'i' || letter == 'ı' {
        // \'{\i} is written \'i in abstracts more often than not.
        return ACCENTS.iter().find(|(m, b, _)| *m == mark && *b == 'i').map(|a| (a.2, after));
    }
    ACCENTS.iter().find(|(m, b, _)| *m == mark && *b == letter).map(|a| (a.2, after))
}

/// A folded key for comparing titles: lower case, letters and digits only, single spaces.
/// `Cram\'er`, `Cramér` and `CRAMER` fold alike.
pub fn fold_key(text: &str) -> String {
    fold_plain(&normalize(text))
}

/// [`fold_key`] for text that is already normalised (a paper's fields): it skips the LaTeX pass, which is
/// most of the cost on an abstract.
pub fn fold_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = fold_char(c);
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Folds common accented Latin letters to their base letter.
pub fn fold_char(c: char) -> char {
    const FOLD: &[(&str, char)] = &[
        ("áàâäãåāą", 'a'),
        ("ÁÀÂÄÃÅĀĄ", 'A'),
        ("çćč", 'c'),
        ("ÇĆČ", 'C'),
        ("éèêëēěę", 'e'),
        ("ÉÈÊËĒĚĘ", 'E'),
        ("íìîïīı", 'i'),
        ("ÍÌÎÏĪİ", 'I'),
        ("ñńň", 'n'),
        ("ÑŃŇ", 'N'),
        ("óòôöõőøō", 'o'),
        ("ÓÒÔÖÕŐØŌ", 'O'),
        ("úùûüűūů", 'u'),
        ("ÚÙÛÜŰŪŮ", 'U'),
        ("ýÿ", 'y'),
        ("Ý", 'Y'),
        ("šśş", 's'),
        ("ŠŚŞ", 'S'),
        ("žźż", 'z'),
        ("ŽŹŻ", 'Z'),
        ("ř", 'r'),
        ("Ř", 'R'),
        ("ğ", 'g'),
        ("ł", 'l'),
        ("Ł", 'L'),
        ("ď", 'd'),
        ("ť", 't'),
    ];
    if c.is_ascii() {
        return c;
    }
    FOLD.iter().find(|(set, _)| set.contains(c)).map(|(_, base)| *base).unwrap_or(c)
}

/// True when a displayed abstract was cut short by the page (`...` or `…` at its end).
pub fn looks_truncated(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// The abstract without the ellipsis that marks it as cut short.
pub fn strip_ellipsis(text: &str) -> &str {
    text.trim_end().trim_end_matches('…').trim_end_matches("...").trim_end()
}

/// A short heading made from the first sentence of an abstract, for papers no listing gave a title.
pub fn derived_heading(abstract_text: &str, max_chars: usize) -> String {
    let sentence_end = abstract_text
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && abstract_text[i + c.len_utf8()..].starts_with(' ') && i > 12)
        .map(|(i, _)| i)
        .unwrap_or(abstract_text.len());
    let sentence = &abstract_text[..sentence_end];
    if sentence.chars().count() <= max_chars {
        return sentence.to_string();
    }
    let mut heading = String::new();
    for word in sentence.split_whitespace() {
        if heading.chars().count() + word.chars().count() + 1 > max_chars {
            break;
        }
        if !heading.is_empty() {
            heading.push(' ');
        }
        heading.push_str(word);
    }
    heading.push('…');
    heading
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "normalising {input:?}");
    }

    #[test]
    fn latex_markup_becomes_unicode() {
        check(r"a \emph{bilevel} problem", "a bilevel problem");
        check(r"\textit{in italics} and \textbf{bold}", "in italics and bold");
        check(r"termed \texttt{F$^2$BMLD}.", "termed F²BMLD.");
        check(r"$y \approx g_*(x)$", "y ≈ g*(x)");
        check(r"the $\beta$-VAE", "the β-VAE");
        check(r"$\boldsymbolβ$", "β");
        check(r"Cram\'er-Rao", "Cramér-Rao");
        check(r#"Cram\'{e}r and Erd\H{o}s and G\"odel"#, "Cramér and Erdős and Gödel");
        check(r"a.k.a.~the method", "a.k.a. the method");
        check(r"improves by 5\% over", "improves by 5% over");
        check(r"$O(n^{-1/2})$ rate", "O(n^(-1/2)) rate");
        check(r"$x_{t+1}$ and $\mathbb{R}^d$", "xₜ₊₁ and ℝᵈ");
        check(r"$\ell_2$-norm", "ℓ₂-norm");
        check(r"$O(\log n)$", "O(log n)");
        check(r"learning \ -- performing tasks", "learning – performing tasks");
        check(r"$x^{abc}$", "x^(abc)");
        check(r"\unknowncmd{kept}", "unknowncmdkept");
        check(r"$$E = mc^2$$", "E = mc²");
    }

    #[test]
    fn unbalanced_markup_is_kept() {
        check("costs $5 per run", "costs $5 per run");
        check("a { brace", "a { brace");
        check("trailing \\", "trailing \\");
        check(r"\emph{unclosed", "unclosed");
    }

    #[test]
    fn whitespace_and_wraps_collapse() {
        check(
            "Stochastic Zeroth-Order Optimization and\n  Lipschitz Hessian",
            "Stochastic Zeroth-Order Optimization and Lipschitz Hessian",
        );
        check("  a\r\n\tb   c  ", "a b c");
        check("", "");
    }

    #[test]
    fn urls_are_not_touched_by_latex_rules() {
        check("see https://host/~user/a--b.", "see https://host/~user/a--b.");
    }

    #[test]
    fn urls_are_extracted_without_sentence_punctuation() {
        assert_eq!(
            urls("Code: https://github.com/a/b. Also (https://x.io/y), and https://github.com/c/d)"),
            vec!["https://github.com/a/b", "https://x.io/y", "https://github.com/c/d"]
        );
        assert_eq!(urls("https://en.wikipedia.org/wiki/A_(b)."), vec!["https://en.wikipedia.org/wiki/A_(b)"]);
        assert!(urls("http:// nothing").is_empty());
    }

    #[test]
    fn fold_keys_match_across_spellings() {
        assert_eq!(fold_key(r"Cram\'er--Rao Bounds!"), fold_key("CRAMÉR–RAO  bounds"));
        assert_eq!(fold_key("In-Context Learning"), "in context learning");
    }

    #[test]
    fn truncation_and_headings() {
        assert!(looks_truncated("cut short..."));
        assert!(looks_truncated("cut short…"));
        assert!(!looks_truncated("https://github.com/x/y"));
        assert_eq!(strip_ellipsis("cut short..."), "cut short");
        assert_eq!(derived_heading("We study the problem. Then more.", 80), "We study the problem");
        assert_eq!(derived_heading("one two three four five", 10), "one two…");
        assert_eq!(derived_heading("e.g. short", 80), "e.g. short");
    }
}
