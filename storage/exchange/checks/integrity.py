"""Is every sample usable: valid for its format, free of NaN and infinities, not repeated."""

from __future__ import annotations

from collections import Counter

from simulator.text import counted
from storage.exchange.checks.context import Context, pct
from storage.exchange.checks.results import CheckResult, judged, skipped
from storage.exchange.checks.sample import Sample
from storage.exchange.checks.sightings import Seen

EXAMPLES = 20
"""Problems kept for `--json` (the finding shows the first)."""


class FormatValidity:
    name = "format"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._count = self._bad = 0
        self._examples: list[str] = []
        self._notes: list[str] = []

    def note(self, text: str) -> None:
        """A file-level remark that does not invalidate a sample (warns)."""
        self._notes.append(text)

    def add(self, sample: Sample, seen: Seen) -> None:
        self._count += 1
        if sample.problems:
            self._bad += 1
            if len(self._examples) < EXAMPLES:
                self._examples.append(f"{sample.where}: {sample.problems[0]}")

    def result(self) -> CheckResult:
        unit = self._context.unit
        if self._bad:
            finding = (f"{self._bad:,} of {self._count:,} {unit} invalid; first: "
                       f"{self._examples[0]}")
        else:
            finding = f"all {self._count:,} {unit} valid {self._context.format}"
        if self._notes:
            finding += "; " + "; ".join(self._notes)
        return judged(self.name, self._context.required(self.name), finding,
                      problem=bool(self._bad), short=bool(self._notes), invalid=self._bad,
                      problems=self._examples, notes=self._notes)


class NonFinite:
    """Seed 002: no NaN or infinite values in any numeric field."""

    name = "non-finite"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._fields: Counter[str] = Counter()
        self._first = ""

    def add(self, sample: Sample, seen: Seen) -> None:
        if sample.non_finite:
            self._first = self._first or f"{sample.where} {sample.non_finite[0]}"
            self._fields.update(sample.non_finite)

    def result(self) -> CheckResult:
        required = self._context.required(self.name)
        if self._context.format == "openai-chat":
            return skipped(self.name, required, "openai-chat lines hold no numbers")
        if not self._fields:
            return judged(self.name, required, "no NaN or infinity in any numeric field",
                          problem=False)
        fields = ", ".join(f"{name} {count:,}" for name, count in self._fields.most_common())
        finding = (f"{counted(self._fields.total(), 'NaN or infinite value')}: {fields}; "
                   f"first: {self._first}")
        return judged(self.name, required, finding, problem=True, fields=dict(self._fields))


class Duplicates:
    """The same content (dialogue, pair or row) or the same identity twice."""

    name = "duplicates"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._count = self._repeated = self._same_content = self._same_id = 0
        self._first = ""

    def add(self, sample: Sample, seen: Seen) -> None:
        self._count += 1
        content, key = seen.content is not None, seen.key is not None
        self._same_content += content
        self._same_id += key
        self._repeated += content or key
        if (content or key) and not self._first:
            what = sample.key_text if key else "the content of an earlier one"
            self._first = f"{sample.where} repeats {what}"

    def result(self) -> CheckResult:
        unit, repeated = self._context.unit, self._repeated
        by_id = "by content" if self._context.format == "openai-chat" else "by content or id"
        if not repeated:
            finding = f"no repeated {unit} ({by_id}) among {self._count:,}"
        else:
            finding = (f"{repeated:,} of {self._count:,} {unit} repeat an earlier one "
                       f"({self._same_content:,} same content, {self._same_id:,} same id); "
                       f"first: {self._first}")
        return judged(self.name, self._context.required(self.name), finding,
                      problem=bool(repeated), same_content=self._same_content,
                      same_id=self._same_id)


class DuplicatePrompts:
    """The same prompt more than once: expected with paired openings, worth knowing."""

    name = "duplicate-prompts"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._count = self._repeats = 0
        self._first = ""

    def add(self, sample: Sample, seen: Seen) -> None:
        if sample.prompt is None:
            return
        self._count += 1
        if seen.prompt is not None:
            self._repeats += 1
            self._first = self._first or sample.where

    def result(self) -> CheckResult:
        required, prompts = self._context.required(self.name), self._context.prompts
        if not self._count:
            return skipped(self.name, required, f"no {prompts} to compare")
        if not self._repeats:
            return judged(self.name, required, f"all {self._count:,} {prompts} distinct",
                          problem=False, repeats=0)
        finding = (f"{self._repeats:,} of {self._count:,} {prompts} "
                   f"({pct(self._repeats / self._count)}) repeat an earlier one; first: "
                   f"{self._first}")
        return judged(self.name, required, finding, problem=True, repeats=self._repeats)
