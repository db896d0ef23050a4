"""No secret value ever lands in the database, an export, a report or the logs.

Four secrets, each used for real over loopback: the API key of the persona and judge model
endpoint and the API key of an `openai` bot (each a stand-in model server that refuses
requests without its key), the Discord token of the tester bot (the Discord emulator
authenticates it), and a webhook token in two `http` bots' header and URL (the webhook
refuses requests without it; one of the two redirects forever, so its error is recorded).
A full `sparring -v run` with the LLM persona engine and judge, every export format, `report`
and `stats` run as real processes; then every byte they left behind (SQLite files, exports,
the report, stdout and the debug log on stderr) is searched for the four values.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from bridge.demo.model_server import ModelServer
from bridge.demo.server import build_app
from bridge.discord.playground import Playground
from tests.support import serve_on_loopback

SPARRING = [sys.executable, "-m", "tui"]
LLM_KEY = "sk-sparring-llm-7f3a9c1e5b2d4f60"
DISCORD_TOKEN = "MTk4NjIy.sparring-discord.Zq8xK2vR4tW6yB1n"
HOOK_TOKEN = "hook-sparring-5e1f0a9b8c7d6e5f"
BOT_KEY = "sk-sparring-bot-0c4d8e2f6a1b3c5d"
SECRETS = {"SPARRING_TEST_LLM_KEY": LLM_KEY, "SPARRING_TEST_DISCORD_TOKEN": DISCORD_TOKEN,
           "SPARRING_TEST_HOOK_TOKEN": HOOK_TOKEN, "SPARRING_TEST_BOT_KEY": BOT_KEY,
           "OPENAI_API_KEY": LLM_KEY}
EXPORT_FORMATS = {"openai-chat": "jsonl", "sharegpt": "jsonl", "messages-csv": "csv",
                  "turns-csv": "csv", "turns-parquet": "parquet", "preference-pairs": "jsonl"}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def requiring(secret: str, seen: list[web.Request], *, query: bool = False) -> web.middleware:
    """Middleware answering 401 unless the request carries `secret` as a bearer token (and,
    with `query`, as `?key=`); the requests let through are kept in `seen`."""

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == "/health":
            return await handler(request)
        if request.headers.get("Authorization") != f"Bearer {secret}" or (
                query and request.query.get("key") != secret):
            return web.json_response({"error": {"message": "bad key"}}, status=401)
        seen.append(request)
        return await handler(request)

    return check


class KeyedModelServer(ModelServer):
    """The stand-in model, refusing requests without the API key."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.authorized: list[web.Request] = []
        self._key = key

    def build_app(self) -> web.Application:
        app = super().build_app()
        app.middlewares.append(requiring(self._key, self.authorized))
        return app


async def sparring(*args: str, cwd: Path) -> tuple[int, str, str]:
    env = {key: value for key, value in os.environ.items() if key != "OPENAI_BASE_URL"}
    process = await asyncio.create_subprocess_exec(
        *SPARRING, *args, cwd=cwd, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env={**env, "COLUMNS": "200", **SECRETS})
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, out.decode(errors="replace"), err.decode(errors="replace")


async def redirect_to_itself(request: web.Request) -> web.Response:
    """A misconfigured bot: the client gives up after ten redirects, with an error naming
    the URL, which holds the token."""
    raise web.HTTPTemporaryRedirect(str(request.rel_url))


def bots_yaml(playground: Playground, hook_url: str, bot_model_url: str) -> str:
    world, emulator = playground.emulator.world, playground.emulator
    return f"""\
bots:
  hook:
    kind: http
    url: "{hook_url}?key=${{SPARRING_TEST_HOOK_TOKEN}}"
    headers: {{Authorization: "Bearer ${{SPARRING_TEST_HOOK_TOKEN}}"}}
    retries: 0
  loop:
    kind: http
    url: "{hook_url.replace("/bots/elena/chat", "/loop")}?key=${{SPARRING_TEST_HOOK_TOKEN}}"
    headers: {{Authorization: "Bearer ${{SPARRING_TEST_HOOK_TOKEN}}"}}
    retries: 0
  oai:
    kind: openai
    base_url: {bot_model_url}
    model: standin
    api_key_env: SPARRING_TEST_BOT_KEY
    retries: 0
  chat:
    kind: discord
    token_env: SPARRING_TEST_DISCORD_TOKEN
    guild_id: {world.guild_id}
    channel_id: {playground.channel.id}
    target_id: {playground.targets["jake"].id}
    quiet_s: 0.3
    api_url: {emulator.api_url}
    gateway_url: {emulator.gateway_url}
"""


async def test_no_secret_reaches_the_database_exports_report_or_logs(tmp_path: Path) -> None:
    hooked: list[web.Request] = []
    hook_app = build_app()
    hook_app.middlewares.append(requiring(HOOK_TOKEN, hooked, query=True))
    hook_app.router.add_route("*", "/loop", redirect_to_itself)
    hook_runner, hook_root = await serve_on_loopback(hook_app)
    hook_url = f"{hook_root}/bots/elena/chat"
    playground = Playground(port=0, delay_s=0.0)
    playground.tester.token = DISCORD_TOKEN
    outputs: list[tuple[str, int, str, str]] = []
    try:
        async with (KeyedModelServer(LLM_KEY) as model, KeyedModelServer(BOT_KEY) as bot_model,
                    playground):
            (tmp_path / "bots.yaml").write_text(
                bots_yaml(playground, hook_url, bot_model.base_url))
            run = ["-v", "run", "--bots", "bots.yaml", "-p", "casual_casey", "-p",
                   "analytical_alex", "-n", "1", "--min-turns", "2", "--max-turns", "2",
                   "--persona-engine", "llm", "--persona-model", "standin", "--judge-model",
                   "standin", "--llm-base-url", f"{model.base_url}",
                   "--llm-api-key-env", "SPARRING_TEST_LLM_KEY", "--db", "secrets.db"]
            outputs.append(("run", *await sparring(*run, cwd=tmp_path)))
            assert outputs[0][1] == 0, outputs[0][3][-2000:]
            model_requests = list(model.requests)
            authorized = list(model.authorized)
            bot_calls = len(bot_model.authorized)
    finally:
        await hook_runner.cleanup()
    readers = {f"export {fmt}": ("export", "--format", fmt, "--out", f"export-{fmt}.{ext}")
               for fmt, ext in EXPORT_FORMATS.items()}
    readers |= {"report": ("report", "-o", "report.html"), "stats": ("stats",)}
    done = await asyncio.gather(*(sparring("-v", *args, "--db", "secrets.db", cwd=tmp_path)
                                  for args in readers.values()))
    outputs += [(name, *result) for name, result in zip(readers, done, strict=True)]
    for name, status, _, err in outputs:
        assert status == 0, f"{name}: {err[-2000:]}"

    # The secrets were really used: every model call and webhook call carried its key in the
    # Authorization header (the middleware refused any other), never in a body or a URL.
    assert len(authorized) == len(model_requests) > 0
    assert all(LLM_KEY not in str(request.url) for request in authorized)
    assert LLM_KEY not in repr(model_requests)
    assert hooked and bot_calls
    assert_no_secret_in(tmp_path, outputs)


def assert_no_secret_in(folder: Path, outputs: list[tuple[str, int, str, str]]) -> None:
    """The run recorded what it should, and no secret is in any file or captured output."""
    files = sorted(path for path in folder.iterdir() if path.is_file())
    names = {path.name for path in files}
    assert {"secrets.db", "report.html", *(f"export-{f}.{e}" for f, e in EXPORT_FORMATS.items())
            } <= names
    with sqlite3.connect(folder / "secrets.db") as db:
        bots = dict(db.execute("SELECT bot_id, COUNT(*) FROM conversations "
                               "WHERE status = 'completed' GROUP BY 1").fetchall())
        llm_calls = db.execute("SELECT COUNT(*) FROM llm_usage").fetchone()[0]
        loop_errors = db.execute("SELECT t.error FROM turns t JOIN conversations c ON "
                                 "c.id = t.conversation_id WHERE c.bot_id = 'loop'").fetchall()
    assert bots == {"hook": 2, "oai": 2, "chat": 2}, bots
    assert loop_errors and all("TooManyRedirects" in error for (error,) in loop_errors)
    assert llm_calls > 0
    assert "DEBUG" in outputs[0][3]  # debug logging was on

    texts = {f"{name} {stream}": text.encode() for name, _, out, err in outputs
             for stream, text in (("stdout", out), ("stderr", err))}
    texts |= {path.name: path.read_bytes() for path in files}
    leaks = [f"{where}: ...{text[max(0, at - 60):at + 40]!r}..."
             for secret in (LLM_KEY, DISCORD_TOKEN, HOOK_TOKEN, BOT_KEY)
             for where, text in texts.items() if (at := text.find(secret.encode())) >= 0]
    assert leaks == []
