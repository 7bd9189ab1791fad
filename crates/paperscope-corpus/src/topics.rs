//! Topics for the topic facet, from a fixed taxonomy of machine-learning research areas.
//!
//! Each topic lists cue phrases. A paper's title and abstract are folded (lower case, accents and punctuation
//! removed) and each cue that starts a word there scores: 3 in the title, 1 in the abstract, each cue
//! counted once. A topic needs a score of at least 2 (a title cue, or two different abstract cues), and a
//! paper keeps its three best topics. The method needs no training data and works on any ML corpus; papers
//! outside the taxonomy's reach get no topic rather than a wrong one. A cue ending in a space must match a
//! whole word (`gan ` does not match `ganglion`); others match word starts (`transformer` matches
//! `transformers`).

use crate::text::fold_plain;

/// (topic, cue phrases) in display order.
pub const TOPICS: &[(&str, &[&str])] = &[
    (
        "Large language models",
        &["large language model", "llm", "language model", "gpt", "chatgpt", "instruction tuning", "prompt"],
    ),
    (
        "Reasoning",
        &["reasoning", "chain of thought", "theorem proving", "autoformalization", "mathematical problem", "math word"],
    ),
    ("In-context learning", &["in context learning", "in context", "icl "]),
    (
        "Transformers & attention",
        &["transformer", "attention", "self attention", "positional encoding", "positional embedding", "rope "],
    ),
    (
        "Reinforcement learning",
        &[
            "reinforcement learning",
            "policy gradient",
            "q learning",
            "rlhf",
            "rlvr",
            "markov decision",
            "mdp",
            "actor critic",
            "rl ",
            "reward model",
            "policy optimization",
        ],
    ),
    (
        "Bandits & online learning",
        &["bandit", "regret", "online learning", "online convex", "exploration exploitation"],
    ),
    (
        "Optimization",
        &[
            "gradient descent",
            "sgd",
            "optimization",
            "optimizer",
            "convex",
            "convergence rate",
            "stochastic gradient",
            "adam ",
            "saddle point",
            "zeroth order",
            "minimax optimization",
            "first order method",
        ],
    ),
    (
        "Learning theory",
        &[
            "generalization bound",
            "sample complexity",
            "pac ",
            "pac bayes",
            "rademacher",
            "vc dimension",
            "learning theory",
            "statistical learning",
            "minimax rate",
            "lower bound",
            "generalization error",
            "learnability",
        ],
    ),
    (
        "Deep learning theory",
        &[
            "neural tangent",
            "ntk",
            "mean field",
            "overparameterized",
            "over parameterized",
            "feature learning",
            "implicit bias",
            "implicit regularization",
            "scaling law",
            "grokking",
            "double descent",
            "benign overfitting",
            "two layer neural",
            "shallow neural",
            "infinite width",
            "training dynamics",
        ],
    ),
    (
        "Generative models & diffusion",
        &[
            "diffusion model",
            "diffusion",
            "score based",
            "score matching",
            "generative model",
            "gan ",
            "gans ",
            "generative adversarial",
            "variational autoencoder",
            "vae ",
            "normalizing flow",
            "flow matching",
            "image generation",
            "text to image",
            "denoising",
        ],
    ),
    (
        "Computer vision",
        &[
            "image",
            "computer vision",
            "visual",
            "object detection",
            "segmentation",
            "video",
            "3d ",
            "point cloud",
            "convolutional",
            "cnn ",
        ],
    ),
    (
        "Natural language processing",
        &[
            "natural language",
            "nlp ",
            "text classification",
            "machine translation",
            "question answering",
            "summarization",
            "sentiment",
            "tokenization",
            "tokenizer",
        ],
    ),
    ("Graph learning", &["graph neural", "gnn", "graph", "node classification", "message passing", "link prediction"]),
    (
        "Robustness & adversarial",
        &[
            "adversarial",
            "robustness",
            "distribution shift",
            "out of distribution",
            "ood ",
            "perturbation",
            "spurious correlation",
            "certified",
        ],
    ),
    (
        "Alignment & safety",
        &[
            "alignment",
            "safety",
            "harmful",
            "jailbreak",
            "hallucination",
            "red teaming",
            "human preference",
            "preference optimization",
            "dpo ",
            "activation steering",
            "interpretability",
            "mechanistic",
        ],
    ),
    (
        "Privacy & federated learning",
        &[
            "privacy",
            "differential privacy",
            "differentially private",
            "federated",
            "membership inference",
            "unlearning",
        ],
    ),
    (
        "Statistics & causal inference",
        &[
            "causal",
            "instrumental variable",
            "treatment effect",
            "confounding",
            "statistical inference",
            "hypothesis test",
            "confidence interval",
            "estimator",
            "nonparametric",
            "linear regression",
            "bayesian",
            "posterior",
            "high dimensional statistic",
        ],
    ),
    (
        "Representation learning",
        &[
            "self supervised",
            "contrastive",
            "representation learning",
            "embedding",
            "pretraining",
            "pre training",
            "masked autoencoder",
            "feature representation",
        ],
    ),
    (
        "Efficient ML",
        &[
            "quantization",
            "pruning",
            "distillation",
            "compression",
            "low rank",
            "lora ",
            "sparsity",
            "memory efficient",
            "inference cost",
            "speculative decoding",
            "efficient inference",
            "mixture of experts",
        ],
    ),
    (
        "Sequence models & SSMs",
        &[
            "state space model",
            "ssm",
            "mamba",
            "recurrent",
            "rnn",
            "lstm",
            "sequence model",
            "long context",
            "linear attention",
        ],
    ),
    ("Multimodal", &["multimodal", "multi modal", "vision language", "vlm", "clip ", "audio", "speech", "modalities"]),
    (
        "Robotics & control",
        &["robot", "control", "manipulation", "locomotion", "embodied", "autonomous driving", "lqr"],
    ),
    (
        "Sampling & optimal transport",
        &["sampling", "mcmc", "langevin", "monte carlo", "wasserstein", "optimal transport", "gradient flow"],
    ),
    ("Kernels & Gaussian processes", &["kernel", "gaussian process", "rkhs", "reproducing kernel"]),
    (
        "Transfer & continual learning",
        &[
            "meta learning",
            "transfer learning",
            "domain adaptation",
            "fine tuning",
            "finetuning",
            "continual learning",
            "catastrophic forgetting",
            "few shot",
            "test time",
            "post training",
        ],
    ),
    ("Fairness", &["fairness", "fair ", "demographic", "discrimination"]),
    ("Time series", &["time series", "forecasting", "temporal"]),
    (
        "AI for science",
        &[
            "molecule",
            "molecular",
            "protein",
            "drug",
            "physics",
            "chemistry",
            "materials",
            "pde",
            "partial differential",
            "climate",
            "quantum",
        ],
    ),
    ("Agents & planning", &["agent", "tool use", "multi agent", "planning", "web agent", "agentic"]),
    ("Retrieval & recommendation", &["retrieval", "recommendation", "recommender", "search engine", "rag ", "ranking"]),
];

/// The topics of a paper, best first (at most three). Title and abstract are a paper's normalised fields.
pub fn assign_topics(title: &str, abstract_text: &str) -> Vec<String> {
    let (title, body) = (fold_plain(title), fold_plain(abstract_text));
    let (title, body) = (Words::new(&title), Words::new(&body));
    let mut scored: Vec<(usize, usize)> = cues()
        .iter()
        .enumerate()
        .filter_map(|(i, cues)| {
            let score: usize = cues
                .iter()
                .map(|cue| {
                    if title.has(cue) {
                        3
                    } else if body.has(cue) {
                        1
                    } else {
                        0
                    }
                })
                .sum();
            (score >= 2).then_some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, i)| TOPICS[i].0.to_string()).collect()
}

/// A cue split into its words once: the words, and whether the last must match whole.
struct Cue {
    parts: Vec<&'static str>,
    whole: bool,
}

/// Every topic's cues, split once for all papers.
fn cues() -> &'static [Vec<Cue>] {
    static CUES: std::sync::OnceLock<Vec<Vec<Cue>>> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        TOPICS
            .iter()
            .map(|(_, cues)| {
                cues.iter()
                    .map(|cue| Cue {
                        parts: cue.split(' ').filter(|w| !w.is_empty()).collect(),
                        whole: cue.ends_with(' '),
                    })
                    .collect()
            })
            .collect()
    })
}

/// The words of a folded text, for cue matching without scanning the text once per cue.
struct Words<'a> {
    words: Vec<&'a str>,
    /// Every word with its position, sorted: a cue's first word is a binary search, and a longer cue is
    /// checked only where its first word stands.
    sorted: Vec<(&'a str, u32)>,
}

impl<'a> Words<'a> {
    fn new(folded: &'a str) -> Words<'a> {
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut sorted: Vec<(&str, u32)> = words.iter().enumerate().map(|(i, w)| (*w, i as u32)).collect();
        sorted.sort_unstable();
        Words { words, sorted }
    }

    /// Whether a cue occurs: its words in order, the last one as a word start (`transformer` matches
    /// `transformers`) unless the cue ends in a space (then whole).
    fn has(&self, cue: &Cue) -> bool {
        let Some((&first, rest)) = cue.parts.split_first() else { return false };
        let ok = |w: &str, part: &str, last: bool| if last && !cue.whole { w.starts_with(part) } else { w == part };
        let from = self.sorted.partition_point(|(w, _)| *w < first);
        if rest.is_empty() {
            return self.sorted.get(from).is_some_and(|(w, _)| ok(w, first, true));
        }
        self.sorted[from..].iter().take_while(|(w, _)| *w == first).any(|&(_, at)| {
            let at = at as usize + 1;
            rest.iter()
                .enumerate()
                .all(|(k, part)| self.words.get(at + k).is_some_and(|w| ok(w, part, k + 1 == rest.len())))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_cues_outweigh_abstract_cues() {
        let t = assign_topics("Diffusion Models for Image Generation", "We train a model on data.");
        assert_eq!(t.first().map(String::as_str), Some("Generative models & diffusion"));
        assert!(t.contains(&"Computer vision".to_string()));
    }

    #[test]
    fn one_passing_mention_is_not_a_topic() {
        assert!(assign_topics("A Study", "We mention a graph once.").is_empty());
        assert_eq!(assign_topics("A Study", "A graph neural network over a graph."), vec!["Graph learning"]);
    }

    #[test]
    fn whole_word_cues_do_not_match_inside_words() {
        assert!(assign_topics("Ganglion cells and pacemakers", "").is_empty());
        assert_eq!(assign_topics("GANs for art", ""), vec!["Generative models & diffusion"]);
    }

    #[test]
    fn at_most_three_topics() {
        let t = assign_topics("LLM reasoning with transformers via reinforcement learning on graphs", "");
        assert_eq!(t.len(), 3);
    }
}
