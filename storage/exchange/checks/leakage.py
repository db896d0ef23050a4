"""Split exports: nothing of one split in another, and every split stratified.

Samples carry their split (from the file name, else their `split` field); a conversation,
a content or a prompt leaks when it shows up in a split other than the one it was first
seen in (train is read first).
"""

from __future__ import annotations

from collections import Counter

from simulator.text import counted
from storage.exchange.checks.context import Context, pct
from storage.exchange.checks.results import CheckResult, judged, skipped
from storage.exchange.checks.sample import Sample
from storage.exchange.checks.sightings import Seen

STRATUM_SLACK = 0.05
"""A split may hold a stratum's share give or take one group (the conversations sharing an
opening, which the splitter keeps together) plus this fraction of the stratum."""


def _one_split(splits: Counter[str]) -> str | None:
    """Why the leakage checks do not apply, or None when there are several splits."""
    if len(splits) >= 2:
        return None
    name = next(iter(splits), "")
    if not name:
        return "not a split export (no train / val / test)"
    return (f"only the {name} split; pass the export's --out path to check all its splits "
            "together")


def _split(sample: Sample) -> str:
    return sample.split or ""


class SplitLeakage:
    """The same conversation, or identical content, in two splits."""

    name = "split-leakage"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._splits: Counter[str] = Counter()
        self._conversations: set[str] = set()
        self._contents = 0
        self._first = ""

    def add(self, sample: Sample, seen: Seen) -> None:
        split = _split(sample)
        self._splits[split] += 1
        for conversation, first in zip(sample.conversation_ids, seen.conversations,
                                       strict=True):
            if first is not None and first != split:
                self._conversations.add(conversation)
                self._first = self._first or (f"{sample.where}: conversation {conversation} "
                                              f"is also in {first}")
        if seen.content is not None and seen.content != split:
            self._contents += 1
            self._first = self._first or f"{sample.where}: the same content is also in " \
                f"{seen.content}"

    def result(self) -> CheckResult:
        required = self._context.required(self.name)
        reason = _one_split(self._splits)
        if reason is not None:
            return skipped(self.name, required, reason)
        sizes = ", ".join(f"{name} {count:,}" for name, count in self._splits.items())
        ids = "" if self._context.format == "openai-chat" else "conversation or "
        if not self._conversations and not self._contents:
            finding = f"no {ids}identical content in two splits ({sizes} {self._context.unit})"
            return judged(self.name, required, finding, problem=False)
        finding = (f"{counted(len(self._conversations), 'conversation')} and "
                   f"{self._contents:,} identical {self._context.unit} in more than one "
                   f"split; first: {self._first}")
        return judged(self.name, required, finding, problem=True,
                      conversations=len(self._conversations), contents=self._contents)


class PromptLeakage:
    """A prompt of one split also in another (train first): a model tested on what it saw."""

    name = "prompt-leakage"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._splits: Counter[str] = Counter()
        self._leaks: Counter[str] = Counter()

    def add(self, sample: Sample, seen: Seen) -> None:
        split = _split(sample)
        self._splits[split] += 0
        if sample.prompt is None:
            return
        self._splits[split] += 1
        if seen.prompt is not None and seen.prompt != split:
            self._leaks[split] += 1

    def result(self) -> CheckResult:
        required, prompts = self._context.required(self.name), self._context.prompts
        reason = _one_split(self._splits)
        if reason is not None:
            return skipped(self.name, required, reason)
        if not self._leaks:
            return judged(self.name, required, f"no {prompts} shared between splits",
                          problem=False)
        parts = ", ".join(f"{split} {count:,} of {self._splits[split]:,} "
                          f"({pct(count / self._splits[split])})"
                          for split, count in self._leaks.items())
        return judged(self.name, required, f"{prompts} also in an earlier split: {parts}",
                      problem=True, leaks=dict(self._leaks))


class Stratification:
    """Each split holds every stratum (persona or category) in proportion to its size."""

    name = "stratification"

    def __init__(self, context: Context) -> None:
        self._context = context
        stratify = context.thresholds.stratify
        self._field = "category" if stratify == "category" else "persona_id"
        self._counts: Counter[tuple[str, str]] = Counter()
        self._splits: Counter[str] = Counter()
        self._openings: Counter[tuple[str, int | None]] = Counter()
        """Conversations per stratum and opening prompt: the export splits such a group
        whole, so a split may be off its share by one group."""

    def add(self, sample: Sample, seen: Seen) -> None:
        self._splits[_split(sample)] += 0
        if sample.conversation_ids and seen.conversations[0] is None:
            stratum = sample.labels.get(self._field, "")
            self._counts[_split(sample), stratum] += 1
            if sample.prompt is not None:
                self._openings[stratum, sample.prompt] += 1

    def _gaps(self) -> list[tuple[float, float, str, str, int]]:
        """(excess over the allowance, gap, split, stratum, count) per split and stratum."""
        splits, strata = Counter[str](), Counter[str]()
        for (split, stratum), count in self._counts.items():
            splits[split] += count
            strata[stratum] += count
        total = splits.total()
        group = Counter[str]()
        for (stratum, _), count in self._openings.items():
            group[stratum] = max(group[stratum], count)
        gaps = []
        for split in self._splits:
            for stratum, size in strata.items():
                count = self._counts[split, stratum]
                gap = count - size * splits[split] / total
                allowed = max(1, group[stratum]) + STRATUM_SLACK * size
                gaps.append((abs(gap) - allowed, gap, split, stratum, count))
        return sorted(gaps, reverse=True)

    def result(self) -> CheckResult:
        required, fmt = self._context.required(self.name), self._context.format
        if fmt == "openai-chat":
            return skipped(self.name, required, "openai-chat lines carry no conversation id "
                           "or persona")
        if fmt == "preference-pairs":
            return skipped(self.name, required, "pairs follow their conversations' splits; "
                           "check a conversation or turn export")
        reason = _one_split(self._splits)
        if reason is not None:
            return skipped(self.name, required, reason)
        if not self._counts:
            return skipped(self.name, required, "no conversation ids to count")
        gaps = self._gaps()
        label = self._field.removesuffix("_id")
        strata = {stratum for _, stratum in self._counts}
        unseen = sorted(s for s in strata if not self._counts["train", s]) \
            if "train" in self._splits else []
        off = [gap for gap in gaps if gap[0] > 0]
        if unseen:
            finding = f"{label} never in train: {', '.join(s or '(none)' for s in unseen)}"
        elif off:
            _, gap, split, stratum, count = off[0]
            finding = (f"{len(off)} {label} x split cells off their share; widest: "
                       f"{stratum or '(none)'} has {count} conversations in {split}, "
                       f"{gap:+.1f} from its share")
        else:
            _, gap, split, stratum, _ = max(gaps, key=lambda g: abs(g[1]))
            finding = (f"{counted(len(strata), label)} over {len(self._splits)} splits in "
                       f"proportion (widest gap {gap:+.1f} conversations: "
                       f"{stratum or '(none)'} in {split})")
        return judged(self.name, required, finding, problem=bool(unseen or off),
                      off=len(off), unseen=unseen)
