"""The persona guards on messages small models really wrote (Qwen2.5 0.5B/1.5B, SmolLM2
135M under llama.cpp), and on the human lines they must let through."""

from __future__ import annotations

import pytest

from simulator.llm_persona.guards import GUARDS, check_message, correction, is_repeat

EARLIER = [
    "hey, any good movies on this weekend?",
    "Dune Part Two is great fun, and it is on at the Rialto tonight.",
]


@pytest.mark.parametrize(("message", "guard"), [
    ("Hi there! How can I assist you today?", "role_break"),
    ("I'm glad to meet you. I'm a helpful AI, here to assist you. What can", "role_break"),
    ("Hello! How may I help you?", "role_break"),
    ("As an AI language model, I don't have personal preferences.", "role_break"),
    ("Sure! I'd be happy to help you find a movie.", "role_break"),
    ("Feel free to ask if you have more questions!", "role_break"),
    ("Is there anything else I can do for you?", "role_break"),
    ("I'm happy to answer any follow-up questions or respond to any more.", "role_break"),
    ("Do you have any more ideas about how I can help?", "role_break"),
    ("What would feel most supportive to you today?", "role_break"),
    ("What exactly do you want to know about phytoplankton blooms?", "role_break"),
    ("I'm sorry, I don't have enough information to answer your question about hate quitting "
     "a job I hated. Could you please provide me with a specific reason?", "role_break"),
    ("", "empty"),
    ("   ...  ", "empty"),
    ('{"message": "<what you type>", "emotion": "curious"}', "format"),
    ('"message": "hey what is on", "intent": "opening"', "format"),
    ("<what you type>", "format"),
    ("Hi, I'm [Your Name] and I love movies", "format"),
    ("ASSISTANT: Dune is showing at 8pm.", "format"),
    ("YOU (Casual Casey): any movies?", "format"),
    ("(I'm happy to answer any follow-up questions or respond to any more.)", "format"),
    ("(The chat window is open and empty.)", "format"),
    ("I was wondering if you could tell me about the", "truncated"),
    ("so the thing about climbing gyms is,", "truncated"),
    ("That's a great way to wrap it up. Here it is:", "truncated"),
    ('I think "Dune is', "truncated"),
    ("hey, any good movies on this weekend?", "repeat"),
    ("Hey, any good movies on this weekend??", "repeat"),
    ("hey any good movies on this weekend", "repeat"),
    ("Dune Part Two is great fun, and it is on at the Rialto tonight!", "repeat"),
    ("Dune Part Two is great fun and it is on at the Rialto", "repeat"),
    ("Yes! Dune Part Two is great fun, and it is on at the Rialto, I heard", "repeat"),
])
def test_small_model_slips_are_caught(message: str, guard: str) -> None:
    assert check_message(message, EARLIER) == guard


@pytest.mark.parametrize("message", [
    "lol ok, is it long?",
    "Can you help me find a cheaper cinema?",
    "I'm here for the popcorn tbh",
    "Thanks. What time does it start?",
    "ok",
    "What is the evidence for that claim, and who measured it?",
    "wait, the Rialto? where is that",
    "I feel a bit lost with all of this, to be honest.",
    "Is there a version for kids?",
    "what if",
    "who do I talk to",
])
def test_human_lines_pass(message: str) -> None:
    assert check_message(message, EARLIER) is None


def test_a_short_line_is_not_a_near_repeat_of_a_longer_one() -> None:
    assert not is_repeat("ok thanks", ["ok thanks so much for all the tips today"])
    assert is_repeat("ok thanks", ["OK, thanks."])


@pytest.mark.parametrize("guard", GUARDS)
def test_each_correction_quotes_the_rejected_answer_and_names_the_persona(guard: str) -> None:
    note = correction(guard, "Casual Casey", "Hi there!\n How can I assist you today?")  # type: ignore[arg-type]
    assert '"Hi there! How can I assist you today?"' in note
    assert "Casual Casey's next message" in note
