"""Shared word classes for the fragment grammars: `<lately>` in a template is one of these.

Small sets of interchangeable words and phrases that many templates use, so that every
template gets the same breadth of wording without repeating the lists. Entries may hold
`[a|b]` alternatives of their own, not other word classes.
"""

from __future__ import annotations

WORD_CLASSES: dict[str, tuple[str, ...]] = {
    # time and degree
    "lately": (
        "lately", "recently", "these days", "this week", "this month", "for a while now",
        "all week", "since last month", "for weeks", "the past few days",
    ),
    "really": ("really", "so", "pretty", "kind of", "quite", "honestly", "a bit", "very"),
    "little": ("a little", "a bit", "slightly", "somewhat", "a touch"),
    "often": ("often", "a lot", "all the time", "constantly", "every day", "over and over"),
    # feelings
    "hard": (
        "hard", "heavy", "rough", "draining", "exhausting", "overwhelming", "messy", "tough",
        "confusing", "lonely", "painful",
    ),
    "better": ("better", "lighter", "calmer", "less alone", "steadier", "clearer", "relieved"),
    "worry": ("worry", "fear", "keep thinking", "suspect", "can't shake the feeling"),
    "thanks": (
        "thank you", "thanks", "I appreciate that", "that's kind of you", "thanks for that",
        "thank you so much", "I'm grateful", "that means a lot",
    ),
    # asking and understanding
    "explain": ("explain", "unpack", "break down", "walk me through", "spell out", "clarify"),
    "understand": ("understand", "get", "make sense of", "wrap my head around", "follow"),
    "tell_me": ("tell me", "show me", "give me", "talk me through"),
    "wonder": ("wonder", "am curious", "keep wondering", "would love to know"),
    # technical vocabulary
    "evidence": (
        "evidence", "evidence", "data", "data", "literature", "research", "measurement record",
        "observational record",
    ),
    "mechanism": (
        "mechanism", "mechanism", "causal chain", "underlying process", "physics", "dynamics",
        "underlying model", "driver",
    ),
    "precise": (
        "precise", "precise", "rigorous", "careful", "exact", "technical", "quantitative",
    ),
    "robust": (
        "robust", "reliable", "well established", "reproducible", "well replicated", "solid",
    ),
    "numbers": (
        "numbers", "figures", "effect sizes", "error bars", "estimates", "quantities",
        "orders of magnitude",
    ),
    "source": (
        "source", "source", "citation", "paper", "review article", "dataset", "reference",
        "preprint",
    ),
    "conditions": (
        "at scale", "in practice", "outside the lab", "on real data", "under noisy conditions",
        "in the long run", "across regions", "in the field", "in the worst case",
    ),
    # excitement
    "wild": (
        "wild", "amazing", "incredible", "insane", "unreal", "epic", "mind-blowing",
        "spectacular", "magical", "fascinating",
    ),
    "hooked": (
        "hooked on", "obsessed with", "fascinated by", "into", "crazy about", "buzzing about",
        "dreaming about",
    ),
    "wildest": (
        "wildest", "craziest", "best", "strangest", "most surprising", "most underrated",
        "scariest", "most beautiful", "hardest", "most fun", "most magical", "weirdest",
        "boldest", "most unforgettable",
    ),
    "part": ("part", "bit", "moment", "thing about it", "story", "detail", "surprise"),
    "in_person": (
        "for myself", "in person", "up close", "with my own eyes", "on a real trip",
        "without a tour group",
    ),
    "try": ("try", "do", "see", "chase", "experience", "go for"),
    "soon": (
        "next month", "this summer", "next spring", "before the year's out", "someday soon",
        "this winter", "in a few weeks",
    ),
    "limits": (
        "limitations", "weak points", "caveats", "blind spots", "failure modes",
        "known problems", "open issues",
    ),
    "field": (
        "the field", "the community", "researchers", "the literature", "people who work on it",
    ),
    # casual
    "cool": ("cool", "nice", "neat", "sick", "dope", "fun", "sweet", "solid", "lit"),
    "lol": ("lol", "haha", "lmao", "hahaha", "lolol", "ha"),
    "rn": ("rn", "right now", "atm", "lately", "this week", "today"),
    "ok": ("ok", "okay", "k", "kk", "okok", "alright"),
    "honestly": ("honestly", "tbh", "ngl", "lowkey", "fr", "not gonna lie"),
    "thing": ("thing", "stuff", "deal", "situation", "vibe"),
}
"""Word classes by name; a template writes `<name>`."""
