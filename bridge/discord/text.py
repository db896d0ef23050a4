"""The text of a Discord message as a turn records it: its content, then its embeds."""

from __future__ import annotations

import discord


def embed_text(embed: discord.Embed) -> str:
    """An embed's readable parts, one per line: author, title, description, fields, footer."""
    parts = [embed.author.name, embed.title, embed.description]
    parts += [f"{field.name}: {field.value}" for field in embed.fields]
    parts.append(embed.footer.text)
    return "\n".join(part.strip() for part in parts if part and part.strip())


def message_text(message: discord.Message) -> str:
    """Content and embed text, blank parts left out."""
    parts = [message.content.strip(), *(embed_text(embed) for embed in message.embeds)]
    return "\n".join(part for part in parts if part)


def message_record(message: discord.Message) -> dict[str, object]:
    """What a turn keeps of a message in its raw payload."""
    record: dict[str, object] = {"id": str(message.id), "content": message.content}
    if message.embeds:
        record["embeds"] = [embed.to_dict() for embed in message.embeds]
    return record
