"""One stored conversation for a plain terminal (rich) and as a JSON document (`sparring show`).

The printed form follows the app's transcript screen: a header (who, which bot and run,
lineage, seed, the conversation's figures), then each turn with the user message, the bot
reply or why it failed, its metrics and every rating with who gave it. Stored text goes
through `Text`, never markup, so a message holding `[bold]` prints as written.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from storage.browse import TranscriptTurn
from storage.transcripts import ConversationDetail, RatingEntry

JSON_VERSION = 1
"""Bumped when a key of the JSON document changes meaning or goes away."""

TURN_SCORES: tuple[tuple[str, str, bool], ...] = (
    ("length_fit", "length", True),
    ("relevance", "relevance", True),
    ("question_addressed", "answered", True),
    ("repetition", "repeats", False),
    ("formality_fit", "formality", True),
    ("persona_engagement", "engaged", True),
)
"""(metric, label, higher is better): the scores a turn shows, in the app and in `sparring show`."""
"""Per-turn heuristic metrics shown by name (label, higher is better), as the app shows them."""

_STATUS_STYLE = {"completed": "green", "running": "yellow", "failed": "red", "cancelled": "dim"}


def score_style(value: float, higher_is_better: bool = True) -> str:
    good = value if higher_is_better else 1 - value
    return "green" if good >= 0.7 else "yellow" if good >= 0.4 else "red"


def _latency(ms: float) -> str:
    return f"{ms:.0f}ms" if ms < 1000 else f"{ms / 1000:.1f}s"


def _stars(count: int) -> str:
    return "★" * count + "☆" * (5 - count)


def _field(text: Text, label: str, value: object, style: str = "") -> None:
    text.append(f"  {label} ", "dim")
    text.append(str(value), style)


def header(detail: ConversationDetail, user_label: str) -> Text:
    """Who talked to whom, lineage and seed, then the conversation's figures and verdict."""
    row, lineage, run = detail.transcript.conversation, detail.lineage, detail.run
    text = Text()
    text.append("conversation ", "dim")
    text.append(row.id, "bold")
    text.append("  ")
    text.append(row.status, _STATUS_STYLE.get(row.status, ""))
    text.append("\n")
    text.append(user_label, "bold cyan")
    if row.persona_id not in (None, user_label):
        text.append(f" ({row.persona_id})", "dim")
    text.append(" ↔ ")
    text.append(row.bot_id, "bold magenta")
    _field(text, "topic", row.topic or "–")
    if lineage.emotional_state:
        _field(text, "mood", lineage.emotional_state)
    if lineage.category:
        _field(text, "category", lineage.category)
    if run is not None:
        text.append("\nrun ", "dim")
        text.append(f"{run.id} ({run.status}, run seed {run.seed})")
    text.append("\n")
    text.append("source ", "dim")
    text.append(lineage.source)
    if lineage.parent_id:
        _field(text, "parent", lineage.parent_id)
    _field(text, "seed", "–" if lineage.seed is None else lineage.seed)
    if lineage.persona_engine:
        _field(text, "engine", lineage.persona_engine)
    if lineage.persona_hash:
        _field(text, "persona def", lineage.persona_hash)
    text.append("\n")
    text.append_text(_figures(detail))
    if lineage.goal:
        text.append("\ngoal ", "dim")
        text.append(lineage.goal)
    if detail.transcript.verdict:
        text.append("\nverdict ", "dim")
        text.append(detail.transcript.verdict, "italic")
    if lineage.error and row.status != "completed":
        text.append("\nended ", "dim")
        text.append(lineage.error, "red")
    return text


def _figures(detail: ConversationDetail) -> Text:
    transcript = detail.transcript
    figures = transcript.conversation_metrics
    text = Text()
    for name, label in (("conversation_quality", "quality"), ("engagement_score", "engagement"),
                        ("mean_relevance", "relevance")):
        if name in figures:
            text.append(f"{label} ", "dim")
            text.append(f"{figures[name]:.2f}  ", f"bold {score_style(figures[name])}")
    satisfaction = transcript.conversation.satisfaction
    if satisfaction is not None:
        text.append("satisfaction ", "dim")
        text.append(_stars(satisfaction), "yellow")
        text.append(f" {satisfaction}/5  ")
    if "sentiment_shift" in figures:
        text.append("mood shift ", "dim")
        text.append(f"{figures['sentiment_shift']:+.2f}  ")
    answered = [turn for turn in transcript.turns if turn.bot_reply is not None]
    text.append("rated ", "dim")
    text.append(f"{sum(turn.ratings.rated for turn in answered)}/{len(answered)}", "bold")
    flagged = sum(turn.ratings.flagged for turn in transcript.turns)
    if flagged:
        text.append("  ⚑ ", "red")
        text.append(str(flagged))
    judged = sorted((name.split(":", 1)[1], value) for name, value in figures.items()
                    if name.startswith("judge:"))
    if judged:
        text.append("\njudge", "dim")
        for name, value in judged:
            text.append(f"  {name} ")
            text.append(f"{value:g}", "bold")
    return text


def _metrics(turn: TranscriptTurn) -> Text:
    metrics = turn.metrics
    text = Text()
    latency = metrics.get("latency_ms", turn.latency_ms)
    if latency is not None:
        latency_score = metrics.get("latency_score")
        text.append("latency ", "dim")
        text.append(f"{_latency(latency)}  ",
                    "" if latency_score is None else score_style(latency_score))
    for name, label, higher in TURN_SCORES:
        if name in metrics:
            text.append(f"{label} ", "dim")
            text.append(f"{metrics[name]:.2f}  ", score_style(metrics[name], higher))
    for who, key in (("user sentiment", "user_sentiment"), ("bot sentiment", "bot_sentiment")):
        if key in metrics:
            text.append(f"{who} ", "dim")
            text.append(f"{metrics[key]:+.2f}  ", "red" if metrics[key] < -0.05 else "")
    for key, value in sorted(metrics.items()):
        if key.startswith("judge:"):
            text.append(f"{key} ", "dim")
            text.append(f"{value:g}  ", "bold")
    if not text:
        text.append("no metrics", "dim")
    text.rstrip()
    return text


def _rating(entry: RatingEntry) -> Text:
    text = Text()
    if entry.kind == "thumb" and entry.value is not None:
        text.append("👍" if entry.value > 0 else "👎", "green" if entry.value > 0 else "red")
    elif entry.kind == "stars" and entry.value is not None:
        text.append(_stars(int(entry.value)), "yellow")
    elif entry.kind == "flag":
        text.append("⚑ flagged", "bold red")
    else:
        text.append("✎ ")
        text.append(entry.note or "")
    text.append(f" by {entry.rater}", "dim")
    return text


def turn_block(turn: TranscriptTurn, ratings: list[RatingEntry], user_label: str,
               bot_label: str) -> RenderableType:
    """One exchange: user message, bot reply (or why it failed), metrics, ratings."""
    who = Text(user_label, "bold cyan")
    mood = " · ".join(part for part in (turn.user_emotion, turn.user_intent) if part)
    if mood:
        who.append(f"  {mood}", "dim italic")
    bot = Text(bot_label, "bold magenta")
    if turn.latency_ms is not None:
        bot.append(f"  {_latency(turn.latency_ms)}", "dim")
    reply = (Text(turn.bot_reply) if turn.bot_reply is not None
             else Text("⚠ " + (turn.error or "no reply"), "red"))
    parts: list[RenderableType] = [
        Rule(Text(f"turn {turn.idx + 1}"), align="left", style="dim"),
        who, Text(turn.user_message), bot, reply, _metrics(turn),
    ]
    if ratings:
        line = Text("ratings  ", "dim")
        line.append_text(Text("  ·  ").join(_rating(entry) for entry in ratings))
        parts.append(line)
    return Group(*parts)


def transcript_renderable(detail: ConversationDetail, user_label: str) -> RenderableType:
    """The whole conversation, header first."""
    bot_label = detail.transcript.conversation.bot_id
    by_turn: dict[int, list[RatingEntry]] = {}
    for entry in detail.ratings:
        by_turn.setdefault(entry.turn_idx, []).append(entry)
    turns = [turn_block(turn, by_turn.get(turn.idx, []), user_label, bot_label)
             for turn in detail.transcript.turns]
    if not turns:
        turns = [Text("no turns recorded", "dim")]
    return Group(header(detail, user_label), *turns)


def transcript_document(detail: ConversationDetail) -> dict[str, Any]:
    """The JSON form: every key always present (null when unknown), turns in order."""
    row, lineage, run = detail.transcript.conversation, detail.lineage, detail.run
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for entry in detail.ratings:
        by_turn.setdefault(entry.turn_idx, []).append({
            "rater": entry.rater, "kind": entry.kind, "value": entry.value,
            "note": entry.note, "created_at": entry.created_at,
        })
    turns = []
    for turn in detail.transcript.turns:
        usage = detail.usage.get(turn.idx)
        turns.append({
            "idx": turn.idx,
            "user_message": turn.user_message,
            "user_emotion": turn.user_emotion,
            "user_intent": turn.user_intent,
            "bot_reply": turn.bot_reply,
            "error": turn.error,
            "latency_ms": turn.latency_ms,
            "ttft_ms": usage.ttft_ms if usage else None,
            "prompt_tokens": usage.prompt_tokens if usage else None,
            "completion_tokens": usage.completion_tokens if usage else None,
            "attempts": usage.attempts if usage else None,
            "metrics": dict(sorted(turn.metrics.items())),
            "ratings": by_turn.get(turn.idx, []),
        })
    return {
        "version": JSON_VERSION,
        "conversation": {
            "id": row.id, "status": row.status, "error": lineage.error,
            "persona_id": row.persona_id, "persona_hash": lineage.persona_hash,
            "persona_engine": lineage.persona_engine, "bot_id": row.bot_id,
            "topic": row.topic, "emotional_state": lineage.emotional_state,
            "category": lineage.category, "goal": lineage.goal, "seed": lineage.seed,
            "source": lineage.source, "parent_id": lineage.parent_id,
            "started_at": row.started_at, "finished_at": lineage.finished_at,
            "turns": row.turns, "quality": row.quality, "satisfaction": row.satisfaction,
            "verdict": detail.transcript.verdict,
        },
        "run": None if run is None else {"id": run.id, "status": run.status, "seed": run.seed},
        "metrics": dict(sorted(detail.transcript.conversation_metrics.items())),
        "turns": turns,
    }
