"""`sparring personas list | show | validate`."""

from __future__ import annotations

from pathlib import Path

import click
import yaml
from rich.table import Table

from simulator.persona import load_persona_dir
from simulator.text import counted
from tui.commands.options import personas_option, resolve_personas
from tui.console import console


@click.group()
def personas() -> None:
    """Browse and validate personas (built-ins plus --personas folders)."""


@personas.command("list")
@personas_option
def list_personas(persona_dirs: tuple[Path, ...]) -> None:
    """List every persona with its preferences."""
    table = Table("id", "name", "length", "style", "formality", "depth", "topics")
    for persona in resolve_personas(persona_dirs).values():
        prefs = persona.preferences
        table.add_row(persona.id, persona.name, prefs.response_length, prefs.communication_style,
                      prefs.formality, prefs.topic_depth, ", ".join(persona.conversation_topics))
    console.print(table)


@personas.command("show")
@click.argument("persona_id")
@personas_option
def show_persona(persona_id: str, persona_dirs: tuple[Path, ...]) -> None:
    """Print one persona's full definition as YAML."""
    catalog = resolve_personas(persona_dirs)
    if persona_id not in catalog:
        raise click.ClickException(
            f"{persona_id!r} is not a known persona; known: {', '.join(catalog)}"
        )
    persona = catalog[persona_id]
    click.echo(yaml.safe_dump(persona.model_dump(mode="json"), sort_keys=False).rstrip())
    click.echo(f"# definition hash: {persona.definition_hash}")


@personas.command("validate")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def validate_personas(directory: Path) -> None:
    """Check every persona file in DIRECTORY; the first bad one is named with its field."""
    found = load_persona_dir(directory)
    click.echo(f"{directory}: {counted(len(found), 'persona')} valid "
               f"({', '.join(found) or 'none'})")
