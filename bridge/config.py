"""`bots.yaml`: one entry per bot; secrets only by environment-variable name.

    bots:
      support:
        kind: http
        url: https://example.com/hooks/chat
        headers: {Authorization: "Bearer ${SUPPORT_TOKEN}"}
        body: {text: "{message}", session: "{conversation_id}"}
        reply_path: data.reply
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from simulator.errors import ConfigError
from simulator.validation import field_name, one_line_error, read_yaml

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class BreakerSettings(BaseModel):
    """When a failing bot is paused: its circuit opens once `error_rate` of its last `window`
    requests (retries already spent) failed, every request then fails at once for
    `cooldown_s`, and one trial request decides whether it closes again."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    """`false` never pauses the bot."""
    window: int = Field(20, ge=1, le=10_000)
    """How many of the most recent requests are looked at (the circuit never opens before
    this many have ended)."""
    error_rate: float = Field(0.5, gt=0, le=1)
    """Share of failed requests in the window that opens the circuit."""
    cooldown_s: float = Field(30.0, gt=0)
    """Seconds the circuit stays open before one trial request is let through."""


class _BotBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    """Free text shown by `sparring bots list`."""
    timeout_s: float = Field(30.0, gt=0)
    """Seconds to wait for one complete reply."""
    retries: int = Field(3, ge=0, le=10)
    """Retries on connect errors, timeouts, 429 and 5xx (exponential backoff with jitter)."""
    breaker: BreakerSettings = BreakerSettings()
    """The circuit breaker that pauses this bot while most of its requests fail."""


class OpenAIBot(_BotBase):
    """Any OpenAI-compatible `/v1/chat/completions` endpoint."""

    kind: Literal["openai"]
    base_url: str = Field(pattern=r"^https?://")
    """Endpoint root, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`."""
    model: str
    api_key_env: str | None = None
    """Environment variable holding the API key; unset means no key (local servers)."""
    system_prompt: str | None = None
    temperature: float | None = Field(None, ge=0, le=2)
    max_tokens: int | None = Field(None, gt=0)
    stream: bool = False
    """Stream the reply, which also measures time to first token."""
    max_reply_bytes: int = Field(1_048_576, ge=1024)
    """Longer replies are cut off and recorded as failed turns (`reply truncated`)."""


class HttpBot(_BotBase):
    """Any JSON webhook."""

    kind: Literal["http"]
    url: str = Field(pattern=r"^https?://")
    """May contain `${ENV_VAR}` references."""
    method: Literal["POST", "PUT", "GET"] = "POST"
    headers: dict[str, str] = {}
    """Values may contain `${ENV_VAR}` references, expanded when the bot is built."""
    body: Any = {"message": "{message}", "conversation_id": "{conversation_id}"}
    """JSON template; `{message}`, `{conversation_id}`, `{persona_id}` are substituted in
    strings, and a string that is exactly `{history}` becomes the list of earlier messages."""
    reply_path: str = "reply"
    """Dotted path to the reply text (`data.choices.0.text`); a list there has its texts joined."""
    max_reply_bytes: int = Field(1_048_576, ge=1024)
    """Largest reply body read; a longer one is cut there and its turn fails as truncated."""


class PythonBot(_BotBase):
    """An in-process callable `module:function(message, history) -> str`, sync or async."""

    kind: Literal["python"]
    target: str = Field(pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


class DemoBot(_BotBase):
    """One of the built-in demo bots, served in-process on loopback."""

    kind: Literal["demo"]
    bot: Literal["elena", "marcus", "jake", "dream"]


DISCORD_STREAM_MARKERS = (" ⚪", "▌", "█")
"""llmcord's streaming indicator and the block cursors other streaming bots show."""
DISCORD_STREAM_COLORS = (0xE67E22,)
"""llmcord's embed colour while it streams (discord.Color.orange)."""


class DiscordBot(_BotBase):
    """A bot in a Discord server, talked to by a tester bot that speaks for the personas.

    `timeout_s` is the most a whole reply may take; `retries` does not apply (a message
    is never sent twice, and discord.py itself waits out rate limits).
    """

    kind: Literal["discord"]
    token_env: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    """Environment variable holding the tester bot's token."""
    guild_id: int = Field(gt=0)
    """The server (guild) both bots are in."""
    channel_id: int = Field(gt=0)
    """The text channel conversations start from."""
    target_id: int = Field(gt=0)
    """User id of the bot under test; only its messages count as replies."""
    conversation_in: Literal["thread", "channel"] = "thread"
    """Each conversation in a new public thread of `channel_id`, or a new text channel
    beside it (needs Manage Channels)."""
    mention: bool = False
    """Start each persona message with a mention of the target, for bots that only answer
    when mentioned."""
    reply_chain: bool = False
    """Send each persona message as a reply to the bot's previous message, for bots that
    build their context from reply chains."""
    quiet_s: float = Field(1.5, gt=0, le=60)
    """Seconds without a new message or edit from the target that end its reply."""
    typing_s: float = Field(10.0, ge=0, le=60)
    """Seconds a typing indicator keeps the reply open (Discord shows one for about 10)."""
    quiet_factor: float = Field(2.0, ge=1, le=20)
    """The quiet window grows to this many times the longest pause seen between the target's
    messages and edits in a turn, so a bot that edits once a second is not cut off."""
    stream_markers: tuple[str, ...] = DISCORD_STREAM_MARKERS
    """Text a bot ends a message with only while it is still streaming it (llmcord's ` ⚪`,
    block cursors); a reply is not complete while a part ends in one. `[]` turns it off."""
    stream_colors: tuple[int, ...] = DISCORD_STREAM_COLORS
    """Embed colours a bot shows only while streaming (llmcord's orange, 0xE67E22); a reply
    is not complete while a part's embed has one. `[]` turns it off."""
    api_url: str = Field("https://discord.com/api/v10", pattern=r"^https?://")
    """Discord's REST API; change it only to reach an emulator."""
    gateway_url: str | None = Field(None, pattern=r"^wss?://")
    """Discord's gateway; by default Discord's own, or asked from a non-Discord `api_url`."""

    @field_validator("stream_colors", mode="before")
    @classmethod
    def _hex_colors(cls, value: Any) -> Any:
        """Colours may be written `"#e67e22"` as well as `0xE67E22` or `15105570`."""
        if isinstance(value, list | tuple):
            return [int(v[1:], 16) if isinstance(v, str) and re.fullmatch(
                r"#[0-9A-Fa-f]{6}", v) else v for v in value]
        return value

    @property
    def target(self) -> str:
        """Where the bot under test is, as `sparring bots list` shows it."""
        return f"user {self.target_id} in channel {self.channel_id}"


BotConfig = OpenAIBot | HttpBot | PythonBot | DemoBot | DiscordBot
_KINDS: dict[str, type[BaseModel]] = {
    "openai": OpenAIBot, "http": HttpBot, "python": PythonBot, "demo": DemoBot,
    "discord": DiscordBot,
}


class DemoServerSettings(BaseModel):
    """How the in-process demo server behaves (for `demo` bots)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    latency_ms: float = Field(0.0, ge=0)
    latency_per_word_ms: float = Field(0.0, ge=0)
    fail_rate: float = Field(0.0, ge=0, le=1)


class BotsFile(BaseModel):
    """A parsed `bots.yaml`."""

    model_config = ConfigDict(frozen=True)

    source: str
    bots: dict[str, BotConfig]
    demo_server: DemoServerSettings = DemoServerSettings()


DEMO_BOTS_YAML = """\
# The built-in demo: four bots with their own voices, served in-process on 127.0.0.1.
demo_server: {latency_ms: 20, latency_per_word_ms: 1.2}
bots:
  elena:  {kind: demo, bot: elena,  description: "Elena, warm marine biologist"}
  marcus: {kind: demo, bot: marcus, description: "Marcus, analytical AI researcher"}
  jake:   {kind: demo, bot: jake,   description: "Jake, brief adventure photographer"}
  dream:  {kind: demo, bot: dream,  description: "Dream of the Endless, mythic storyteller"}
"""


def _validated(source: str, data: Any) -> BotsFile:
    if not isinstance(data, dict) or not isinstance(data.get("bots"), dict) or not data["bots"]:
        raise ConfigError(f"{source}: bots is missing or empty; expected a mapping of bot ids")
    unknown = set(data) - {"bots", "demo_server"}
    if unknown:
        key = field_name(sorted(unknown, key=str)[0])
        raise ConfigError(
            f"{source}: {key} is not a known top-level key; expected bots, demo_server"
        )
    bots: dict[str, BotConfig] = {}
    for name, entry in data["bots"].items():
        where = f"{source}: bots.{field_name(name)}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} = {entry!r}; expected a mapping with a kind")
        kind = entry.get("kind")
        if not isinstance(kind, str) or kind not in _KINDS:
            raise ConfigError(f"{where}.kind = {kind!r}; expected one of {', '.join(_KINDS)}")
        try:
            bots[str(name)] = _KINDS[kind].model_validate(entry)
        except ValidationError as exc:
            raise ConfigError(one_line_error(where, exc)) from exc
    try:
        demo = DemoServerSettings.model_validate(data.get("demo_server") or {})
    except ValidationError as exc:
        raise ConfigError(one_line_error(f"{source}: demo_server", exc)) from exc
    return BotsFile(source=source, bots=bots, demo_server=demo)


def load_bots_file(path: Path) -> BotsFile:
    """Parse and validate a `bots.yaml`."""
    return _validated(str(path), read_yaml(path))


def demo_bots_file() -> BotsFile:
    """The built-in demo configuration, used when no bots.yaml is given or found."""
    return _validated("(built-in demo bots)", yaml.safe_load(DEMO_BOTS_YAML))


def expand_env(value: str, where: str) -> str:
    """Replace `${VAR}` with its value from the environment; unset is a ConfigError."""

    def lookup(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise ConfigError(f"{where} uses ${{{name}}}, which is not set in the environment")
        return os.environ[name]

    return _ENV_REF.sub(lookup, value)


def read_secret(env_name: str, where: str) -> str:
    """The value of a secret's environment variable; never logged or stored."""
    value = os.environ.get(env_name)
    if not value:
        raise ConfigError(f"{where} = {env_name!r}, but that environment variable is not set")
    return value
