"""A knowledge base for grounded questions (seed 001's RAG queries): Markdown and text files
cut into passages. A grounded conversation asks about one passage, and every turn records
it, so the bot's answers can later be judged for faithfulness to it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import ConfigError

SUFFIXES = (".md", ".markdown", ".txt")
MIN_WORDS, MAX_WORDS = 25, 160
"""Short paragraphs join the next one; a passage stops growing past MAX_WORDS."""

_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


@dataclass(frozen=True, slots=True)
class Passage:
    source: str
    """`file.md#n`: the file (relative to the knowledge folder) and the passage's number."""
    title: str
    """The nearest heading above it, else the file's name."""
    text: str

    def to_json(self) -> str:
        return json.dumps({"source": self.source, "title": self.title, "text": self.text})


def _passages(path: Path, name: str) -> list[Passage]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    title = path.stem.replace("_", " ").replace("-", " ")
    found: list[Passage] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            found.append(Passage(f"{name}#{len(found) + 1}", title, " ".join(pending)))
            pending.clear()

    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        heading = _HEADING.match(lines[0])
        if heading:
            flush()
            title = heading.group(1).strip()
            lines = lines[1:]
        paragraph = " ".join(lines)
        if not paragraph:
            continue
        pending.append(paragraph)
        words = sum(len(part.split()) for part in pending)
        if words >= MIN_WORDS or words >= MAX_WORDS:
            flush()
    flush()
    return found


def load_knowledge(directory: Path) -> tuple[Passage, ...]:
    """Every passage of the Markdown and text files under `directory`, in file order."""
    if not directory.is_dir():
        raise ConfigError(f"--knowledge = {str(directory)!r}; expected a folder of .md or "
                          ".txt files")
    files = sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES)
    passages = [passage for path in files
                for passage in _passages(path, str(path.relative_to(directory)))]
    if not passages:
        raise ConfigError(f"--knowledge = {str(directory)!r}; found no text in its .md or "
                          ".txt files")
    return tuple(passages)
