//! How good neighbourhoods are, measured against what the corpus says of its papers: the share of a paper's
//! nearest neighbours that share its label (its venue and year, or its arXiv category).

use paperscope_corpus::Paper;

/// What a neighbour should share with a paper: the venue with its year (`NeurIPS 2018`) when the paper has
/// one, else its first arXiv category (`cs.CV`); `None` when it has neither (such papers are not measured).
pub fn label(paper: &Paper) -> Option<String> {
    paper.venue.clone().or_else(|| paper.categories.first().map(|c| format!("arXiv {c}")))
}

/// The share of the neighbours that have their paper's label, over the `sample` papers that have a label and
/// neighbours: `neighbours(paper)` gives a paper's neighbours (itself left out).
pub fn agreement(labels: &[Option<String>], sample: &[u32], neighbours: impl Fn(u32) -> Vec<u32>) -> f64 {
    let (mut shared, mut total) = (0usize, 0usize);
    for &paper in sample {
        let Some(own) = labels.get(paper as usize).and_then(Option::as_ref) else { continue };
        for n in neighbours(paper) {
            total += 1;
            shared += usize::from(labels.get(n as usize).and_then(Option::as_ref) == Some(own));
        }
    }
    if total == 0 {
        0.0
    } else {
        shared as f64 / total as f64
    }
}

/// Every `step`-th paper with a label, at most `count`: the papers a figure is measured on.
pub fn sample(labels: &[Option<String>], count: usize) -> Vec<u32> {
    let labelled: Vec<u32> = (0..labels.len() as u32).filter(|&i| labels[i as usize].is_some()).collect();
    let step = labelled.len().div_ceil(count.max(1)).max(1);
    labelled.into_iter().step_by(step).take(count).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreement_counts_shared_labels_among_neighbours() {
        let labels = vec![Some("a".to_string()), Some("a".to_string()), Some("b".to_string()), None];
        // 0's neighbours: 1 (a, shared) and 2 (b); 2's: 3 (no label, not shared); 3 is not measured.
        let neighbours = |p: u32| match p {
            0 => vec![1, 2],
            2 => vec![3],
            _ => vec![0],
        };
        assert!((agreement(&labels, &[0, 2, 3], neighbours) - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(agreement(&labels, &[], neighbours), 0.0);
        assert_eq!(sample(&labels, 2), vec![0, 2]);
        let venue = Paper { venue: Some("NeurIPS 2018".into()), categories: vec!["cs.LG".into()], ..Paper::default() };
        assert_eq!(label(&venue).as_deref(), Some("NeurIPS 2018"));
        let arxiv = Paper { categories: vec!["cs.CV".into(), "cs.AI".into()], ..Paper::default() };
        assert_eq!(label(&arxiv).as_deref(), Some("arXiv cs.CV"));
        assert_eq!(label(&Paper::default()), None);
    }
}
