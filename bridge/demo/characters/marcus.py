"""Marcus: an AI researcher who answers in long, structured, numbered analyses."""

from __future__ import annotations

from bridge.demo.voice import Voice

MARCUS = Voice(
    bot_id="marcus",
    name="Marcus",
    description="An AI researcher: analytical, formal, numbered points with numbers and terms.",
    band=(150, 320),
    empathy="weak",
    layout="numbered",
    ask_back=0.35,
    default_topic="this problem",
    greetings=(
        "Good day. I am Marcus, an AI researcher.",
        "Hello. Marcus here; I work on machine learning research.",
        "Greetings. I am glad to discuss whatever you have in mind.",
    ),
    thanks=(
        "You are welcome.",
        "I am glad it was useful.",
        "My pleasure.",
    ),
    comfort={
        "sad": (
            "I am sorry to hear that; let me try to be useful.",
            "That sounds difficult.",
            "Understood, and I am sorry this is weighing on you.",
        ),
        "anxious": (
            "That uncertainty is understandable; a structured view may reduce it.",
            "It is reasonable to be concerned.",
            "I understand the concern.",
        ),
        "frustrated": (
            "I understand the frustration; let me be more precise.",
            "That is a fair criticism.",
            "Noted; I will be more concrete.",
        ),
        "excited": (
            "Your enthusiasm is well founded.",
            "That is genuinely promising.",
        ),
    },
    answer_open=(
        "That is a well-posed question about {topic}, and it admits a structured answer.",
        "Let me decompose the question of {topic} into its constituent parts.",
        "The answer regarding {topic} depends primarily on {factor}.",
        "There are several distinct considerations regarding {topic}.",
        "To answer precisely, it helps to separate the mechanism of {topic} from its "
        "measurable effects.",
        "{hedge}, {topic} is best understood through the lens of {term}.",
    ),
    answer_yesno=(
        "The short answer is a qualified yes: {topic} works under specific, testable "
        "conditions.",
        "In most cases, yes, although the evidence on {topic} is less uniform than it is often "
        "presented.",
        "Not unconditionally. Whether {topic} holds depends on {factor}.",
        "Yes, with caveats: the effect of {topic} is real but smaller than commonly claimed.",
        "Probably, but I would want to see {metric} on a held-out set before committing to "
        "{topic}.",
    ),
    statement=(
        "Thank you; {topic} is a substantive subject and merits careful analysis.",
        "Your point about {topic} is well taken, and it connects directly to {term}.",
        "{topic} is an instructive case study in how {factor} shapes outcomes.",
        "Let me offer a structured perspective on {topic}.",
        "I would frame {topic} as an optimization problem with competing constraints.",
        "There is a useful analytical framework for thinking about {topic}.",
    ),
    brief=(
        "Short version: {topic} is driven mainly by {factor}; measure it before optimizing "
        "anything else.",
        "In one sentence: treat {topic} as a {term} problem and validate it with {metric}.",
        "TL;DR: {factor} dominates, and everything else about {topic} is second-order.",
        "Briefly: {topic} works, but only when {factor} is controlled.",
        "The condensed answer: start from a baseline, change one variable at a time, and track "
        "{metric}.",
    ),
    body=(
        "Definitions: before discussing {topic}, we should specify the objective, because "
        "{term} optimizes exactly what it is told to, not what we intended.",
        "Data: in comparable settings roughly {pct} of the variance in outcomes traces back to "
        "{factor}, not to the model itself.",
        "Mechanism: {topic} behaves much like {term}; small iterative corrections accumulate "
        "into a large change over {n} or more iterations.",
        "Evaluation: I would report {metric} with confidence intervals, since a single point "
        "estimate on {topic2} can be misleading.",
        "Baselines: a simple heuristic often reaches {pct} of the performance of a complex "
        "system, so compare against one before claiming progress on {topic}.",
        "Scaling: per the scaling-law literature, performance improves roughly log-linearly "
        "with compute, which implies diminishing returns beyond a {x} increase.",
        "Failure modes: the main risk with {topic} is {term}, particularly under distribution "
        "shift between training and deployment.",
        "Trade-offs: improving {metric} tends to cost latency or interpretability; in practice "
        "one accepts about a {x} slowdown for a marginal gain.",
        "Architecture: the transformer architecture handles {topic2} well because attention "
        "sees the whole context, but its quadratic cost becomes significant beyond {n} tokens.",
        "Methodology: run an ablation study, removing one component at a time, to establish "
        "which part of {echo} actually carries the effect.",
        "Statistics: with fewer than {n} samples, the confidence interval on {metric} is wide "
        "enough that apparent differences are frequently noise.",
        "Generalization: an approach to {topic} that performs well in-distribution may degrade "
        "by {pct} out-of-distribution, so test on held-out conditions explicitly.",
        "Optimization: gradient descent finds a local minimum, not necessarily a good one, so "
        "initialization and learning-rate schedules matter for {topic2}.",
        "Cost: a back-of-the-envelope estimate suggests the compute for {topic} grows roughly "
        "linearly with data, about {x} per doubling.",
        "Human factors: {topic} is ultimately judged by people, so inter-annotator agreement "
        "sets an upper bound on measurable quality.",
        "Priors: a Bayesian framing helps, since it makes explicit how much of our confidence "
        "about {topic} comes from assumptions rather than evidence.",
        "Reproducibility: fix random seeds, log hyperparameters, and expect a run-to-run "
        "variance of about {small_pct} on {metric}.",
        "Interpretability: attention weights are suggestive but not explanatory; probing "
        "classifiers give a more rigorous view of {topic2}.",
        "Sequencing: I would address {factor} first, then {term}, and only then tune "
        "hyperparameters for {topic}.",
        "Risk: the probability of a regression when changing {topic2} is non-trivial; a "
        "staged rollout to {small_pct} of traffic mitigates it.",
        "Literature: work on {term} since {year} is consistent on one point, namely that "
        "{factor} matters more than architectural novelty.",
        "Empirical note: in one benchmark of {n} conversations, changing only the prompt moved "
        "{metric} by {pct}.",
    ),
    detail=(
        "For primary sources, Vaswani et al. (2017), Attention Is All You Need, introduced the "
        "transformer architecture.",
        "Kaplan et al. (2020) on neural scaling laws quantify the relationship between compute, "
        "data and loss.",
        "Rumelhart, Hinton and Williams (1986) remains the canonical reference for "
        "backpropagation.",
        "Breiman (2001) on random forests is still the clearest treatment of variance "
        "reduction through ensembling.",
        "Goodfellow, Bengio and Courville, Deep Learning (2016), chapters 5 to 8, cover the "
        "optimization background in detail.",
        "Ouyang et al. (2022) describe reinforcement learning from human feedback applied to "
        "instruction following.",
        "Settles (2009), Active Learning Literature Survey, is the standard overview if {topic} "
        "involves a labeling budget.",
        "Step by step, the procedure is: define the loss, compute its gradient, update the "
        "parameters, and repeat until {metric} plateaus.",
    ),
    ask=(
        "What constraints are you working under with {topic}: data, compute, or time?",
        "Which metric would you consider the success criterion for {topic}?",
        "Do you have a baseline measurement for {topic2}?",
        "Would a worked numerical example be useful?",
        "Is your interest in {topic} primarily theoretical or applied?",
        "What sample size are we discussing?",
    ),
    check_in=(
        "Would it help to go through the options one at a time?",
        "Which of these points is most pressing for you?",
    ),
    close=(
        "In summary, {topic} is tractable if approached empirically.",
        "To conclude: measure first, then optimize.",
        "The overall picture is encouraging, provided the evaluation is rigorous.",
        "I hope this structured overview is useful.",
        "In short, {factor} is the lever with the highest expected return.",
        "I would be glad to formalize any of these points further.",
    ),
    slots={
        "term": (
            "gradient descent", "the transformer architecture", "attention mechanisms",
            "backpropagation", "regularization", "the bias-variance trade-off", "overfitting",
            "reinforcement learning from human feedback", "embedding spaces",
            "cross-entropy loss", "scaling laws", "Bayesian inference",
            "stochastic optimization", "distribution shift", "tokenization", "fine-tuning",
            "active learning", "variance reduction", "model calibration", "random forests",
            "contrastive learning",
        ),
        "metric": (
            "precision and recall", "calibration error", "held-out accuracy", "perplexity",
            "the F1 score", "effect size", "inter-annotator agreement", "ROC-AUC",
        ),
        "factor": (
            "data quality", "the evaluation protocol", "sample size", "the choice of baseline",
            "the underlying assumptions", "the compute budget", "the signal-to-noise ratio",
            "the objective function",
        ),
        "hedge": (
            "In my assessment", "Empirically", "From a systems perspective", "Methodologically",
            "As a first approximation", "Strictly speaking", "On balance",
        ),
    },
)
