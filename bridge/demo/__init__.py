"""The built-in demo bots: four personalities served over local HTTP, no API key needed.

`compose_reply(bot, message, history)` is the pure, deterministic reply function;
`DemoBotServer` serves the bots on 127.0.0.1 with these routes:

- `POST /v1/chat/completions`: OpenAI-compatible, `model` is a bot id, `stream` supported.
- `GET /v1/models`, `GET /v1/models/{model}`: the bots as OpenAI models.
- `POST /bots/{bot}/chat`: plain JSON webhook, {"message", "conversation_id"?, "history"?}
  => {"bot", "reply", "conversation_id"}; without "history" the server remembers the
  conversation by its id.
- `GET /health`: {"status": "ok", "bots": [...]}.
"""

from __future__ import annotations

from bridge.demo.server import DemoBotServer, DemoSettings
from bridge.demo.voices import DEMO_BOTS, UnknownBotError, compose_reply

__all__ = ["DEMO_BOTS", "DemoBotServer", "DemoSettings", "UnknownBotError", "compose_reply"]
