"""The `sparring` command line. Each command's docstring is its --help text."""

from __future__ import annotations

import logging
from typing import Any

import click

from simulator.errors import SparringError
from tui.commands.app import demo, interactive, tui
from tui.commands.augment import augment
from tui.commands.bots import bots
from tui.commands.compare import compare
from tui.commands.demo_bot import demo_bot
from tui.commands.demo_llm import demo_llm
from tui.commands.discord import discord_group
from tui.commands.export import export_command
from tui.commands.gaps import gaps
from tui.commands.import_ import import_
from tui.commands.judge import judge
from tui.commands.merge import merge
from tui.commands.metrics import metrics
from tui.commands.personas import personas
from tui.commands.plan import plan_group
from tui.commands.report import report
from tui.commands.resume import resume
from tui.commands.run import run
from tui.commands.serve import serve
from tui.commands.show import conversations, show
from tui.commands.stats import runs, stats
from tui.commands.validate import validate_command


class SparringGroup(click.Group):
    """Turns SparringError into a one-line message on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SparringError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=SparringGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sparring")
@click.option("-v", "--verbose", is_flag=True, help="Log debug details to stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Sparring: synthetic users that spar with your chatbots.

    Personas hold real multi-turn conversations with your bots, every turn is scored,
    and everything lands in SQLite, ready for rating and export.

    Quick start: `sparring run` talks to the built-in demo bots with the built-in personas;
    `sparring demo` shows the same live in the app. Bare `sparring` opens the app.
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if ctx.invoked_subcommand is None:
        if not interactive():
            click.echo(ctx.get_help())
            return
        ctx.invoke(tui)


for command in (tui, demo, run, stats, runs, judge, personas, bots, metrics, demo_bot, demo_llm,
                serve, import_, export_command, augment,
                gaps, resume, show, conversations, plan_group, merge, compare, report,
                validate_command, discord_group):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="sparring")
