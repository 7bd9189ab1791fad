//! Paperscope's search crate: turns text into the terms an index stores and a query looks up.
//!
//! So far it holds the tokeniser; the index, the query language and the facets come with issue 4. It knows
//! nothing of the browser or the terminal, so the CLI and the app answer with the same code.
//!
//! ```
//! assert_eq!(paperscope_search::tokens("Cramér–Rao BOUNDS"), vec!["cramer", "rao", "bounds"]);
//! ```

use paperscope_corpus::text::fold_char;

/// Splits text into lower-case, accent-folded words of letters and digits.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let c = fold_char(c);
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn tokens_fold_case_and_accents() {
        assert_eq!(
            tokens("Gödel's  THEOREM, 2nd ed."),
            vec!["godel", "s", "theorem", "2nd", "ed"]
        );
        assert_eq!(tokens(""), Vec::<String>::new());
        assert_eq!(tokens("日本語 text"), vec!["日本語", "text"]);
    }
}
