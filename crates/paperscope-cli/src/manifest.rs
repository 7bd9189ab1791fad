//! The build manifest: a TOML file listing each input with its format and capture date.

use std::path::{Path, PathBuf};

use paperscope_corpus::{Date, Format};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    input: Vec<RawInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    file: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    captured: Option<String>,
    /// How the page names this input (default: what the listing says about itself, else the file name).
    #[serde(default)]
    label: Option<String>,
}

pub struct Input {
    /// The file's path, resolved against the manifest's directory.
    pub path: PathBuf,
    pub format: Option<Format>,
    pub captured: Option<Date>,
    pub label: Option<String>,
}

pub struct Manifest {
    pub inputs: Vec<Input>,
}

impl Manifest {
    pub fn load(path: &Path) -> Result<Manifest, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read manifest: {e}", path.display()))?;
        Manifest::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Manifest, String> {
        let raw: RawManifest = from_toml(text, path)?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let inputs = raw
            .input
            .into_iter()
            .enumerate()
            .map(|(k, i)| {
                let at = format!("{}: input {} ({})", path.display(), k + 1, i.file);
                Ok(Input {
                    path: dir.join(&i.file),
                    format: match &i.format {
                        Some(f) => crate::parse_format(f).map_err(|e| format!("{at}: {e}"))?,
                        None => None,
                    },
                    captured: match &i.captured {
                        Some(d) => Some(crate::parse_date(d).map_err(|e| format!("{at}: {e}"))?),
                        None => None,
                    },
                    label: i.label.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Manifest { inputs })
    }
}

/// `text` (the file at `path`) read as TOML into `T`; an error names the file and line.
pub fn from_toml<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, String> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start].lines().count().max(1)).unwrap_or(1);
        format!("{}:{line}: {}", path.display(), e.message())
    })
}
