"""How fast does `sparring import` take real chat logs? (target: >= 20k turns/s)

Converts the chitchat-dataset chats (2,561 two-person chats, ~65k turns; see
tests/chitchat_logs.py) to openai-chat JSONL, imports them into a fresh database with the
real importer, and prints turns/s (wall) and turns per CPU-second, and the time of each
stage on its own: reading the file, the heuristic scoring, the rest (SQLite writes).

    python benchmarks/import_logs.py [--chats N] [--drop-trailing-user]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.chitchat_logs

from storage.database import Database
from storage.exchange.importer import ImportOptions, _score, import_file
from storage.exchange.readers import Conversation, read_openai_chat
from tests.chitchat_logs import chitchat_chats, chitchat_data, write_jsonl


async def timed_import(path: Path, db_path: Path, drop: bool) -> tuple[float, float, int, str]:
    async with Database(db_path) as db:
        wall, cpu = time.perf_counter(), time.process_time()
        report = await import_file(db, path, ImportOptions(bot_id="chitchat",
                                                           drop_trailing_user=drop))
        return (time.perf_counter() - wall, time.process_time() - cpu, report.turns,
                report.summary())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=None, help="first N chats only")
    parser.add_argument("--drop-trailing-user", action="store_true")
    args = parser.parse_args()
    chats = chitchat_chats(chitchat_data())[:args.chats]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chitchat.jsonl"
        write_jsonl(path, chats)
        wall, cpu, turns, summary = asyncio.run(
            timed_import(path, Path(folder) / "import.db", args.drop_trailing_user))
        print(summary)
        print(f"import: {turns:,} turns in {wall:.1f} s: {turns / wall:,.0f} turns/s, "
              f"{turns / cpu:,.0f} turns per CPU-second")
        start = time.process_time()
        read = [item for item in read_openai_chat(path, "import")
                if isinstance(item, Conversation)]
        parse = time.process_time() - start
        start = time.process_time()
        for conversation in read:
            _score(conversation, None)
        score = time.process_time() - start
    per_turn = 1e6 / turns
    print(f"per turn (CPU): reading {parse * per_turn:.1f} us, scoring {score * per_turn:.1f} us, "
          f"the rest (SQLite writes, checks) {(cpu - parse - score) * per_turn:.1f} us")


if __name__ == "__main__":
    main()
