"""Reading a judge's answer strictly: every criterion, a number, on its scale."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.errors import JudgeError
from simulator.json_reply import find_json_object
from simulator.judge.rubric import Rubric


@dataclass(frozen=True, slots=True)
class Judgement:
    """Valid scores for every criterion of a rubric, by criterion name, and the reason."""

    scores: dict[str, float]
    reason: str


def parse_judgement(text: str, rubric: Rubric) -> Judgement:
    """The judgement in `text`, or JudgeError naming what is wrong with it.

    Accepts `{"scores": {...}, "reason": ...}` or the scores at the top level. Nothing is
    clamped or guessed: a missing, non-numeric or out-of-scale score rejects the answer.
    """
    data = find_json_object(text)
    if data is None:
        raise JudgeError(f"no JSON object in the answer {text[:80]!r}")
    scores = data.get("scores", data)
    if not isinstance(scores, dict):
        raise JudgeError(f'"scores" is {type(scores).__name__}, expected an object')
    missing = [c.name for c in rubric.criteria if c.name not in scores]
    if missing:
        raise JudgeError(f"missing scores for {', '.join(missing)}")
    parsed: dict[str, float] = {}
    for criterion in rubric.criteria:
        value = scores[criterion.name]
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                pass
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise JudgeError(f"{criterion.name} = {value!r} is not a number")
        if not criterion.min <= value <= criterion.max:
            raise JudgeError(f"{criterion.name} = {value:g} is outside {criterion.scale}")
        parsed[criterion.name] = float(value)
    reason = data.get("reason")
    return Judgement(parsed, reason.strip() if isinstance(reason, str) else "")
