"""`sparring discord check | emulate`."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from pathlib import Path

import click
from rich.table import Table

from bridge.config import DiscordBot
from simulator.errors import ConfigError
from tui.commands.options import bots_option, resolve_bots
from tui.console import console, err_console


@click.group("discord")
def discord_group() -> None:
    """Test bots that live on Discord: check the setup, or try it all on a local emulator."""


@discord_group.command("check")
@click.option("-b", "--bot", "bot_ids", multiple=True,
              help="Discord bot id to check (repeatable). Default: every discord bot.")
@bots_option
def check(bot_ids: tuple[str, ...], bots_path: Path | None) -> None:
    """Check each discord bot's setup, and say what to fix for each missing piece.

    Verifies the tester's token, its message content intent, that it is in the guild,
    the channel, its permissions there (view, read history, create threads and send in
    them; or Manage Channels with conversation_in: channel) and that the target bot is a
    member who may answer there. Exit status 1 when something is missing.
    """
    from bridge.discord.check import check_discord_bot

    bots_file = resolve_bots(bots_path)
    chosen = {bot_id: config for bot_id, config in bots_file.bots.items()
              if isinstance(config, DiscordBot) and (not bot_ids or bot_id in bot_ids)}
    if not chosen:
        raise ConfigError(f"{bots_file.source}: no bot of kind discord"
                          + (f" among {', '.join(bot_ids)}" if bot_ids else ""))

    async def run_checks() -> int:
        missing = 0
        for bot_id, config in chosen.items():
            token = os.environ.get(config.token_env)
            findings = await check_discord_bot(config, token)
            table = Table("check", "", "detail", title=f"{bots_file.source}: bots.{bot_id}")
            for finding in findings:
                mark = "[green]ok" if finding.ok else "[red]missing"
                table.add_row(finding.what, mark, finding.detail)
            console.print(table)
            missing += sum(not finding.ok for finding in findings)
        return missing

    missing = asyncio.run(run_checks())
    if missing:
        err_console.print(f"{missing} missing piece{'s' * (missing != 1)}")
        raise SystemExit(1)


@discord_group.command("emulate")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8790, show_default=True, help="Port (0 picks a free one).")
@click.option("--bots-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the bots file for the emulated bots here.")
@click.option("--delay-ms", default=20.0, show_default=True,
              help="How long the demo bots type (or pause between streamed edits).")
@click.option("--bot", "own_bots", multiple=True, metavar="NAME",
              help="Also an account for a bot you run yourself (repeatable); its token is "
                   "sparring-emulator-NAME.")
@click.option("--tester-as-user", is_flag=True,
              help="Show the tester as a person, for bots that ignore other bots.")
def emulate(host: str, port: int, bots_file: Path | None, delay_ms: float,
            own_bots: tuple[str, ...], tester_as_user: bool) -> None:
    """Run a local Discord with a tester bot and the demo bots on it, until Ctrl-C.

    No Discord account needed: the emulator speaks Discord's gateway and REST API to the
    real discord.py client, and elena, marcus, jake and dream answer in its #sparring
    channel (marcus streams his replies into an embed). Prints the bots file to use (or
    writes it with --bots-file); then, in another terminal, export the token it names and
    run `sparring run --bots FILE` or `sparring tui --bots FILE`. `--bot NAME` adds an
    account for a bot of your own (pointed at the emulator's API and gateway); bots that
    ignore every other bot, such as llmcord, need `--tester-as-user` too.
    """
    from bridge.discord.playground import TESTER_TOKEN, TOKEN_ENV, Playground

    async def serve() -> None:
        async with Playground(host, port, delay_s=delay_ms / 1000, own_bots=own_bots,
                              tester_as_user=tester_as_user) as playground:
            snippet = playground.bots_yaml()
            emulator = playground.emulator
            err_console.print(f"Discord emulator on {emulator.api_url} "
                              f"(gateway {emulator.gateway_url})")
            err_console.print(f"  guild {emulator.world.guild_name} ({emulator.world.guild_id}), "
                              f"channel #sparring ({playground.channel.id}), tester bot "
                              f"({playground.tester.id}), demo bots "
                              f"{', '.join(playground.targets)}")
            for name, account in playground.own.items():
                err_console.print(f"  your bot {name} ({account.id}): run it with the token "
                                  f"{account.token}, Discord's API at {emulator.api_url}")
            if bots_file is not None:
                await asyncio.to_thread(bots_file.write_text, snippet)
                err_console.print(f"  bots file written to {bots_file}")
            else:
                click.echo(snippet, nl=False)
            where = bots_file or "FILE (the YAML above, saved)"
            err_console.print(f"In another terminal:\n  export {TOKEN_ENV}={TESTER_TOKEN}\n"
                              f"  sparring run --bots {where}     # or: sparring tui --bots "
                              f"{where}\nCtrl-C stops the emulator.")
            await _until_stopped()
        err_console.print("Discord emulator stopped")

    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(serve())
    except OSError as exc:
        raise ConfigError(f"--port {port}: cannot listen on {host}:{port} ({exc.strerror or exc}); "
                          "choose another port") from exc


async def _until_stopped() -> None:
    """Wait for Ctrl-C or SIGTERM (where the platform lets asyncio handle signals)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
