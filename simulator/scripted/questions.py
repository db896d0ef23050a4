"""Templates for the messages that ask something: opening, clarify, deepen, tangent, follow-up.

Templates are `str.format` strings over these slots: `{topic}` (current topic), `{term}`
(a phrase picked from the bot's reply), `{other}` (a tangent target), `{aspect}` (what
the persona wants to know, by depth), `{state}` (the starting emotional state),
`{feeling}` (the current emotion), `{detail}` (a kind of evidence) and `{last}` (the
persona's previous question). A template that names `{term}` is used only when the
reply offered one.
"""

from __future__ import annotations

from simulator.scripted.intents import Table

OPENING: Table = {
    "technical": (
        "I've been reading about {topic} and want to understand {aspect}.",
        "I'm trying to build a rigorous picture of {topic}. What do we actually know about "
        "{aspect}?",
        "Question on {topic}: how would you explain {aspect}?",
        "I work adjacent to {topic} and I'm curious about {aspect}. Where would you start?",
        "Can you give me a precise account of {topic}, especially {aspect}?",
    ),
    "casual": (
        "hey! been thinking about {topic} lately, any ideas?",
        "so {topic}... what's good?",
        "yo, wanna talk {topic}?",
        "random q but what do you think about {topic}?",
        "hiii, {topic} chat?",
        "ok so {topic}. go",
    ),
    "empathetic": (
        "Can I talk to you about {topic}? I've been feeling {state} about it.",
        "I've been feeling really {state} lately, and a lot of it comes back to {topic}.",
        "This might sound silly, but {topic} has been on my mind a lot and I feel {state}.",
        "I need to get something off my chest about {topic}.",
    ),
    "adventurous": (
        "Okay, I'm totally hooked on {topic} right now! What's the most surprising thing about it?",
        "Let's talk {topic}! Tell me about {aspect}.",
        "I just got back into {topic} and I want to know everything. Where do we even begin?",
        "Hit me with your best {topic} story!",
    ),
    "direct": (
        "Question about {topic}. What matters most?",
        "Give me the key facts on {topic}.",
        "{topic}: what's the one thing I should know?",
        "Tell me about {aspect} in {topic}.",
    ),
    "formal": (
        "Good day. I would appreciate your perspective on {topic}, in particular {aspect}.",
        "I should be grateful for an overview of {topic}, with attention to {aspect}.",
        "May I ask about {topic}? I am interested in {aspect}.",
    ),
}

CLARIFY: Table = {
    "technical": (
        "What exactly do you mean by '{term}'?",
        "What do you mean by '{term}'?",
        "Can you define '{term}' precisely? I want to be sure we mean the same thing.",
        "When you say '{term}', what's the underlying mechanism?",
        "How is '{term}' measured in practice?",
    ),
    "casual": (
        "wait what's {term}?",
        "{term}? never heard of it",
        "lol what's {term}",
        "huh, {term}?",
        "what do you mean {term}?",
    ),
    "empathetic": (
        "When you say '{term}', what do you mean? I want to make sure I understand.",
        "I'm not sure I follow what '{term}' means for me.",
        "What do you mean by '{term}'?",
    ),
    "adventurous": (
        "Ooh, what's '{term}'? That sounds fascinating!",
        "Wait, tell me more about '{term}'!",
        "'{term}'? I've never heard of that, what is it?",
        "Hold on, what's '{term}' all about?",
    ),
    "direct": (
        "Define '{term}'.",
        "What does '{term}' mean here?",
        "'{term}' meaning what, exactly?",
    ),
    "formal": (
        "Could you clarify what is meant by '{term}'?",
        "I am not familiar with '{term}'. Would you explain it?",
        "What precisely do you mean by '{term}'?",
    ),
}

DEEPEN: Table = {
    "technical": (
        "Can you go deeper? I'd like the mechanism, not just the summary.",
        "Do you have {detail} for that?",
        "What does the data actually show here?",
        "Can you walk me through the underlying process step by step?",
        "Can you go deeper on '{term}'? What drives it, and how big is the effect?",
        "What's the evidence behind '{term}'? Any studies or {detail}?",
        "How does '{term}' work at a mechanistic level?",
    ),
    "casual": (
        "ok but like, why tho?",
        "wait how does that work",
        "more on {term}?",
        "why's that?",
    ),
    "empathetic": (
        "Can you say more about that? I think it matters to me.",
        "What makes you say that about '{term}'?",
        "Could you help me understand that a bit more?",
    ),
    "adventurous": (
        "Go on, go on! What else is there about '{term}'?",
        "That's wild, how does it actually work?",
        "Keep going, I want the details!",
    ),
    "direct": (
        "More detail on '{term}'.",
        "Why? Give me the reason.",
        "Be specific: what's the evidence?",
    ),
    "formal": (
        "Would you elaborate on '{term}', with supporting evidence where possible?",
        "I would appreciate a more thorough explanation, including {detail}.",
    ),
}

TANGENT: Table = {
    "technical": (
        "Slight tangent: how does this connect to {other}?",
        "Related question: does any of this carry over to {other}?",
        "Switching angle for a second: what's the state of the art in {other}?",
    ),
    "casual": ("anyway, {other}?", "ok random but {other}, thoughts?", "btw what about {other}"),
    "empathetic": (
        "This makes me think about {other}, actually. Can we talk about that?",
        "Can I bring up {other}? It's connected, I think.",
    ),
    "adventurous": (
        "Ooh, that reminds me of {other}! Is there a connection?",
        "Totally different thing, but what about {other}?",
        "Okay, new rabbit hole: {other}! Go!",
        "Wait, this makes me think of {other}. Tell me about that!",
    ),
    "direct": ("Different question: {other}.", "Next topic: {other}. What should I know?"),
    "formal": (
        "If I may change the subject slightly, what is your view on {other}?",
        "On a related matter, what can you tell me about {other}?",
    ),
}

FOLLOW_UP: Table = {
    "technical": (
        "How does that hold up at scale?",
        "What are the main limitations of that?",
        "How confident is the field in that, and why?",
        "What would change your answer about '{term}'?",
        "How does '{term}' compare with the alternatives?",
        "What are the failure modes?",
    ),
    "casual": (
        "nice, anything else?",
        "so what would you do?",
        "cool, any recs?",
        "what's your fave?",
        "ok and {term}?",
    ),
    "empathetic": (
        "How do you think I should handle it?",
        "Has anyone else felt like this?",
        "What would you do in my place?",
        "How do I stop overthinking it?",
    ),
    "adventurous": (
        "What's the coolest example of '{term}'?",
        "Where can I see that for myself?",
        "What would you try first?",
        "And then what happens?!",
        "What's the wildest part?",
    ),
    "direct": ("What's next?", "What do I do with that?", "And '{term}'?"),
    "formal": (
        "What would you recommend as a next step?",
        "How might one pursue '{term}' further?",
        "What would you advise?",
    ),
}
