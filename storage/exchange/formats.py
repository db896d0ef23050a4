"""The file formats Sparring exports and imports, as wire types.

Conversation formats (one JSON object per line):

- `openai-chat`: OpenAI fine-tuning chat JSONL, exactly `{"messages": [...]}`; an optional
  system message first, then strictly alternating `user` (the persona) and `assistant`
  (the bot) messages with non-empty content. No other keys, so every line is valid for
  the fine-tuning API; it carries no lineage.
- `sharegpt`: the conversational JSONL the Hugging Face ecosystem reads
  (`{"conversations": [{"from": "human" | "gpt" | "system", "value": ...}]}`) with the
  conversation's lineage and sample weight beside it.
- `preference-pairs`: DPO-style JSONL: one prompt (the conversation up to a user
  message) that got two bot replies of different rating or score.

Row formats (CSV, or Parquet for turns):

- `messages-csv`: one user message per row: `message, category, confidence` and lineage.
- `turns-csv` / `turns-parquet`: one bot turn per row with its features, metrics, ratings
  and lineage.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

FORMATS = ("openai-chat", "sharegpt", "messages-csv", "turns-csv", "turns-parquet",
           "preference-pairs")
Format = Literal["openai-chat", "sharegpt", "messages-csv", "turns-csv", "turns-parquet",
                 "preference-pairs"]

LINEAGE_FIELDS = ("conversation_id", "run_id", "source", "persona_id", "persona_hash",
                  "bot_id", "topic", "emotional_state", "category", "parent_id", "seed",
                  "persona_engine", "noise", "goal", "started_at")
"""Lineage carried by every format except `openai-chat`, under these names."""


class OpenAIMessage(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


class OpenAIChatLine(TypedDict):
    messages: list[OpenAIMessage]


# "from" is a Python keyword, so this one takes the functional TypedDict form.
ShareGPTMessage = TypedDict("ShareGPTMessage", {"from": Literal["system", "human", "gpt"],
                                                "value": str})


class ShareGPTLine(TypedDict):
    """`conversations` plus every LINEAGE_FIELDS key (None when unknown), `weight`, and
    `ratings`: per bot turn (0-based index among the bot turns) the current ratings."""

    id: str
    conversations: list[ShareGPTMessage]
    weight: float
    ratings: NotRequired[dict[str, dict[str, object]]]


class PreferencePairLine(TypedDict):
    """`prompt`: the messages up to and including the user message (OpenAI roles);
    `chosen` / `rejected`: the better and worse bot reply; scores and their basis."""

    prompt: list[OpenAIMessage]
    chosen: str
    rejected: str
    chosen_score: float
    rejected_score: float
    basis: Literal["stars", "thumb", "judge", "heuristic"]
    chosen_conversation_id: str
    rejected_conversation_id: str


MESSAGES_CSV_COLUMNS = ("message", "category", "confidence", "turn_idx",
                        *[f for f in LINEAGE_FIELDS if f != "category"], "weight", "split")

TURNS_COLUMNS = ("conversation_id", "turn_idx", "user_message", "bot_reply", "user_emotion",
                 "user_intent", "latency_ms", "ttft_ms", "prompt_tokens", "completion_tokens",
                 *[f for f in LINEAGE_FIELDS if f != "conversation_id"], "thumb", "stars",
                 "flagged", "note", "rater", "weight", "split")
"""The fixed columns of `turns-csv` / `turns-parquet`; each metric follows as its own
column (`m.<name>` for heuristic and persona metrics, `judge.<rubric>.<criterion>`)."""
