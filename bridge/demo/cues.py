"""Reading a user message: its topic words, mood, question shape and length requests."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from simulator.text import words

Emotion = Literal["sad", "anxious", "frustrated", "excited"]
QuestionKind = Literal["open", "yesno"]

_EMOTION_PATTERNS: tuple[tuple[Emotion, re.Pattern[str]], ...] = (
    ("sad", re.compile(
        r"\b(?:sad|sadness|lonely|alone|depress\w*|hurt\w*|grief|griev\w*|cry\w*|cried|"
        r"tears|heartbr\w*|upset|unhappy|miserable|discouraged|hopeless|exhausted|drained|"
        r"feel(?:s|ing)? (?:so )?(?:down|low|lost|empty|numb|invisible)|"
        r"miss(?:ing)? (?:him|her|them|my)|rough (?:day|week|time))\b",
        re.IGNORECASE,
    )),
    ("anxious", re.compile(
        r"\b(?:anxious|anxiety|worr\w*|nervous|scared|afraid|stress\w*|overwhelm\w*|"
        r"panic\w*|terrified|fear|fears|dread\w*|uneasy|on edge|can'?t sleep|insecure)\b",
        re.IGNORECASE,
    )),
    ("frustrated", re.compile(
        r"\b(?:frustrat\w*|annoy\w*|angry|anger|mad at|stuck|fed up|irritat\w*|hate|ugh+|"
        r"useless|pointless|not helpful|unhelpful|confus\w*|doesn'?t make sense|"
        r"not listening|struggl\w*|sick of|give up|giving up)\b",
        re.IGNORECASE,
    )),
    ("excited", re.compile(
        r"\b(?:excited|exciting|amazing|awesome|thrilled|stoked|can'?t wait|love|loving|"
        r"incredible|wow|fantastic|pumped|psyched|so cool)\b",
        re.IGNORECASE,
    )),
)
"""Checked in this order; ties go to the earlier kind."""

_BREVITY = re.compile(
    r"(?:\bshort(?:er)? version\b|\btl;?\s?dr\b|\btoo long\b|\bshorter\b|\bkeep it (?:short|brief)"
    r"|\bbriefly\b|\bin a nutshell\b|\bone sentence\b|\bquick answer\b|\bjust the gist\b"
    r"|\bsummar(?:y|ise|ize)\b|\bwall of text\b|\bless text\b|\bfewer words\b"
    r"|\bget to the point\b)",
    re.IGNORECASE,
)
_DETAIL = re.compile(
    r"(?:\bmore detail\w*|\bin (?:more )?detail\b|\belaborate\b|\bin[- ]depth\b|\bgo deeper\b"
    r"|\bexplain (?:more|further|why|how)\b|\bsources?\b|\bcitations?\b|\breferences?\b"
    r"|\bevidence\b|\bstudies\b|\bpapers?\b|\bexpand on\b|\bstep[- ]by[- ]step\b"
    r"|\bspecifics\b|\bdata\b|\bdig deeper\b|\btell me more\b|\bwalk me through\b)",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^\s*(?:what|how|why|where|when|which|who|whom|whose|can|could|would|will|should|"
    r"do|does|did|is|are|was|were|have|has|any|tell me|explain)\b",
    re.IGNORECASE,
)
_YESNO_START = re.compile(
    r"^\s*(?:can|could|would|will|should|do|does|did|is|are|was|were|have|has)\b",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"^\s*(?:can|could|would|will) you (?:please )?(?:explain|tell|describe|give|show|walk|"
    r"help|share|summari[sz]e|list|recommend|suggest|elaborate|expand|go)\b",
    re.IGNORECASE,
)
"""A polite request phrased as a yes/no question ("could you explain..."): an open one."""
_SENTENCE_END = re.compile(r"[.!?]+\s+")
_GREETING = re.compile(r"^\s*(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|evening))\b",
                       re.IGNORECASE)
_THANKS = re.compile(r"\b(?:thanks|thank you|thx|cheers|appreciate it)\b", re.IGNORECASE)

_STOPWORDS = frozenset("""
a about above after again against all almost also although always am an and another any anyone
anything anyway are aren't around as at away back be because been before being below best better
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done
down during each either else enough even ever every everyone everything exactly few find first
for from further get gets getting give go goes going gonna good got gotta great had hadn't has
hasn't have haven't having he he'd he'll he's her here hers herself him himself his how however
i i'd i'll i'm i've if in into is isn't it it's its itself just keep kind know let let's like
likely little lot lots made make makes making many may maybe me mean means might mine more most
much must my myself need needs never new no nor not nothing now of off often oh ok okay on once
one only or other others otherwise our ours ourselves out over own perhaps please pretty quite
rather really right said same say says see seem seems she she'd she'll she's should shouldn't
show so some someone something sometimes somewhat sort still stuff such sure take tell than
thank thanks that that's the their theirs them themselves then there there's these they they'd
they'll they're they've thing things think this those though through thus to today too toward
try trying under until up upon us use used using very want wants was wasn't way ways we we'd
we'll we're we've well went were weren't what what's whatever when where whether which while who
who's whom whose why will with within without won't wonder would wouldn't yeah yes yet you
you'd you'll you're you've your yours yourself yourselves hi hello hey wow lol haha cool nice
ask asked asking feel feeling felt look looking got gonna wanna kinda lately recently actually
basically literally honestly probably definitely different part question questions answer idea
ideas version explain detail details sources source short long tl dr tldr
last next week weeks day days month months year years tonight yesterday tomorrow since ago
time times always already soon later early lately morning evening night weekend
works worked working wanted tried tries start started starting help helps helped helping
seemed happen happens happened came come comes told gives gave found finds kept put call
called talk talking talked tell telling told saying thought thinking knew known means meant
bit big far per via etc put set yep nah huh ooh aww hmm umm omg btw idk imo tbh pls thx guy
due got get let lot new old two six ten yes off own ask saw say see via way
recover recovers happen grow grows improve improves understand affect affects compare matter
differ survive exist evolve build write deal handle manage fix solve cope become remain stay
live die died recommend suggest describe consider prefer enjoy figure learn afford decide
""".split())
_EMOTION_WORDS = frozenset("""
sad down low lonely alone hurt grief upset unhappy miserable discouraged hopeless empty lost
exhausted drained frustrated frustrating annoyed annoying angry stuck useless pointless confused
confusing anxious anxiety worried worry worrying nervous scared afraid stressed stress stressful
overwhelmed panic terrified fear dread excited exciting amazing awesome thrilled stoked love
incredible fantastic pumped struggling struggle depressed crying cried tears
""".split())

_WEAK_TAIL = frozenset({"work", "works", "thing", "things", "stuff"})
"""Dropped from the end of a multi-word topic: they qualify the words before them."""


@dataclass(frozen=True, slots=True)
class Cues:
    """What a bot noticed about the message it is answering."""

    topic: str | None
    """The main topic phrase, taken from the message's own words (or the last one's)."""
    topic_words: tuple[str, ...]
    """Other meaningful words of the message, most telling first."""
    emotion: Emotion | None
    emotion_strength: int
    """How many emotional markers the message carries (0 when `emotion` is None)."""
    question: QuestionKind | None
    word_count: int
    wants_brevity: bool
    wants_detail: bool
    asked_brevity_before: bool
    """A brevity request in one of the last few user messages of the history."""
    greeting: bool
    thanks: bool
    turn: int
    """How many user messages came before this one."""

    def length_factor(self) -> float:
        """0 for a one-or-two-word message rising to 1 at fifty words, on a log scale."""
        n = self.word_count
        if n <= 2:
            return 0.0
        return min(1.0, (math.log(n + 1) - _LOG3) / (_LOG51 - _LOG3))


_LOG3 = math.log(3)
_LOG51 = math.log(51)


def _is_content(word: str) -> bool:
    low = word.lower()
    if low in _STOPWORDS or low in _EMOTION_WORDS:
        return False
    if len(word) >= 3:
        return not word.isdigit()
    return len(word) == 2 and word.isupper()  # AI, ML, UX


def _topics(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The main topic phrase (a run of up to three content words) and the other content words."""
    runs: list[list[str]] = []
    current: list[str] = []
    for index, word in enumerate(words(text)):
        if _is_content(word):
            keep_case = word.isupper() or (index > 0 and word[0].isupper())  # AI, Iceland
            current.append(word if keep_case else word.lower())
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs:
        return None, ()
    main = max(runs, key=lambda run: sum(map(len, run[-3:])))  # long words say the most
    head = main[-3:]
    if len(head) > 1 and head[-1] in _WEAK_TAIL:
        head = head[:-1]  # "how does attention work" is about attention
    phrase = " ".join(head)
    seen = set(head)
    rest: list[str] = []
    for run in runs:
        for word in run:
            if word not in seen:
                seen.add(word)
                rest.append(word)
    rest.sort(key=len, reverse=True)
    return phrase, tuple(rest[:6])


def _emotion(text: str) -> tuple[Emotion | None, int]:
    best: Emotion | None = None
    best_hits = 0
    for kind, pattern in _EMOTION_PATTERNS:
        hits = len(pattern.findall(text))
        if hits > best_hits:
            best, best_hits = kind, hits
    return best, best_hits


def _question(text: str) -> QuestionKind | None:
    stripped = text.strip()
    if "?" in stripped:
        sentence = _SENTENCE_END.split(stripped[: stripped.rfind("?")])[-1]
    elif _QUESTION_START.match(stripped):
        sentence = stripped
    else:
        return None
    if _YESNO_START.match(sentence) and not _REQUEST.match(sentence):
        return "yesno"
    return "open"


def read_cues(message: str, history: Sequence[tuple[str, str]] = ()) -> Cues:
    """Read `message`, using the last few user messages of `history` ((role, content) pairs)."""
    topic, topic_words = _topics(message)
    user_turns = [content for role, content in history if role == "user"]
    if topic is None:
        for earlier in reversed(user_turns[-3:]):
            topic, topic_words = _topics(earlier)
            if topic is not None:
                break
    emotion, strength = _emotion(message)
    return Cues(
        topic=topic,
        topic_words=topic_words,
        emotion=emotion,
        emotion_strength=strength,
        question=_question(message),
        word_count=len(words(message)),
        wants_brevity=bool(_BREVITY.search(message)),
        wants_detail=bool(_DETAIL.search(message)),
        asked_brevity_before=any(_BREVITY.search(text) for text in user_turns[-3:]),
        greeting=bool(_GREETING.match(message)),
        thanks=bool(_THANKS.search(message)),
        turn=len(user_turns),
    )
