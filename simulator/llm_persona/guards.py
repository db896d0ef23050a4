"""Checks every message a persona model writes must pass before it reaches the bot.

Small models slip in known ways: they answer as the assistant ("Hi there! How can I
assist you today?"), send the same line again, echo the bot, stop mid-sentence, or hand
back the answer format itself (`{"message": "<what you type>"}`). Each check is plain,
deterministic code; `check_message` names the first one a message fails, or None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Literal

Guard = Literal["empty", "truncated", "format", "role_break", "repeat"]

GUARDS: tuple[Guard, ...] = ("empty", "truncated", "format", "role_break", "repeat")

GUARD_MEANINGS: dict[Guard, str] = {
    "empty": "no message, or no word in it",
    "truncated": "cut off mid-sentence (a dangling comma, conjunction or open bracket)",
    "format": "JSON, a template placeholder or a transcript label instead of a message",
    "role_break": "written as the assistant: offers of help, 'as an AI', assistant greetings",
    "repeat": "the same or nearly the same as an earlier message of the conversation",
}

NEAR_REPEAT = 0.85
"""Similarity (difflib ratio of the normalised texts) from which a message is a repeat."""

COPIED_RUN = 8
"""Words in a row shared with an earlier message that make a message a copy (small models
paste whole clauses of their own or the bot's earlier turns)."""

_ROLE_BREAK = re.compile(
    r"\b(how (can|may|could) i (help|assist|be of (help|assistance))|"
    r"what can i (do|help you with)|"
    r"as an ai\b|as a(n)? (ai|language model|virtual assistant|chatbot)|"
    r"i am an ai\b|i'?m an ai\b|i'?m (just )?a (language model|chatbot|virtual assistant)|"
    r"i'?m here to (help|assist)|i am here to (help|assist)|"
    r"i'?d be (happy|glad|delighted) to (help|assist)|i would be (happy|glad) to (help|assist)|"
    r"is there anything else|anything else i can|let me know if you (need|have|want)|"
    r"feel free to (ask|reach out)|i can help you with|"
    r"(happy|glad) to (help|assist|answer)|any (follow-up|further|more) questions|"
    r"here to assist you|assist you (today|with)|how i can help|"
    r"supportive to you|how are you holding up|what (exactly )?do you want to know|"
    r"(don'?t|do not) have enough information|answer your question|"
    r"could you please provide me)",
    re.IGNORECASE,
)
"""Phrases that give away a model that slipped into the assistant's role."""

_FORMAT = re.compile(
    r'^\s*[{\[]|"(message|emotion|engagement|intent|end)"\s*:|'
    r"<[^<>\n]{2,40}>|\[(your|insert|name|user)[^\]]*\]|\{[a-z_]+\}|"
    r"^\s*(assistant|user|you(\s*\([^)]*\))?)\s*:|^\s*\([^()]*\)\s*$",
    re.IGNORECASE,
)
"""JSON (or its keys), `<placeholders>`, `[Your name]`, `{slots}`, a leading role label, a
line that is all one parenthesis (a stage direction or an echo of the harness's cues)."""

_DANGLING = frozenset(
    "a an the and or but of my your our their because".split()
)
_WORD = re.compile(r"[\w']+")


def normalised(text: str) -> str:
    """Lower case, words only, single spaces: what a repeat is judged on."""
    return " ".join(_WORD.findall(text.lower()))


def sounds_like_assistant(message: str) -> bool:
    return bool(_ROLE_BREAK.search(message))


def looks_like_format(message: str) -> bool:
    return bool(_FORMAT.search(message))


def looks_truncated(message: str) -> bool:
    """Ends on a comma, colon, dash or open bracket, or on a word no sentence ends with."""
    text = message.rstrip()
    if text.endswith((",", ":", ";", "(", "-", "—")) or text.count("(") > text.count(")"):
        return True
    if text.count('"') % 2 == 1:
        return True
    words = _WORD.findall(text.lower())
    return len(words) > 3 and text[-1:].isalnum() and words[-1] in _DANGLING


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + COPIED_RUN]) for i in range(len(words) - COPIED_RUN + 1)}


def is_repeat(message: str, earlier: Sequence[str]) -> bool:
    """The same as, nearly the same as (`NEAR_REPEAT`), or sharing `COPIED_RUN` words in a
    row with one of `earlier`."""
    key = normalised(message)
    runs = _runs(key.split())
    for other in earlier:
        other_key = normalised(other)
        if not other_key:
            continue
        if key == other_key or runs & _runs(other_key.split()):
            return True
        short, long = sorted((key, other_key), key=len)
        if len(short.split()) >= 4 and (
            (short in long and len(short) >= 0.6 * len(long))
            or SequenceMatcher(None, key, other_key).ratio() >= NEAR_REPEAT
        ):
            return True
    return False


def check_message(message: str, earlier: Sequence[str]) -> Guard | None:
    """The first guard `message` fails, or None; `earlier` is every message of the
    conversation so far (the persona's and the bot's)."""
    if not _WORD.search(message):
        return "empty"
    if looks_like_format(message):
        return "format"
    if sounds_like_assistant(message):
        return "role_break"
    if looks_truncated(message):
        return "truncated"
    if is_repeat(message, earlier):
        return "repeat"
    return None


def correction(guard: Guard, name: str, rejected: str) -> str:
    """The note sent with a re-ask: what was wrong with the rejected answer."""
    quoted = " ".join(rejected.split())[:160]
    what = {
        "empty": "it was empty",
        "truncated": "it stopped mid-sentence",
        "format": "it was the answer format or a template, not a message",
        "role_break": f"it sounded like the assistant; {name} is the user and never offers "
                      "help or says they are an AI",
        "repeat": "it repeated an earlier message; say something new that moves the "
                  "conversation on",
    }[guard]
    return (f'(Your answer "{quoted}" was not used: {what}. Write {name}\'s next message '
            "again, as the JSON object described above.)")
