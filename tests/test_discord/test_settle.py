"""When a streamed reply counts as complete, on a clock of plain numbers."""

from __future__ import annotations

import json
import math

from bridge.discord.collector import CollectedReply, Part
from bridge.discord.outcome import RAW_LIMIT, raw_payload
from bridge.discord.settle import Markers, Settling

LLMCORD = Markers((" ⚪",), (0xE67E22,))


def settling() -> Settling:
    return Settling(quiet_s=1.5, typing_s=10, quiet_factor=2)


def test_the_quiet_window_grows_with_the_longest_gap_between_edits() -> None:
    state = settling()
    state.changed(0.0, 1, edit=False, marker=None)
    assert state.due() == 1.5
    for at in (1.0, 2.0, 4.0):  # once a second, then a 2 s stall
        state.changed(at, 1, edit=True, marker=None)
    assert state.largest_gap == 2.0 and state.window == 4.0 and state.due() == 8.0
    figures = state.completion(8.0, 1, deadline=False)
    assert (figures.edits, figures.settle_s, figures.ended_by) == (3, 4.0, "quiet")


def test_a_marker_holds_the_reply_and_its_removal_ends_it_after_the_base_window() -> None:
    state = settling()
    state.changed(0.0, 1, edit=False, marker=LLMCORD.found(
        {"content": "", "embeds": [{"description": "Hello ⚪", "color": 0xE67E22}]}))
    state.changed(1.0, 1, edit=True, marker="ends in ' ⚪'")
    assert state.due() == math.inf and state.marker == "message 1 ends in ' ⚪'"
    state.changed(2.0, 1, edit=True, marker=None)
    assert state.window == 1.5 and state.due() == 3.5
    assert state.completion(3.5, 1, deadline=False).ended_by == "marker cleared"


def test_typing_after_the_last_change_holds_the_turn() -> None:
    state = settling()
    state.changed(0.0, 1, edit=False, marker=None)
    state.typing(1.0)
    assert state.due() == 11.0
    state.changed(2.0, 2, edit=False, marker=None)
    assert state.due() == 6.0 and state.typing_events == 1


def test_markers_are_found_in_content_descriptions_and_colours() -> None:
    assert LLMCORD.found({"content": "still going ⚪  "}) == "ends in ' ⚪'"
    assert LLMCORD.found({"content": "", "embeds": [{"description": "done", "color": 0xE67E22}]}
                         ) == "has the in-progress embed colour #e67e22"
    assert LLMCORD.found({"content": "", "embeds": [{"description": "done", "color": 0x1F8B4C},
                                                    {"title": "⚪"}]}) is None
    assert Markers().found({"content": "x ⚪"}) is None


def test_the_raw_payload_stays_valid_json_within_its_limit() -> None:
    state = settling()
    parts = []
    for n in range(3):
        state.changed(float(n), n, edit=False, marker=None)
        parts.append(Part(n, "x" * 3000, {"id": str(n), "content": "",
                                          "embeds": [{"description": "x" * 3000, "color": 1}]}))
    completion = state.completion(5.0, 3, deadline=False)
    raw = raw_payload(CollectedReply(tuple(parts), 0.1, 2.0, 3, completion))
    data = json.loads(raw)
    assert len(raw) <= RAW_LIMIT and data["completion"]["messages"] == 3
    assert [m["id"] for m in data["messages"]] == ["0", "1", "2"]
    assert data["messages"][0]["embeds"][0]["description"].startswith("xxx")
