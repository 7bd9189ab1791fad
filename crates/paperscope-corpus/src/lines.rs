//! Numbered lines and blank-line-separated paragraphs, whatever the line endings.

/// One line of input with its 1-based number. The line ending is not part of `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub no: u32,
    pub text: &'a str,
}

impl<'a> Line<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn trimmed(&self) -> &'a str {
        self.text.trim()
    }
}

/// Splits text into numbered lines. Accepts `\n`, `\r\n` and lone `\r` endings and drops a leading BOM.
pub fn split(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            lines.push(Line { no: lines.len() as u32 + 1, text: &text[start..i] });
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < text.len() {
        lines.push(Line { no: lines.len() as u32 + 1, text: &text[start..] });
    }
    lines
}

/// Groups lines into paragraphs: runs of non-blank lines.
pub fn paragraphs<'a>(lines: &[Line<'a>]) -> Vec<Vec<Line<'a>>> {
    let mut out: Vec<Vec<Line<'a>>> = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        if line.is_blank() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(*line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The lines' text joined with newlines (for normalisation to join as it sees fit).
pub fn join(lines: &[Line<'_>]) -> String {
    lines.iter().map(|l| l.text).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings() {
        let texts: Vec<_> = split("a\r\nb\rc\n\nd").iter().map(|l| (l.no, l.text)).collect();
        assert_eq!(texts, vec![(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
        assert_eq!(split("\u{feff}x\n").len(), 1);
        assert!(split("").is_empty());
    }

    #[test]
    fn paragraphs_skip_runs_of_blanks() {
        let lines = split("a\nb\n\n \n\nc\n");
        let paras: Vec<Vec<u32>> = paragraphs(&lines).iter().map(|p| p.iter().map(|l| l.no).collect()).collect();
        assert_eq!(paras, vec![vec![1, 2], vec![6]]);
    }
}
