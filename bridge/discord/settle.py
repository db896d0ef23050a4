"""When a reply that a bot streams through edits is finished, decided from what it did so far.

A reply is complete once every one of these holds:

- no part still shows an in-progress marker: text a bot appends only while it streams
  (llmcord's ` ⚪`, a block cursor) or an embed colour it uses only then (llmcord's orange);
- the target is not typing (an indicator lasts `typing_s`, or until its next message or edit);
- nothing changed for the quiet window: `quiet_s`, or `quiet_factor` times the longest gap
  seen between the target's messages and edits in this turn, whichever is longer, so a bot
  that edits once a second is not cut off between two edits. A bot that showed a marker
  and then took it away has said it is done: its quiet window is `quiet_s` alone.

Pure bookkeeping over a clock the caller reads; the waiting is the collector's.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Markers:
    """What shows that a message is still being streamed (the bots file's `stream_markers`
    and `stream_colors`; none by default here)."""

    texts: tuple[str, ...] = ()
    colors: tuple[int, ...] = ()

    def found(self, record: Mapping[str, object]) -> str | None:
        """The marker a message record (content, embeds) still shows, described; else None."""
        embeds = record.get("embeds")
        embeds = embeds if isinstance(embeds, list) else []
        texts = [record.get("content")] + [embed.get("description") for embed in embeds
                                           if isinstance(embed, dict)]
        for text in texts:
            if not isinstance(text, str):
                continue
            for marker in self.texts:
                if marker.strip() and text.rstrip().endswith(marker.strip()):
                    return f"ends in {marker!r}"
        for embed in embeds:
            color = embed.get("color") if isinstance(embed, dict) else None
            if isinstance(color, int) and color in self.colors:
                return f"has the in-progress embed colour #{color:06x}"
        return None


@dataclass(frozen=True, slots=True)
class Completion:
    """How a turn's reply was judged complete: the figures stored with the turn."""

    messages: int
    """Messages that make the reply."""
    edits: int
    """Edits of those messages seen during the turn."""
    typing: int
    """Typing indicators seen during the turn."""
    largest_gap_s: float
    """Longest pause between two of the target's messages or edits."""
    quiet_window_s: float
    """The quiet window the turn ended with."""
    settle_s: float
    """Seconds from the reply's last change to the moment it was taken as complete."""
    ended_by: str
    """`quiet`, `marker cleared` (the bot took its streaming marker away), or `deadline`."""
    marker: str | None
    """The in-progress marker a part still showed when the turn ended (`deadline` only)."""

    def as_dict(self) -> dict[str, object]:
        return {"messages": self.messages, "edits": self.edits, "typing": self.typing,
                "largest_gap_s": round(self.largest_gap_s, 3),
                "quiet_window_s": round(self.quiet_window_s, 3),
                "settle_s": round(self.settle_s, 3), "ended_by": self.ended_by,
                "marker": self.marker}


class Settling:
    """The completion state of one turn: feed it changes and typing, ask when it is due."""

    def __init__(self, *, quiet_s: float, typing_s: float, quiet_factor: float) -> None:
        self.quiet_s = quiet_s
        self.typing_s = typing_s
        self.quiet_factor = quiet_factor
        self.reset()

    def reset(self) -> None:
        """Forget everything: what came so far was not part of this turn's reply."""
        self.last_at: float | None = None
        self.largest_gap = 0.0
        self.edits = 0
        self.typing_events = 0
        self._typing_until = 0.0
        self._marked: dict[int, str] = {}
        self._ever_marked = False

    def changed(self, now: float, message_id: int, *, edit: bool, marker: str | None) -> None:
        """A message of the reply was sent or edited; `marker` is what it still shows."""
        if self.last_at is not None:
            self.largest_gap = max(self.largest_gap, now - self.last_at)
        self.last_at = now
        self.edits += edit
        self._typing_until = 0.0
        if marker is None:
            self._marked.pop(message_id, None)
        else:
            self._marked[message_id] = marker
            self._ever_marked = True

    def forget(self, message_id: int) -> None:
        self._marked.pop(message_id, None)

    def typing(self, now: float) -> None:
        self.typing_events += 1
        self._typing_until = now + self.typing_s

    @property
    def marker(self) -> str | None:
        """What a part still shows that says the reply is in progress, if any."""
        return next((f"message {message_id} {marker}"
                     for message_id, marker in self._marked.items()), None)

    @property
    def window(self) -> float:
        if self._ever_marked and not self._marked:
            return self.quiet_s
        return max(self.quiet_s, self.quiet_factor * self.largest_gap)

    def due(self) -> float:
        """When the reply is complete if nothing else happens (inf: a marker holds it)."""
        if self.last_at is None or self._marked:
            return math.inf
        return max(self.last_at + self.window, self._typing_until)

    def completion(self, now: float, messages: int, *, deadline: bool) -> Completion:
        last = self.last_at if self.last_at is not None else now
        ended_by = "deadline" if deadline else (
            "marker cleared" if self._ever_marked else "quiet")
        return Completion(messages, self.edits, self.typing_events, self.largest_gap,
                          self.window, max(0.0, now - last), ended_by,
                          self.marker if deadline else None)
