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
    // Letters that are commands (names in BibTeX: `{\L}ukasz`, `Erd{\H{o}}s`, `Schr{\"o}dinger`, `Gau{\ss}`).
    ("L", "Ł"),
    ("l", "ł"),
    ("o", "ø"),
    ("O", "Ø"),
    ("ss", "ß"),
    ("aa", "å"),
    ("AA", "Å"),
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
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

/// The items of a list written as one string (`A, B and C`; `cs.LG cs.AI`), split at each of `separators`
/// in turn, each normalised; empty items are dropped.
pub fn split_list(text: &str, separators: &[&str]) -> Vec<String> {
    let mut parts = vec![text.replace('\n', " ")];
    for sep in separators {
        parts = parts.iter().flat_map(|p| p.split(sep).map(str::to_string).collect::<Vec<_>>()).collect();
    }
    parts.iter().map(|p| normalize(p)).filter(|p| !p.is_empty()).collect()
}

/// Normalises listing text for display: LaTeX to Unicode, hard wraps joined, whitespace collapsed.
/// URLs are copied untouched (a `~` in a URL is not a LaTeX space). Linear in the text's length, whatever
/// it holds (nested groups, unclosed braces, long runs of URLs).
pub fn normalize(text: &str) -> String {
    let text = pdf_glyphs(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(start) = find_url(rest) {
        out.push_str(&latex_to_unicode(&rest[..start]));
        let len = rest[start..].find(char::is_whitespace).unwrap_or(rest.len() - start);
        out.push_str(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    out.push_str(&latex_to_unicode(rest));
    collapse_whitespace(&out)
}

/// Text extracted from PDFs (old NeurIPS abstracts) writes some glyphs as `(cid:N)`: 173, the soft hyphen
/// that split a word at a line's end (`recog(cid:173) nition`), joins the word again; another printable
/// ASCII code is that character; any other is dropped. One pass; text without `(cid:` is borrowed as is.
fn pdf_glyphs(text: &str) -> std::borrow::Cow<'_, str> {
    const MARK: &str = "(cid:";
    if !text.contains(MARK) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let code = after[..digits].parse::<u32>().ok().filter(|_| digits <= 6 && after[digits..].starts_with(')'));
        match code {
            Some(code) => {
                rest = &after[digits + 1..];
                if code == 173 {
                    rest = rest.trim_start();
                } else if let Some(c) = char::from_u32(code).filter(|c| (' '..='~').contains(c)) {
                    out.push(c);
                }
            }
            None => {
                out.push_str(MARK);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
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

/// Where the first `http://` or `https://` starts: one scan, however many of either the text holds.
fn find_url(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find("http") {
        let start = from + at;
        let tail = &text[start + 4..];
        if tail.starts_with("://") || tail.starts_with("s://") {
            return Some(start);
        }
        from = start + 4;
    }
    None
}

/// The URLs a text names, without the punctuation that ends the sentence around them, each once.
pub fn urls(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '{' | '}'))
            .unwrap_or(tail.len());
        let url = trim_url(&tail[..len]);
        let host = url.split("://").nth(1).unwrap_or("");
        if host.contains('.') && seen.insert(url) {
            found.push(url.to_string());
        }
        rest = &tail[len..];
    }
    found
}

/// A URL without the sentence punctuation after it. A closing bracket belongs to the URL only if it opened
/// inside it. Counts are taken once and kept as characters come off the end, so a URL followed by a
/// hundred thousand `)` costs one pass.
fn trim_url(url: &str) -> &str {
    let opens = url.matches('(').count();
    let mut closes = url.matches(')').count();
    let has_square = url.contains('[');
    let mut url = url;
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        let trimmed = match trimmed.chars().last() {
            Some(')') if opens < closes => {
                closes -= 1;
                &trimmed[..trimmed.len() - 1]
            }
            Some(']') if !has_square => &trimmed[..trimmed.len() - 1],
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

/// Converts LaTeX markup to Unicode text. Unbalanced `$` and braces are kept as they are.
///
/// One pass with an explicit stack of open groups, never recursion: the matching brace of every `{` and the
/// next `$` after every position are found first (each in one pass), so nesting a hundred thousand deep
/// costs what a flat text of the same length costs, and no group is copied.
pub fn latex_to_unicode(text: &str) -> String {
    if text.len() >= (u32::MAX / 4) as usize {
        // Positions in the text and in its output (at most four bytes a character) are kept in 32 bits; no
        // field comes near a gigabyte (see `limits`), so such text stays as it is.
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut converter =
        Converter { chars: &chars, marks: Marks::of(&chars), out: String::with_capacity(text.len()), mathbb: 0 };
    converter.run();
    // `--` and `---` are dashes in LaTeX.
    converter.out.replace("---", "—").replace("--", "–")
}

/// Where each group closes, found once for the whole text.
struct Marks {
    /// For a `{`, the index of its matching `}` ([`UNMATCHED`] if it has none); unused elsewhere.
    close: Vec<u32>,
    /// The index of the first unescaped `$` at or after each position ([`UNMATCHED`] if none); one more
    /// entry than there are characters.
    next_dollar: Vec<u32>,
}

const UNMATCHED: u32 = u32::MAX;

impl Marks {
    fn of(chars: &[char]) -> Marks {
        let n = chars.len();
        let mut close = vec![UNMATCHED; n];
        let mut escaped = vec![false; n];
        let mut open: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < n {
            match chars[i] {
                '\\' => {
                    if i + 1 < n {
                        escaped[i + 1] = true;
                    }
                    i += 2;
                    continue;
                }
                '{' => open.push(i),
                '}' => {
                    if let Some(o) = open.pop() {
                        close[o] = i as u32;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let mut next_dollar = vec![UNMATCHED; n + 1];
        for i in (0..n).rev() {
            next_dollar[i] = if chars[i] == '$' && !escaped[i] { i as u32 } else { next_dollar[i + 1] };
        }
        Marks { close, next_dollar }
    }
}

/// One open group: the region `start..end` being converted, where to go on after it, and what to do with
/// its output when it ends.
struct Frame {
    end: u32,
    resume: u32,
    exit: Exit,
    math: bool,
}

impl Frame {
    /// Positions fit in 32 bits: [`latex_to_unicode`] leaves longer texts as they are.
    fn new(end: usize, resume: usize, math: bool, exit: Exit) -> Frame {
        Frame { end: end as u32, resume: resume as u32, exit, math }
    }
}

enum Exit {
    Nothing,
    /// A `^`/`_` argument that Unicode cannot raise or lower: written as `x^(ab)`, the `(` at this byte of
    /// the output, which is taken out again if the argument came to one character or none.
    Script(u32),
    /// The end of a `\mathbb` argument.
    Blackboard,
}

struct Converter<'a> {
    chars: &'a [char],
    marks: Marks,
    out: String,
    /// How many `\mathbb` arguments are open: their letters become ℝ, ℕ, ...
    mathbb: usize,
}

/// A command's or script's argument: the region `start..end` of the text, and the index after it.
#[derive(Clone, Copy)]
struct Arg {
    start: usize,
    end: usize,
    next: usize,
}

impl Converter<'_> {
    fn emit_char(&mut self, c: char) {
        let c = if self.mathbb > 0 { blackboard(c) } else { c };
        self.out.push(c);
    }

    fn emit(&mut self, s: &str) {
        if self.mathbb > 0 {
            s.chars().for_each(|c| self.out.push(blackboard(c)));
        } else {
            self.out.push_str(s);
        }
    }

    fn run(&mut self) {
        let mut stack = vec![Frame::new(self.chars.len(), self.chars.len(), false, Exit::Nothing)];
        let mut i = 0;
        while let Some(top) = stack.last() {
            let (end, math) = (top.end as usize, top.math);
            if i >= end {
                let Some(frame) = stack.pop() else { break };
                match frame.exit {
                    Exit::Nothing => {}
                    Exit::Script(at) => {
                        let at = at as usize;
                        if self.out[at + 1..].chars().nth(1).is_some() {
                            self.out.push(')');
                        } else {
                            self.out.remove(at);
                        }
                    }
                    Exit::Blackboard => self.mathbb -= 1,
                }
                i = frame.resume as usize;
                continue;
            }
            let get = |j: usize| (j < end).then(|| self.chars[j]);
            let c = self.chars[i];
            match c {
                '$' if !math => {
                    let double = get(i + 1) == Some('$');
                    let open = if double { i + 1 } else { i };
                    let close = self.marks.next_dollar[open + 1] as usize;
                    if close < end && close > open + 1 {
                        let resume = if double && get(close + 1) == Some('$') { close + 2 } else { close + 1 };
                        stack.push(Frame::new(close, resume, true, Exit::Nothing));
                        i = open + 1;
                    } else {
                        self.emit_char('$');
                        i += 1;
                    }
                }
                '\\' => i = self.command(i, end, math, &mut stack),
                '{' => {
                    let close = self.marks.close[i] as usize;
                    if close < end {
                        stack.push(Frame::new(close, close + 1, math, Exit::Nothing));
                    } else {
                        self.emit_char('{');
                    }
                    i += 1;
                }
                '~' if !math => {
                    self.emit_char(' ');
                    i += 1;
                }
                '^' | '_' if math => {
                    let table = if c == '^' { SUPERSCRIPTS } else { SUBSCRIPTS };
                    let arg = self.argument(i + 1, end);
                    let region = &self.chars[arg.start..arg.end];
                    let lookup = |a: &char| table.iter().find(|(from, _)| from == a).map(|(_, to)| *to);
                    if !region.is_empty() && region.iter().all(|a| lookup(a).is_some()) {
                        for a in region {
                            if let Some(to) = lookup(a) {
                                self.emit_char(to);
                            }
                        }
                        i = arg.next;
                    } else if region.is_empty() {
                        self.emit_char(c);
                        i = arg.next;
                    } else {
                        // Nothing to raise or lower in Unicode: keep the argument readable as x^(ab).
                        self.emit_char(c);
                        let at = self.out.len();
                        self.out.push('(');
                        stack.push(Frame::new(arg.end, arg.next, true, Exit::Script(at as u32)));
                        i = arg.start;
                    }
                }
                _ => {
                    self.emit_char(c);
                    i += 1;
                }
            }
        }
    }

    /// The argument at `i` (before `end`): a braced group's contents, a command, or one character.
    fn argument(&self, mut i: usize, end: usize) -> Arg {
        while i < end && self.chars[i] == ' ' {
            i += 1;
        }
        if i >= end {
            return Arg { start: i, end: i, next: i };
        }
        match self.chars[i] {
            '{' => {
                let close = self.marks.close[i] as usize;
                if close < end {
                    Arg { start: i + 1, end: close, next: close + 1 }
                } else {
                    Arg { start: i + 1, end: i + 1, next: i + 1 }
                }
            }
            '\\' => {
                // A command as the argument (`^\prime`, `\hat\theta`): take the whole command.
                let name = self.chars[i + 1..end].iter().take_while(|c| c.is_ascii_alphabetic()).count();
                let stop = (i + 1 + name).max(i + 2).min(end);
                Arg { start: i, end: stop, next: stop }
            }
            _ => Arg { start: i, end: i + 1, next: i + 1 },
        }
    }

    /// Converts the command starting with the backslash at `i` (inside a region ending at `end`),
    /// returning the index to go on from; a command with an argument opens a frame for it.
    fn command(&mut self, i: usize, end: usize, math: bool, stack: &mut Vec<Frame>) -> usize {
        let chars = &self.chars[..end];
        let Some(&next) = chars.get(i + 1) else {
            self.emit_char('\\');
            return i + 1;
        };
        if !next.is_ascii_alphabetic() {
            // Control symbols: escaped specials, accents, spacing.
            if let Some((letter, after)) = accent(chars, i + 1) {
                self.emit_char(letter);
                return after;
            }
            match next {
                ' ' | ',' | ';' | ':' | '!' | '\\' | '\n' => self.emit_char(' '),
                '|' => self.emit_char('‖'),
                _ => self.emit_char(next),
            }
            return i + 2;
        }
        let name_len = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let name: String = chars[i + 1..i + 1 + name_len].iter().collect();
        let after = i + 1 + name_len;
        if let Some((letter, after)) = (name_len == 1).then(|| accent(chars, i + 1)).flatten() {
            self.emit_char(letter);
            return after;
        }
        if let Some((_, symbol)) = COMMAND_SYMBOLS.iter().find(|(n, _)| *n == name) {
            self.emit(symbol);
            // A word-like symbol needs a space before the next letter (`\log n`), which LaTeX swallowed.
            let word = !symbol.is_empty() && symbol.chars().all(|c| c.is_ascii_alphabetic());
            if word && chars.get(after).is_some_and(|c| c.is_alphanumeric()) {
                self.emit_char(' ');
            }
            return after;
        }
        if WRAPPERS.contains(&name.as_str()) {
            let mut arg = self.argument(after, end);
            if name == "href" {
                // \href{url}{text}: keep the text.
                arg = self.argument(arg.next, end);
            }
            let exit = if name == "mathbb" {
                self.mathbb += 1;
                Exit::Blackboard
            } else {
                Exit::Nothing
            };
            stack.push(Frame::new(arg.end, arg.next, math, exit));
            return arg.start;
        }
        // An unknown command keeps its name as text, so nothing is lost (`\foo` -> `foo`).
        self.emit(&name);
        after
    }
}

/// `\mathbb` letters.
fn blackboard(c: char) -> char {
    match c {
        'R' => 'ℝ',
        'N' => 'ℕ',
        'Z' => 'ℤ',
        'Q' => 'ℚ',
        'C' => 'ℂ',
        'E' => '𝔼',
        'P' => 'ℙ',
        other => other,
    }
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

/// The key author names are grouped by: letters and digits only, accents folded, lower case. `Michael I.
/// Jordan`, `Michael I Jordan` and `MICHAEL I. JORDAN` share one; `M. I. Jordan` (other initials) does not.
pub fn name_key(name: &str) -> String {
    if name.is_ascii() {
        // Most names (and the index file's 100,000-paper author column is read through here on every open).
        return name.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())).collect();
    }
    name.chars().map(fold_char).filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
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

    #[test]
    fn names_differing_in_punctuation_spacing_accents_or_case_share_a_key() {
        assert_eq!(name_key("Michael I. Jordan"), "michaelijordan");
        assert_eq!(name_key("MICHAEL I JORDAN"), "michaelijordan");
        assert_eq!(name_key("José Müller-Lüdenscheidt"), name_key("Jose Muller Ludenscheidt"));
        assert_eq!(name_key("Łukasz Kaiser"), "lukaszkaiser");
        assert_ne!(name_key("M. I. Jordan"), name_key("Michael I. Jordan"));
        // Every ASCII character keyed alone as the general (Unicode) way keys it.
        for b in 0..0x80u8 {
            let c = char::from(b);
            let general: String =
                [c].into_iter().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            assert_eq!(name_key(&c.to_string()), general, "{b:#x}");
        }
    }

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "normalising {input:?}");
    }

    #[test]
    fn pdf_glyph_codes_are_read() {
        check("a recog(cid:173) nition and perfor(cid:173)\nmance", "a recognition and performance");
        check("x (cid:40)y(cid:41) (cid:2) z", "x (y) z");
        check("(cid:abc) and (cid:12", "(cid:abc) and (cid:12");
        check("(cid:99999999999999999999)", "(cid:99999999999999999999)");
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
