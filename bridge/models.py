"""Where persona and judge models are reached: one endpoint, shared limits, one client each."""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import TracebackType
from typing import Self

from bridge.openai_model import OpenAIModel
from bridge.rate_limit import RateLimiter
from simulator.errors import ConfigError


@dataclass(frozen=True, slots=True)
class LLMEndpoint:
    """An OpenAI-compatible endpoint, following the openai SDK's conventions.

    With no `base_url`, `$OPENAI_BASE_URL` is used, else OpenAI itself. The key is read
    from the environment variable named by `api_key_env`; local servers need none.
    """

    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    timeout_s: float = 60.0
    requests_per_minute: float | None = None
    tokens_per_minute: float | None = None

    @property
    def resolved_base_url(self) -> str | None:
        return self.base_url or os.environ.get("OPENAI_BASE_URL") or None

    def api_key(self) -> str | None:
        key = os.environ.get(self.api_key_env)
        if not key and self.resolved_base_url is None:
            raise ConfigError(
                f"{self.api_key_env} is not set; set it for OpenAI, or point --llm-base-url "
                "(or OPENAI_BASE_URL) at a compatible server such as `sparring demo-llm`"
            )
        return key


class ModelPool:
    """Opens one client per model name on an endpoint; all share its rate limits.

    An async context manager: leaving it closes every client.
    """

    def __init__(self, endpoint: LLMEndpoint) -> None:
        self.endpoint = endpoint
        self._limiter = RateLimiter(endpoint.requests_per_minute, endpoint.tokens_per_minute)
        self._models: dict[str, OpenAIModel] = {}

    def model(self, name: str) -> OpenAIModel:
        if name not in self._models:
            self._models[name] = OpenAIModel(
                name,
                base_url=self.endpoint.resolved_base_url,
                api_key=self.endpoint.api_key(),
                timeout_s=self.endpoint.timeout_s,
                limiter=self._limiter,
            )
        return self._models[name]

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close every client. Idempotent."""
        models, self._models = self._models, {}
        for model in models.values():
            await model.close()
