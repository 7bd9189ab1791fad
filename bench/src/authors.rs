//! How author names group into facet values ([`FacetKey::group_key`]): how many spellings became one value,
//! and the largest groups with every spelling and its count, so a wrong merge can be seen.

use std::collections::HashMap;

use paperscope_corpus::Paper;
use paperscope_search::FacetKey;

/// Prints the grouping of the authors of `papers`, and the `sample` largest groups of several spellings.
pub fn report(label: &str, papers: &[Paper], sample: usize) {
    let mut groups: HashMap<String, HashMap<&str, u32>> = HashMap::new();
    for name in papers.iter().flat_map(|p| &p.authors) {
        *groups.entry(FacetKey::Author.group_key(name).into_owned()).or_default().entry(name).or_default() += 1;
    }
    let spellings: usize = groups.values().map(HashMap::len).sum();
    let mut merged: Vec<(u32, Vec<(&str, u32)>)> = groups
        .values()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let mut names: Vec<(&str, u32)> = g.iter().map(|(n, c)| (*n, *c)).collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            (names.iter().map(|n| n.1).sum(), names)
        })
        .collect();
    merged.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let folded: usize = merged.iter().map(|(_, names)| names.len() - 1).sum();
    println!(
        "author names, {label}: {spellings} spellings make {} facet values; {} values gather {} spellings ({folded} values fewer)",
        groups.len(),
        merged.len(),
        folded + merged.len(),
    );
    for (total, names) in merged.iter().take(sample) {
        let list: Vec<String> = names.iter().map(|(n, c)| format!("{n:?} {c}")).collect();
        println!("    {total:5}  {}", list.join(" + "));
    }
}
