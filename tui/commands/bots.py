"""`sparring bots list | check`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click
from rich.table import Table

from bridge.pool import BotPool
from simulator.connector import BotContext
from simulator.errors import BotError
from tui.commands.options import bots_option, resolve_bots
from tui.console import console

CHECK_MESSAGE = "Hello! This is a quick connectivity check from Sparring. How are you?"


def _target(config: object) -> str:
    for attribute in ("base_url", "url", "target", "bot"):
        value = getattr(config, attribute, None)
        if value:
            return str(value)
    return ""


@click.group()
def bots() -> None:
    """List bots and check that they answer."""


@bots.command("list")
@bots_option
def list_bots(bots_path: Path | None) -> None:
    """List the bots of the bots file (secrets are shown by variable name only)."""
    bots_file = resolve_bots(bots_path)
    table = Table("id", "kind", "target", "description", title=bots_file.source)
    for bot_id, config in bots_file.bots.items():
        table.add_row(bot_id, config.kind, _target(config), config.description)
    console.print(table)


@bots.command("check")
@click.option("-b", "--bot", "bot_ids", multiple=True, help="Bot id to check (repeatable).")
@bots_option
def check_bots(bot_ids: tuple[str, ...], bots_path: Path | None) -> None:
    """Send one real message to each bot and report latency or a clear error."""
    bots_file = resolve_bots(bots_path)

    async def check() -> int:
        failures = 0
        table = Table("bot", "result", "latency ms", "reply", title=bots_file.source)
        async with BotPool(bots_file, list(bot_ids) or None) as pool:
            for bot_id, connector in pool.connectors.items():
                context = BotContext(f"check-{bot_id}", "sparring-check", ())
                try:
                    reply = await connector.reply(context, CHECK_MESSAGE)
                except BotError as exc:
                    failures += 1
                    table.add_row(bot_id, "[red]failed", "-", str(exc))
                    continue
                preview = reply.text.replace("\n", " ")[:60]
                table.add_row(bot_id, "[green]ok", f"{reply.latency_ms:.0f}", preview)
        console.print(table)
        return failures

    if asyncio.run(check()):
        raise SystemExit(1)
