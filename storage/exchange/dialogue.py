"""A chat log's message list as turns, the way real logs come: a conversation may end on the
user's message (the user left; that turn has no reply) and a message may be empty (skipped,
counted; the messages either side of it, by the same speaker, then join into one).

Everything else stays strict: roles from the format's set, an optional system message
first, then the user and the bot alternating from the user's message on, texts that are
strings. `sparring validate` checks training data with `readers.dialogue_pairs`, where an
unanswered or empty message is a problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.exchange.fields import BadRecord, required_text


@dataclass(frozen=True, slots=True)
class Dialogue:
    """The (user, reply) pairs of one message list; the last reply is None when the list
    ends on the user's message."""

    pairs: list[tuple[str, str | None]]
    system: bool
    """A (non-empty) system message led the list."""
    empty: int
    """Empty messages skipped."""

    @property
    def trailing_user(self) -> bool:
        return bool(self.pairs) and self.pairs[-1][1] is None


def dialogue(messages: object, key: str, role_key: str, text_key: str,
             roles: tuple[str, str, str]) -> Dialogue:
    """The dialogue of a message list; raises BadRecord naming the first bad message.
    `roles` = (system, user, bot) spelled in this format."""
    system, user, bot = roles
    if not isinstance(messages, list):
        raise BadRecord(f"{key} = {messages!r:.60}; expected a list of messages")
    texts: list[str] = []
    speakers: list[str] = []
    empty = 0
    had_system = False
    skipped_since = False
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise BadRecord(f"{key}[{index}] = {message!r:.60}; expected an object")
        role = message.get(role_key)
        text = message.get(text_key)
        if not isinstance(text, str):
            raise BadRecord(f"{key}[{index}].{text_key} = {text!r:.60}; expected a string")
        leading_system = index == 0 and role == system
        if role not in (user, bot) and not leading_system:
            raise BadRecord(f"{key}[{index}].{role_key} = {role!r}; expected {user} or {bot}")
        if not text.strip():
            empty += 1
            skipped_since = True
            continue
        required_text(text, f"{key}[{index}].{text_key}")  # lone surrogates
        if leading_system:
            had_system = True
            continue
        if speakers and role == speakers[-1] and skipped_since:
            texts[-1] += "\n" + text  # the empty message between them stood for nothing
        elif role != (user if len(speakers) % 2 == 0 else bot):
            expected = user if len(speakers) % 2 == 0 else bot
            skipped = f"; {empty} empty skipped before it" if skipped_since else ""
            raise BadRecord(f"{key}[{index}].{role_key} = {role!r}; expected {expected} "
                            f"({user} and {bot} must alternate, starting with {user}"
                            f"{skipped})")
        else:
            texts.append(text)
            speakers.append(role)
        skipped_since = False
    if not texts:
        skipped = f" ({empty} empty skipped)" if empty else ""
        raise BadRecord(f"{key} has no {user} message{skipped}; expected {user} / {bot} pairs")
    replies: list[str | None] = [*texts[1::2], None][:len(texts[::2])]
    return Dialogue(list(zip(texts[::2], replies, strict=True)), had_system, empty)
