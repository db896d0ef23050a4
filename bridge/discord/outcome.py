"""What a Discord turn leaves behind: the raw payload stored with it, or the error saying why
there is no complete reply (what was sent, and why the bot may not have answered)."""

from __future__ import annotations

import json

import discord

from bridge.config import DiscordBot
from bridge.discord.collector import CollectedReply

RAW_LIMIT = 2000
"""Characters of the raw payload kept with each turn (always valid JSON)."""


def raw_payload(collected: CollectedReply) -> str:
    """`{"completion": {...}, "messages": [...]}`, message texts cut to fit RAW_LIMIT."""
    completion = collected.completion.as_dict()
    records = [part.record for part in collected.parts]
    raw = json.dumps({"completion": completion, "messages": records}, ensure_ascii=False)
    keep = RAW_LIMIT
    while len(raw) > RAW_LIMIT and keep > 0:
        keep //= 2
        records = [_cut(part.record, keep) for part in collected.parts]
        raw = json.dumps({"completion": completion, "messages": records}, ensure_ascii=False)
    return raw if len(raw) <= RAW_LIMIT else json.dumps({"completion": completion})


def _cut(record: dict[str, object], keep: int) -> dict[str, object]:
    cut: dict[str, object] = {"id": record.get("id"),
                              "content": str(record.get("content") or "")[:keep]}
    embeds = record.get("embeds")
    if isinstance(embeds, list):
        cut["embeds"] = [{key: (value[:keep] if isinstance(value, str) else value)
                          for key, value in embed.items() if key in ("description", "color")}
                         for embed in embeds if isinstance(embed, dict)]
    return cut


def no_reply_error(bot_id: str, config: DiscordBot, channel_id: int, sent_id: int,
                   reference: discord.MessageReference | None, *, tester_is_bot: bool) -> str:
    """Nothing came back: say what the target was sent and why it may have kept quiet."""
    if reference is not None:
        what = f"a reply to its message {reference.message_id}"
        what += ", starting with a mention of it" if config.mention else ", without a mention"
    elif config.mention:
        what = "starting with a mention of it"
    else:
        what = "without a mention, and not a reply"
    reasons = []
    if not config.mention:
        reasons.append(
            "it was not mentioned (the first message of a conversation has no bot message to "
            "reply to); for a bot that answers only mentions set `mention: true`"
            if reference is None else
            "it was not mentioned in the text; for a bot that answers only mentions set "
            "`mention: true`")
    reasons.append("it may lack the message-content intent and so see no text in messages "
                   "that do not mention it")
    if tester_is_bot:
        reasons.append("it may ignore messages from bots (the tester is one): allow the "
                       "tester's user id in the bot")
    return (f"bot {bot_id!r} (Discord user {config.target_id}) sent no reply within "
            f"{config.timeout_s:g} s to message {sent_id} in channel {channel_id} ({what}); "
            f"it may not have answered because {'; '.join(reasons)}")


def unfinished_error(bot_id: str, config: DiscordBot, collected: CollectedReply) -> str:
    """The reply still showed a streaming marker at the deadline: not a complete reply."""
    return (f"bot {bot_id!r} (Discord user {config.target_id}): the reply was still being "
            f"streamed after {config.timeout_s:g} s ({collected.unfinished}), so it is not "
            "recorded as a complete reply; raise timeout_s if the bot needs longer, or, if it "
            "leaves that marker on finished replies, remove it from stream_markers or "
            "stream_colors")
