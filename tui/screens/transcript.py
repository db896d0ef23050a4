"""The transcript screen: read one conversation turn by turn and rate its bot turns."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from simulator.errors import StorageError
from simulator.operator import OperatorChannel, Takeovers
from storage.browse import Transcript, TranscriptTurn, load_transcript, next_unrated
from storage.ratings import RatingKind, TurnRatings
from tui.screens.note import NoteScreen
from tui.widgets.footer import Footer
from tui.widgets.turn_card import TurnCard, score_style

if TYPE_CHECKING:
    from tui.app import SparringApp

RATING_SAVES = "rating-saves"
"""Worker group of rating writes; they run on the app so leaving a screen cannot cut one off."""


async def wait_for_rating_saves(app: App[object]) -> None:
    """Wait until every rating write already started is committed (reads then see it)."""
    pending = [w for w in app.workers if w.group == RATING_SAVES and not w.is_finished]
    if pending:
        await app.workers.wait_for_complete(pending)


class TranscriptScreen(Screen[None]):
    """One conversation: header figures, then each turn as a card; keys rate the current turn."""

    CSS_PATH = "transcript.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    REFRESH_SECONDS = 1.0
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("j,down", "move(1)", "Next", key_display="j"),
        Binding("k,up", "move(-1)", "Prev", key_display="k"),
        Binding("plus", "thumb(1)", "Good", key_display="+"),
        Binding("minus", "thumb(-1)", "Bad", key_display="-"),
        Binding("1", "stars(1)", "Stars", key_display="1-5"),
        *(Binding(str(n), f"stars({n})", f"{n} stars", show=False) for n in range(2, 6)),
        Binding("exclamation_mark", "flag", "Flag", key_display="!"),
        Binding("m", "note", "Note"),
        Binding("u", "review_next", "Next unrated"),
        Binding("o", "take_over", "Take over"),
        Binding("ctrl+b", "hand_back", "Hand back"),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    class Loaded(Message):
        """The conversation as stored; `generation` tells stale ratings from fresh ones."""

        def __init__(self, transcript: Transcript | None, generation: int) -> None:
            super().__init__()
            self.transcript = transcript
            self.generation = generation

    class SaveFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class ReviewFound(Message):
        """Where the review queue continues: (conversation id, turn index), or None."""

        def __init__(self, found: tuple[str, int] | None) -> None:
            super().__init__()
            self.found = found

    def __init__(self, conversation_id: str, focus_turn: int | None = None) -> None:
        super().__init__()
        self.conversation_id = conversation_id
        self.transcript: Transcript | None = None
        self.current: int | None = None
        """Index of the highlighted turn."""
        self._focus_turn = focus_turn
        self._cards: dict[int, TurnCard] = {}
        self._generation = 0
        self._timer: Timer | None = None
        self._takeover: tuple[Takeovers, OperatorChannel] | None = None
        """While the operator writes for the persona: the live run's registry and the channel."""
        self._operator_sent = 0
        self._operator_before = 0
        """Operator turns the conversation had when this takeover began."""

    @property
    def sparring(self) -> SparringApp:
        return cast("SparringApp", self.app)

    @property
    def turns(self) -> list[TranscriptTurn]:
        return [card.turn for card in self._cards.values()]

    def card(self, idx: int) -> TurnCard:
        """The card of turn `idx`."""
        return self._cards[idx]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield VerticalScroll(id="turns", can_focus=False)
        operator = Input(id="operator", placeholder="Write as the persona; Enter sends",
                         disabled=True)
        yield operator
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._timer = self.set_interval(self.REFRESH_SECONDS, self._load, pause=True)
        self._load()

    # -- loading -------------------------------------------------------------------------

    @work(exclusive=True, group="transcript-load")
    async def _load(self) -> None:
        generation = self._generation
        await wait_for_rating_saves(self.app)
        transcript = await load_transcript(self.sparring.db, self.conversation_id)
        self.post_message(self.Loaded(transcript, generation))

    @on(Loaded)
    async def _show(self, message: Loaded) -> None:
        transcript = message.transcript
        if transcript is None:
            self.notify(f"Conversation {self.conversation_id[:8]} is not in the database.",
                        severity="error")
            self.dismiss()
            return
        first = self.transcript is None
        self.transcript = transcript
        new: list[TurnCard] = []
        for turn in transcript.turns:
            card = self._cards.get(turn.idx)
            if message.generation != self._generation and card is not None:
                turn = replace(turn, ratings=card.turn.ratings)  # a rating is being saved
            if card is None:
                card = TurnCard(turn, user_label=self._user_label(), bot_label=self._bot_label())
                self._cards[turn.idx] = card
                new.append(card)
            else:
                card.update_turn(turn)
        if new:
            await self.query_one("#turns", VerticalScroll).mount_all(new)
        if first and self._cards:
            focus = self._focus_turn if self._focus_turn in self._cards else min(self._cards)
            self._set_current(focus)
        elif self.current is None and self._cards:
            self._set_current(min(self._cards))
        self._update_summary()
        if self._timer is not None:
            if transcript.conversation.status == "running":
                self._timer.resume()
            else:
                self._timer.pause()
        if self._takeover is not None:
            if new:
                self._set_current(max(self._cards))  # follow the conversation
            if transcript.conversation.status != "running":
                self._hand_back()
                self.notify("The conversation ended.", title="Takeover")
        if self.has_class("-taken"):
            self._update_operator()
        self.refresh_bindings()

    def _user_label(self) -> str:
        persona_id = self.transcript.conversation.persona_id if self.transcript else None
        persona = self.sparring.personas.get(persona_id or "")
        return persona.name if persona else (persona_id or "user")

    def _bot_label(self) -> str:
        return self.transcript.conversation.bot_id if self.transcript else "bot"

    def _update_summary(self) -> None:
        if self.transcript is None:
            return
        self.query_one("#summary", Static).update(summary(self.transcript, self.turns,
                                                          self._user_label()))

    # -- the current turn ----------------------------------------------------------------

    def _set_current(self, idx: int) -> None:
        if self.current in self._cards:
            self._cards[self.current].remove_class("-current")
        self.current = idx
        card = self._cards[idx]
        card.add_class("-current")
        self.call_after_refresh(self._reveal, card)

    def on_resize(self) -> None:
        if self.current in self._cards:
            self.call_after_refresh(self._reveal, self._cards[self.current])

    def _reveal(self, card: TurnCard) -> None:
        """Scroll the card into view; one taller than the view shows from its top."""
        turns = self.query_one("#turns", VerticalScroll)
        tall = card.outer_size.height > turns.scrollable_content_region.height
        turns.scroll_to_widget(card, animate=False, top=tall)

    def _current_turn(self) -> TranscriptTurn | None:
        return self._cards[self.current].turn if self.current in self._cards else None

    def action_move(self, step: int) -> None:
        order = sorted(self._cards)
        if not order:
            return
        if self.current not in self._cards:
            self._set_current(order[0])
            return
        position = min(max(order.index(self.current) + step, 0), len(order) - 1)
        if order[position] != self.current:
            self._set_current(order[position])

    def action_page(self, direction: int) -> None:
        turns = self.query_one("#turns", VerticalScroll)
        if direction > 0:
            turns.scroll_page_down()
        else:
            turns.scroll_page_up()

    def action_back(self) -> None:
        self.dismiss()

    # -- rating --------------------------------------------------------------------------

    def _answered_turn(self) -> TranscriptTurn | None:
        turn = self._current_turn()
        if turn is not None and turn.bot_reply is None:
            self.notify("The bot did not answer this turn; flag it (!) or add a note (m).",
                        severity="warning")
            return None
        return turn

    def action_thumb(self, value: int) -> None:
        """Thumbs up or down; the same thumb again takes it back."""
        turn = self._answered_turn()
        if turn is None:
            return
        same = turn.ratings.thumb == value
        self._rate(turn, replace(turn.ratings, thumb=None if same else value),
                   "thumb", None if same else value)

    def action_stars(self, stars: int) -> None:
        """One to five stars; the same count again takes them back."""
        turn = self._answered_turn()
        if turn is None:
            return
        same = turn.ratings.stars == stars
        self._rate(turn, replace(turn.ratings, stars=None if same else stars),
                   "stars", None if same else stars)

    def action_flag(self) -> None:
        """Flag the turn for review, or unflag it."""
        turn = self._current_turn()
        if turn is None:
            return
        flagged = not turn.ratings.flagged
        self._rate(turn, replace(turn.ratings, flagged=flagged), "flag",
                   None, clear=not flagged)

    def action_note(self) -> None:
        """Add or edit the turn's note in a modal."""
        turn = self._current_turn()
        if turn is None:
            return
        idx = turn.idx

        def save(note: str | None) -> None:
            if note is None or idx not in self._cards:
                return
            current = self._cards[idx].turn
            if note == (current.ratings.note or ""):
                return
            self._rate(current, replace(current.ratings, note=note or None), "note",
                       note=note, clear=not note)

        self.app.push_screen(NoteScreen(turn.ratings.note or "",
                                        title=f"Note on turn {idx + 1}"), save)

    def _rate(
        self, turn: TranscriptTurn, shown: TurnRatings, kind: RatingKind,
        value: float | None = None, *, note: str | None = None, clear: bool | None = None,
    ) -> None:
        """Show `shown` on the card now and write the rating in an app worker."""
        self._generation += 1
        self._cards[turn.idx].update_ratings(shown)
        self._update_summary()
        if clear is None:
            clear = value is None
        self.app.run_worker(
            self._write(turn.idx, kind, value, note, clear), group=RATING_SAVES,
            description=f"{kind} on turn {turn.idx} of {self.conversation_id}",
        )

    async def _write(
        self, idx: int, kind: RatingKind, value: float | None, note: str | None, clear: bool
    ) -> None:
        ratings = self.sparring.ratings
        try:
            if clear:
                await ratings.clear(self.conversation_id, idx, kind)
            else:
                await ratings.set(self.conversation_id, idx, kind, value, note)
        except (StorageError, sqlite3.Error) as exc:
            self.post_message(self.SaveFailed(f"turn {idx + 1}: {kind} not saved ({exc})"))

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self.notify(message.error, title="Rating", severity="error")
        self._load()

    # -- takeover ------------------------------------------------------------------------

    def _live_takeovers(self) -> Takeovers | None:
        """The live run's takeovers, when this conversation is running in it."""
        live = self.sparring.live
        if live is None or live.finished or self.transcript is None:
            return None
        row = self.transcript.conversation
        if row.status != "running" or row.run_id != live.run_id:
            return None
        return live.controls.takeovers

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_over":
            return not self.has_class("-taken") and self._live_takeovers() is not None
        if action == "hand_back":
            return self.has_class("-taken")
        return True

    def action_take_over(self) -> None:
        """Write the persona's messages yourself, from its next one, until ctrl+b."""
        takeovers = self._live_takeovers()
        if takeovers is None or self.has_class("-taken"):
            return
        self._takeover = (takeovers, takeovers.take(self.conversation_id))
        self._operator_sent, self._operator_before = 0, self._operator_turns()
        self.add_class("-taken")
        operator = self.query_one("#operator", Input)
        operator.disabled = False
        operator.focus()
        if self._cards:
            self._set_current(max(self._cards))
        self._update_operator()
        self.refresh_bindings()
        self.notify("You write the persona's next messages; ctrl+b hands back.",
                    title="Taken over")

    def _operator_turns(self) -> int:
        return sum(card.turn.user_intent == "operator" for card in self._cards.values())

    def _update_operator(self) -> None:
        """The operator line's title: what was sent and answered, or that it is over."""
        operator = self.query_one("#operator", Input)
        if self._takeover is None:
            operator.border_title = "the conversation ended; nothing more is sent · ctrl+b closes"
            return
        answered = self._operator_turns() - self._operator_before
        operator.border_title = (f"taken over · {self._operator_sent} sent, {answered} answered "
                                 "· ctrl+b hands back to the persona")

    @on(Input.Submitted, "#operator")
    def _send_as_operator(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self._takeover is None:
            return
        self._takeover[1].send(text)
        self._operator_sent += 1
        event.input.clear()
        self._update_operator()

    def action_hand_back(self) -> None:
        """Give the conversation back to the persona (what was sent still goes)."""
        if not self.has_class("-taken"):
            return
        if self._takeover is not None:
            self._hand_back()
            self.notify("The persona continues from the bot's latest reply.",
                        title="Handed back")
        self.remove_class("-taken")
        self.query_one("#operator", Input).disabled = True
        self.refresh_bindings()

    def _hand_back(self) -> None:
        if self._takeover is not None:
            takeovers, _ = self._takeover
            self._takeover = None
            takeovers.hand_back(self.conversation_id)

    def on_unmount(self) -> None:
        """Leaving the transcript hands a taken-over conversation back."""
        self._hand_back()

    # -- the review queue ----------------------------------------------------------------

    def action_review_next(self) -> None:
        """The next unrated turn here, else in the next conversation of the queue."""
        turn = self._current_turn()
        after = -1 if turn is None else turn.idx
        for candidate in sorted(self._cards):
            card_turn = self._cards[candidate].turn
            if candidate > after and card_turn.bot_reply is not None \
                    and not card_turn.ratings.rated:
                self._set_current(candidate)
                return
        self._find_next(after)

    @work(exclusive=True, group="transcript-review")
    async def _find_next(self, after: int) -> None:
        await wait_for_rating_saves(self.app)
        db = self.sparring.db
        found = await next_unrated(db, after=(self.conversation_id, after))
        if found is None:  # nothing later: start again from the oldest
            found = await next_unrated(db)
        self.post_message(self.ReviewFound(found))

    @on(ReviewFound)
    def _review_found(self, message: ReviewFound) -> None:
        found = message.found
        if found is None:
            self.notify("Every answered bot turn is rated.", title="Review queue")
        elif found[0] != self.conversation_id:
            self.app.switch_screen(TranscriptScreen(found[0], focus_turn=found[1]))
        elif found[1] == self.current:
            self.notify("This is the last unrated turn.", title="Review queue")
        elif found[1] in self._cards:
            self._set_current(found[1])


def summary(transcript: Transcript, turns: list[TranscriptTurn], user_label: str) -> Content:
    """The header: who talked to whom about what, the conversation's figures and verdict."""
    row = transcript.conversation
    figures = transcript.conversation_metrics
    status_style = {"running": "$warning", "failed": "$error", "cancelled": "$foreground-muted"}
    line1: list[str | tuple[str, str]] = [
        (user_label, "bold $primary"),
        (f" ({row.persona_id})" if row.persona_id not in (None, user_label) else "",
         "$foreground-muted"),
        " ↔ ", (row.bot_id, "bold $secondary"),
        ("  topic ", "$foreground-muted"), row.topic or "–",
        ("  status ", "$foreground-muted"), (row.status, status_style.get(row.status, "$success")),
        ("  source ", "$foreground-muted"), row.source,
    ]
    if row.run_id:
        line1 += [("  run ", "$foreground-muted"), row.run_id[:8]]
    line2: list[str | tuple[str, str]] = []
    for name, label in (("conversation_quality", "quality"), ("engagement_score", "engagement"),
                        ("mean_relevance", "relevance")):
        if name in figures:
            line2 += [(f"{label} ", "$foreground-muted"),
                      (f"{figures[name]:.2f}  ", f"bold {score_style(figures[name])}")]
    satisfaction = row.satisfaction
    if satisfaction is not None:
        line2 += [("satisfaction ", "$foreground-muted"),
                  ("★" * satisfaction + "☆" * (5 - satisfaction), "$warning"),
                  f" {satisfaction}/5  "]
    if "sentiment_shift" in figures:
        line2 += [("mood shift ", "$foreground-muted"), f"{figures['sentiment_shift']:+.2f}  "]
    answered = [turn for turn in turns if turn.bot_reply is not None]
    rated = sum(turn.ratings.rated for turn in answered)
    flagged = sum(turn.ratings.flagged for turn in turns)
    line2 += [("rated ", "$foreground-muted"), (f"{rated}/{len(answered)}", "bold")]
    if flagged:
        line2 += [("  ⚑ ", "$error"), str(flagged)]
    lines = [Content.assemble(*line1), Content.assemble(*line2).rstrip()]
    judged = sorted((name.split(":", 1)[1], value) for name, value in figures.items()
                    if name.startswith("judge:"))
    if judged:
        parts: list[str | tuple[str, str]] = [("judge ", "$foreground-muted")]
        for name, value in judged:
            parts += [f"{name} ", (f"{value:g}  ", "bold")]
        lines.append(Content.assemble(*parts).rstrip())
    if transcript.verdict:
        lines.append(Content.assemble(("verdict ", "$foreground-muted"),
                                      (transcript.verdict, "italic")))
    return Content("\n").join(lines)
