"""The chat screen: talk to one configured bot yourself; the chat is stored with source `human`.

Rating works on the stored conversation: ctrl+r opens its transcript (the same keys as
anywhere else) on top of the chat, which goes on underneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static

from simulator.errors import SparringError
from simulator.events import ConversationFinished, Event, TurnRecorded
from tui.chat import ManualChat
from tui.widgets.footer import Footer

if TYPE_CHECKING:
    from tui.app import SparringApp

HINT = "Enter sends · ctrl+r rate the bot's turns · escape ends the chat"


def reply_content(bot_id: str, turn: TurnRecorded) -> Content:
    """The bot's answer with its latency and a few figures, or the error instead."""
    if turn.reply is None:
        return Content.assemble((bot_id, "bold $secondary"), "\n",
                                ("⚠ " + (turn.error or "no reply"), "$error"))
    metrics = {metric.name: metric.value for metric in turn.metrics}
    figures = [f"{turn.reply.latency_ms:.0f}ms"]
    figures += [f"{label} {metrics[name]:.2f}" for name, label in
                (("relevance", "relevance"), ("length_fit", "length"))
                if name in metrics]
    return Content.assemble((bot_id, "bold $secondary"), ("  " + " · ".join(figures),
                                                          "$foreground-muted"),
                            "\n", turn.reply.text)


class ChatScreen(Screen[None]):
    """Pick a bot (unless given), then chat: each message gets the bot's reply when it comes."""

    CSS_PATH = "chat.tcss"
    BINDINGS = [
        Binding("escape", "leave", "End chat"),
        Binding("ctrl+r", "rate", "Rate turns"),
    ]

    class Opened(Message):
        """The bot is reachable; the chat takes messages."""

        def __init__(self, chat: ManualChat) -> None:
            super().__init__()
            self.chat = chat

    class Recorded(Message):
        """A turn of the chat (or how it ended), as the simulator emitted it."""

        def __init__(self, event: TurnRecorded | ConversationFinished) -> None:
            super().__init__()
            self.event = event

    class Closed(Message):
        """The chat is over and written; `error` when it could not even start."""

        def __init__(self, error: str | None = None) -> None:
            super().__init__()
            self.error = error

    class Flushed(Message):
        """The chat so far is in the database; its transcript can be opened."""

    def __init__(self, bot_id: str | None = None) -> None:
        super().__init__()
        self.bot_id = bot_id
        self.chat: ManualChat | None = None
        self.turns: list[TurnRecorded] = []
        """The bot's turns so far, in order."""
        self.finished: ConversationFinished | None = None
        self._sent = 0
        self._replies: dict[int, Static] = {}
        self._leaving = False
        self._closed = False

    @property
    def sparring(self) -> SparringApp:
        return cast("SparringApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        with Horizontal(id="picker"):
            yield Label("Talk to", id="picker-label")
            bots = self.sparring.bots_file.bots
            yield Select[str](
                [(f"{bot_id} · {config.description}" if config.description else bot_id, bot_id)
                 for bot_id, config in bots.items()],
                prompt="pick a bot", id="bot",
            )
        yield VerticalScroll(id="messages", can_focus=False)
        yield Input(placeholder="Say something to the bot", id="say", disabled=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#messages", VerticalScroll).anchor()
        if self.bot_id is None:
            self._show_status("Pick the bot to talk to.")
            self.query_one("#bot", Select).focus()
        else:
            self._start(self.bot_id)

    async def on_unmount(self) -> None:
        """However the screen goes (the app quitting, say), the chat is written first."""
        if self.chat is not None:
            await self.chat.close(cancel=True)

    def _show_status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    # -- opening -------------------------------------------------------------------------

    @on(Select.Changed, "#bot")
    def _picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and self.chat is None:
            self._start(event.value)

    def _start(self, bot_id: str) -> None:
        self.bot_id = bot_id
        self.sub_title = f"chat with {bot_id}"
        self.query_one("#picker").display = False
        self._show_status(f"Connecting to {bot_id}…")
        self._talk(bot_id)

    @work(exclusive=True, group="chat")
    async def _talk(self, bot_id: str) -> None:
        """Hold the chat open until it ends; the screen hears of it through messages only."""
        app = self.sparring
        try:
            async with ManualChat(app.db, app.bots_file, bot_id, sink=self._relay) as chat:
                self.post_message(self.Opened(chat))
                await chat.finished()
        except SparringError as exc:
            self.post_message(self.Closed(str(exc)))
            return
        self.post_message(self.Closed())

    def _relay(self, event: Event) -> None:
        """The chat's event sink: hand turns and the end to the screen's message queue."""
        if isinstance(event, TurnRecorded | ConversationFinished):
            self.post_message(self.Recorded(event))

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        self.chat = message.chat
        self._show_status(Content.assemble(
            ("You", "bold $primary"), " ↔ ", (message.chat.bot_id, "bold $secondary"),
            ("  source ", "$foreground-muted"), "human",
            ("  conversation ", "$foreground-muted"), message.chat.conversation_id[:8],
            "\n", (HINT, "$foreground-muted"),
        ))
        say = self.query_one("#say", Input)
        say.disabled = False
        say.focus()

    # -- talking -------------------------------------------------------------------------

    @on(Input.Submitted, "#say")
    async def _say(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self.chat is None or self.chat.ended:
            return
        event.input.clear()
        self.chat.send(text)
        bot_id = self.chat.bot_id
        reply = Static(Content.assemble((bot_id, "bold $secondary"), "\n",
                                        (f"waiting for {bot_id}…", "italic")),
                       classes="message bot -pending")
        self._replies[self._sent] = reply
        self._sent += 1
        user = Static(Content.assemble(("You", "bold $primary"), "\n", text),
                      classes="message user")
        await self.query_one("#messages", VerticalScroll).mount_all([user, reply])

    @on(Recorded)
    def _recorded(self, message: Recorded) -> None:
        event = message.event
        if isinstance(event, ConversationFinished):
            self._ended(event)
            return
        self.turns.append(event)
        reply = self._replies.pop(event.index, None)
        if reply is not None and self.bot_id is not None:
            reply.update(reply_content(self.bot_id, event))
            reply.remove_class("-pending")
            reply.set_class(event.failed, "-failed")

    def _ended(self, finished: ConversationFinished) -> None:
        self.finished = finished
        self.query_one("#say", Input).disabled = True
        if not self._leaving:
            detail = f": {finished.error}" if finished.error else ""
            self._show_status(Content.assemble(
                (f"The chat ended ({finished.status}{detail}).", "$warning"),
                ("  ctrl+r rate · escape leave", "$foreground-muted"),
            ))

    # -- leaving and rating --------------------------------------------------------------

    def action_leave(self) -> None:
        """End the chat (a reply on its way is awaited); the screen goes once it is written."""
        if self.chat is None or self._closed:
            self.workers.cancel_group(self, "chat")
            self.dismiss()
            return
        self._leaving = True
        self.query_one("#say", Input).disabled = True
        self._show_status("Ending the chat…")
        self.chat.end()

    @on(Closed)
    def _closed_chat(self, message: Closed) -> None:
        self._closed = True
        if message.error is not None:
            self.notify(message.error, title="Chat", severity="error", timeout=10)
            if self.is_active:
                self.dismiss()
            return
        if not self._leaving:
            return  # it ended by itself (the bot failed); escape leaves
        if self.turns and self.chat is not None:
            self.notify(f"Chat with {self.bot_id} saved: {len(self.turns)} turns, conversation "
                        f"{self.chat.conversation_id[:8]}.", title="Chat")
        else:
            self.notify("Nothing was said, so nothing was stored.", title="Chat")
        if self.is_active:
            self.dismiss()

    def action_rate(self) -> None:
        """Open the stored conversation at its last turn, where the rating keys work."""
        if self.chat is None or not self.turns:
            self.notify("Nothing to rate yet: the bot has not answered.", severity="warning")
            return
        if not self._leaving:
            self._flush(self.chat)

    @work(exclusive=True, group="chat-flush")
    async def _flush(self, chat: ManualChat) -> None:
        await chat.flush()
        self.post_message(self.Flushed())

    @on(Flushed)
    def _rate(self) -> None:
        if self.chat is not None and self.turns and self.is_active:
            self.sparring.open_conversation(self.chat.conversation_id, self.turns[-1].index)
