"""What every check knows about the export it is looking at."""

from __future__ import annotations

from dataclasses import dataclass

from storage.exchange.checks.settings import Thresholds
from storage.exchange.formats import Format

UNITS = {"openai-chat": "conversations", "sharegpt": "conversations",
         "preference-pairs": "pairs"}
PROMPTS = {"openai-chat": "openings", "sharegpt": "openings", "messages-csv": "messages",
           "turns-csv": "user messages", "turns-parquet": "user messages"}
"""What a sample's prompt is, per format (preference pairs: `prompts`)."""


@dataclass(slots=True)
class Context:
    format: Format
    thresholds: Thresholds
    score_name: str | None = None
    """Set once the first file is open (its header decides the score column)."""

    @property
    def unit(self) -> str:
        return UNITS.get(self.format, "rows")

    @property
    def prompts(self) -> str:
        return PROMPTS.get(self.format, "prompts")

    def required(self, name: str) -> bool:
        return self.thresholds.required(name)


def pct(share: float) -> str:
    return f"{share:.1%}"
