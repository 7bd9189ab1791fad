//! The map of a corpus (issue 13), built natively beside the corpus: a semantic vector per paper by latent
//! semantic analysis (TF-IDF over titles and abstracts, then a truncated SVD), so that papers that use
//! different words for one subject meet; and the figures that say how good the neighbourhoods are.
//!
//! Pure Rust, no I/O, deterministic for the same inputs (the random projections are seeded).

pub mod atlas;
#[cfg(feature = "build")]
pub mod cluster;
pub mod file;
#[cfg(feature = "build")]
pub mod knn;
#[cfg(feature = "build")]
pub mod layout;
pub mod lsa;
#[cfg(feature = "build")]
pub mod quality;
pub mod vectors;
pub mod view;

pub use atlas::{Atlas, NEIGHBOURS};
#[cfg(feature = "build")]
pub use cluster::{cluster, levels, purity, Clusters, Words};
pub use file::{map_file_name, MapFile, MapFileError, MAP_FORMAT};
#[cfg(feature = "build")]
pub use knn::nearest_all;
#[cfg(feature = "build")]
pub use layout::{layout, LayoutParams};
#[cfg(feature = "build")]
pub use lsa::Params;
pub use lsa::{paper_words, terms, text_words, Space};
pub use vectors::Vectors;
pub use view::{colours, Camera, ColourBy, Grid, COLOURS};

/// The papers the tests build maps of: two subjects, each in its own six words.
#[cfg(all(test, feature = "build"))]
pub(crate) mod fixtures {
    use paperscope_corpus::Paper;

    /// Paper `i`: of the first subject when `i` is even, of the second when odd.
    pub fn paper(i: usize) -> Paper {
        let subjects = [
            ["protein", "folding", "enzyme", "residue", "binding", "molecule"],
            ["galaxy", "telescope", "quasar", "redshift", "orbit", "cosmic"],
        ];
        let w = &subjects[i % 2];
        Paper {
            id: format!("p{i}"),
            title: format!("{} {}", w[i % 6], w[(i / 2) % 6]),
            abstract_text: (0..5).map(|j| w[(i + j * 5) % 6]).collect::<Vec<_>>().join(" "),
            ..Paper::default()
        }
    }
}
