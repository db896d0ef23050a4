"""`sparring serve`: the same app as a web page, through textual-serve."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from tui.commands.options import bots_option, db_option, personas_option, resolve_db
from tui.console import err_console


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@bots_option
@personas_option
@db_option
def serve(
    host: str, port: int, bots_path: Path | None, persona_dirs: tuple[Path, ...],
    db: Path | None,
) -> None:
    """Serve the control room as a web page: open http://HOST:PORT in a browser.

    Each browser tab gets its own app process on the same database. Listens on loopback
    by default; put it behind your own authentication before exposing it.
    """
    from textual_serve.server import Server

    command = [sys.executable, "-m", "tui", "tui", "--db", str(resolve_db(db))]
    if bots_path is not None:
        command += ["--bots", str(bots_path)]
    for folder in persona_dirs:
        command += ["--personas", str(folder)]
    err_console.print(f"serving the app on http://{host}:{port} (Ctrl-C stops)")
    Server(shlex.join(command), host=host, port=port, title="Sparring").serve()
