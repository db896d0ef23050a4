"""Picking the phrase of a bot reply a persona would pick up on, and the words a question is about.

Candidates, best first: multi-word capitalised names ("Gulf Stream"), numbers with a
unit ("3.5 km"), pairs of uncommon words ("thermohaline circulation"), hyphenated terms,
mid-sentence proper nouns and single long uncommon words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself yourselves let lets
    get got one two also may might must shall much many well like really thing things way""".split()
)
"""Function words; never content, never salient."""

COMMON: frozenset[str] = frozenset(
    """about actually absolutely additionally already although always another anything
    anyone approach approaches around based basically become becomes certainly completely
    consider considering definitely depending different difficult discussed especially
    everyone everything example examples experience experiences explain explore factors
    following generally getting great happens helpful however important including
    information instance interesting involved issues keeping knowledge learning likely
    looking making meaning naturally necessarily number numbers often overall particular
    particularly people perhaps personal perspective possible possibly practice probably
    question questions quite rather really reason reasons recommend regarding remember
    several should simply situation something sometimes specific specifically starting
    subject support sure taking things thinking though through together topic topics
    typically understand understanding usually various whatever whether without wonderful
    yourself another answer answers certain frequently further happy hope include includes
    interested ultimately significant significantly overwhelming generally common commonly
    feelings feeling thoughts something someone yourselves otherwise therefore whereas
    amazing incredible fantastic exciting definitely honestly literally century centuries
    decade decades twentieth nineteenth eighteenth twentyfirst""".split()
)
"""Frequent long words that are not worth asking about."""

VERBS: frozenset[str] = frozenset(
    """involves involve includes requires provides suggests suggest remains becomes contains
    produces depends affects allows creates explains means drives makes helps shows shown
    leads causes changes happens seems appears occurs reduces increases improves describes
    refers depending using making taking having being getting""".split()
)
"""Verbs that often sit next to a noun without forming a term with it."""

_LEADING_CAPS: frozenset[str] = frozenset(
    """The A An In On At This That These Those It Its When What Why How If For And But So Some
    Many Most Our Your My I We You They He She As Yes No Well Also Here There Great Sure Of
    One Another Each Every Both Then Now Today Just Yet Still Even Like To From By With""".split()
)

_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}\b")
_QUANTITY = re.compile(
    r"[0-9][0-9,]*(?:\.[0-9]+)?\s?(?:%|°[CF]|(?:percent|degrees|km|kg|mph|ppm|GB|MB|TB|ms|kW|"
    r"MW|GW|years?|months?|weeks?|days?|hours?|minutes?|seconds?|met(?:er|re)s?|miles?|feet|"
    r"tons?|tonnes?|billion|million|thousand|species|people|steps|times)\b)"
)
_LOWER_RUN = re.compile(
    r"(?<![A-Za-z'-])(?:[a-z]{5,}(?:[ -][a-z]{5,})+|[a-z]{9,}|[a-z]{3,}(?:-[a-z]{2,})+)\b"
)
"""Runs of two or more longish lower-case words, single long words, hyphenated compounds."""
_CONTENT = re.compile(r"[a-z0-9]+")

_SCAN_CHARS = 1000
"""Only the start of a very long reply is scanned: that is what a reader reacts to."""


def _common(word: str) -> bool:
    return word in COMMON or word in STOPWORDS or word in VERBS or word.endswith("ly")


def _names(text: str, scored: list[tuple[float, int, str]]) -> None:
    for match in _NAME.finditer(text):
        parts = match.group().replace("-", " ").split()
        while parts and parts[0] in _LEADING_CAPS:
            parts.pop(0)
        start = match.start()
        if len(parts) >= 2:
            scored.append((2.8 + 0.1 * len(parts), start, " ".join(parts)))
        elif (
            parts
            and len(parts[0]) >= 4
            and start >= 2
            and text[start - 1] == " "
            and (text[start - 2].islower() or text[start - 2] in ",;:")
        ):
            scored.append((1.5, start, parts[0]))


def _lower_runs(text: str, scored: list[tuple[float, int, str]]) -> None:
    for match in _LOWER_RUN.finditer(text):
        start = match.start()
        words = match.group().split(" ")
        previous = ""
        for offset, word in enumerate(words):
            common = _common(word)
            if previous and not common and len(word) >= 6 and max(len(previous), len(word)) >= 8:
                pair = f"{previous} {word}"
                scored.append((2.2 + 0.03 * len(pair), start + offset, pair))
            if "-" in word:
                scored.append((1.8, start + offset, word))
            elif len(word) >= 9 and not common:
                scored.append((1.0 + 0.05 * len(word), start + offset, word))
            previous = "" if common or len(word) < 6 or word.endswith("s") else word


def salient_terms(reply: str, avoid: tuple[str, ...] = (), limit: int = 4) -> list[str]:
    """Up to `limit` phrases of `reply` worth asking about, best first, none in `avoid`."""
    text = reply[:_SCAN_CHARS]
    scored: list[tuple[float, int, str]] = []
    _names(text, scored)
    for match in _QUANTITY.finditer(text):
        scored.append((2.6, match.start(), match.group()))
    _lower_runs(text, scored)
    scored.sort(key=lambda item: (-item[0], item[1]))
    blocked = {phrase.lower() for phrase in avoid}
    terms: list[str] = []
    for _, _, phrase in scored:
        key = phrase.lower()
        if key in blocked:
            continue
        blocked.add(key)
        terms.append(phrase)
        if len(terms) == limit:
            break
    return terms


def content_stems(phrase: str) -> frozenset[str]:
    """Five-letter stems of the content words of `phrase`, to test whether a reply is on it."""
    return frozenset(
        word[:5]
        for word in _CONTENT.findall(phrase.lower())
        if len(word) >= 3 and word not in STOPWORDS
    )


def stems_in(lowered_words: Iterable[str]) -> frozenset[str]:
    """Five-letter stems of already lower-cased words."""
    return frozenset(word[:5] for word in lowered_words)
