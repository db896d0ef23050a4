"""Content terms: the lower-cased, stemmed words of a text that carry its topic."""

from __future__ import annotations

import re
from functools import lru_cache

_TERM = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any anything are aren't as at be
    because been before being below between both but by can can't cannot could couldn't did
    didn't do does doesn't doing don't down during each either else even ever every few for
    from further get gets getting got had hadn't has hasn't have haven't having he he'd he'll
    he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in
    into is isn't it it's its itself just let let's like lot maybe me might more most much
    must mustn't my myself no nor not now of off on once one only or other ought our ours
    ourselves out over own quite rather really same say shall shan't she she'd she'll she's
    should shouldn't so some something such sure than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've thing things this
    those though through to too under until up upon us very was wasn't we we'd we'll we're
    we've well were weren't what what's when when's where where's whether which while who
    who's whom whose why why's will with won't would wouldn't yet you you'd you'll you're
    you've your yours yourself yourselves
    hi hello hey thanks thank please ok okay yeah yes yep lol oh hmm tell know want
    """.split()
)
"""Function words and chat fillers that say nothing about the topic."""

_VOWELS = frozenset("aeiouy")
_NO_UNDOUBLE = frozenset("aeiouylsz")


def _has_vowel(text: str) -> bool:
    return any(char in _VOWELS for char in text)


def stem(word: str) -> str:
    """A light, deterministic suffix stemmer for lower-case English words.

    At most one suffix goes: `-ies`/`-ied` -> `-y`; `-eed` -> `-ee` (after 3+ letters);
    `-ing`, `-ed` (leaving 2+ letters with a vowel); `-es` after s, x, z, ch, sh; `-s`
    (not after s, u, i); `-ly` (leaving 4+ letters, not ending in i or p). Then a final `-e`
    (not `-ee`) is dropped and a doubled final consonant other than l, s, z is undoubled,
    so "deploy"/"deploys"/"deploying"/"deployed", "use"/"used"/"using" and "run"/"running"
    each share a stem. Non-alphabetic words are kept as they are.
    """
    if len(word) < 3 or not word.isalpha():
        return word
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if word.endswith("eed"):
        word = word[:-1] if len(word) >= 6 else word
    elif word.endswith("ing") and _has_vowel(word[:-3]) and len(word) >= 5:
        word = word[:-3]
    elif word.endswith("ed") and _has_vowel(word[:-2]) and len(word) >= 4:
        word = word[:-2]
    elif word.endswith(("sses", "xes", "zes", "ches", "shes")):
        word = word[:-2]
    elif word[-1] == "s" and word[-2] not in "sui":
        word = word[:-1]
    elif word.endswith("ly") and len(word) >= 6 and word[-3] not in "ip":
        word = word[:-2]
    if len(word) >= 3 and word[-1] == "e" and word[-2] != "e":
        word = word[:-1]
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in _NO_UNDOUBLE:
        word = word[:-1]
    return word


@lru_cache(maxsize=32768)
def _term(token: str) -> str | None:
    """The stem of a token, or None for a stop word (memoised: chat vocabularies are small)."""
    if token in STOP_WORDS:
        return None
    return stem(token.partition("'")[0])


def content_terms(text: str) -> list[str]:
    """The stemmed content words of `text`, lower-cased, stop words removed, in order.

    A clitic is dropped after the stop-word check: "kubernetes's" counts as "kubernetes".
    """
    lowered = text.lower().replace("’", "'")
    return [term for term in map(_term, _TERM.findall(lowered)) if term is not None]
