"""Small fragments the scripted personas build messages from, keyed by preference.

Whole-message templates live in `phrasebook`; these are the pieces around them: what a
persona asks about at each depth, interjections, hedges, add-on sentences, closers and
emoji. Every table covers every value of the persona preference it is keyed by.
"""

from __future__ import annotations

from simulator.persona import CommunicationStyle, Formality, TopicDepth

ASPECTS: dict[TopicDepth, tuple[str, ...]] = {
    "surface": (
        "the basics",
        "the fun side of it",
        "a quick tip or two",
        "what people usually do",
        "the easy wins",
    ),
    "moderate": (
        "how it works in practice",
        "the main ideas",
        "where a beginner should start",
        "what matters most",
        "the common mistakes",
    ),
    "deep": (
        "the underlying mechanisms",
        "what the current evidence says",
        "the open research questions",
        "the key numbers and how they are measured",
        "the main trade-offs and what drives them",
        "where the models break down",
    ),
    "exploratory": (
        "the strangest corners of it",
        "how it connects to other fields",
        "what most people never notice",
        "the stories behind it",
        "where it might go next",
    ),
}
"""What a persona wants to know about a topic, by how deep it likes to go."""

INTERJECTIONS: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": ("Okay.", "Right.", "Hm.", "I see.", "Understood.", "Interesting."),
    "casual": ("haha", "lol", "ohh", "ok", "yeah", "ha", "oh nice", "hmm"),
    "empathetic": ("Oh,", "Hmm...", "Thank you.", "I see...", "Okay...", "Wow,"),
    "adventurous": ("Wow!", "Whoa,", "Ooh!", "No way!", "Oh cool!", "Yes!"),
    "direct": ("OK.", "Noted.", "Fine.", "Right."),
    "formal": ("I see.", "Thank you.", "Indeed.", "Very well."),
}
"""Short reactions a persona may put before the body of a message."""

HEDGES: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (
        "I might be missing something, but",
        "Correct me if I'm wrong, but",
        "Out of curiosity,",
    ),
    "casual": ("idk but", "not gonna lie,", "ok so", "tbh"),
    "empathetic": ("I don't know,", "Maybe this is silly, but", "Can I ask,"),
    "adventurous": ("Okay so", "Honestly,", "Quick one:"),
    "direct": ("Simply put:", "Straight question:"),
    "formal": ("If I may,", "Forgive me, but", "With respect,"),
}
"""Softeners placed in front of a question."""

ADDONS: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (
        "Numbers or a source would help.",
        "I'd like the reasoning, not just the conclusion.",
        "Feel free to get technical.",
        "Even a rough order of magnitude would help.",
        "A reference to a paper or dataset would be ideal.",
        "I'm interested in the causal chain, not just the correlation.",
    ),
    "casual": ("no pressure lol", "keep it short pls", "just curious", "nothing fancy"),
    "empathetic": (
        "I hope that makes sense.",
        "It's been on my mind a lot.",
        "I'm trying to be honest with myself about it.",
        "It means a lot to be able to talk about this.",
    ),
    "adventurous": (
        "I want to know everything!",
        "The weirder the better!",
        "I'm all ears!",
        "Tell me the wild stuff!",
        "Go on, surprise me!",
    ),
    "direct": ("Be brief.", "Just the facts.", "Skip the intro."),
    "formal": (
        "A thorough answer would be most welcome.",
        "Please include references where available.",
        "I would value a careful, complete answer.",
    ),
}
"""Extra sentences a wordy persona adds after its question, saying what it wants."""

DEPTH_CONTEXT: dict[TopicDepth, tuple[str, ...]] = {
    "surface": ("", "Nothing too heavy, please."),
    "moderate": ("", "I've been thinking about it for a while."),
    "deep": (
        "For context, I already know the basics of {topic}.",
        "Assume I know the basics.",
        "I've read a fair amount on {topic}, so don't simplify.",
    ),
    "exploratory": (
        "I love a good rabbit hole.",
        "Tangents welcome!",
        "I'm happy to wander off topic.",
    ),
}
"""Sentences saying how far into a topic the persona wants to go."""

TERSE_REMARKS: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (
        "That's a bit thin.",
        "That's rather high-level.",
        "That's too brief for me.",
        "That skips most of the interesting part.",
    ),
    "casual": ("that's it?", "short and sweet lol", "hm ok"),
    "empathetic": ("Hmm, that was quite brief.", "Oh, is that all?"),
    "adventurous": ("That's it?! I want more!", "Wait, don't stop there!"),
    "direct": ("Too brief.", "Not enough."),
    "formal": ("That is rather brief.", "I had hoped for a fuller answer."),
}
"""Remarks a detail-hungry persona makes when a reply was shorter than it likes."""

DETAIL_ASKS: tuple[str, ...] = (
    "figures",
    "a source",
    "the mechanism",
    "a worked example",
    "the error bars",
    "the key studies",
    "the actual data",
    "the assumptions behind it",
)
"""What a detail-hungry persona asks for when it pushes for more."""

SHARES: tuple[str, ...] = (
    "I've been carrying this around for a while.",
    "I don't usually open up like this.",
    "Sometimes I wonder if it's just me.",
    "It's been hard to talk about with anyone else.",
    "I keep replaying it in my head.",
    "Part of me feels a bit embarrassed saying it.",
    "I think I've been too hard on myself.",
    "Writing it down actually helps a little.",
)
"""Self-disclosures an emotionally open persona adds once it feels heard."""

CLOSERS: dict[Formality, tuple[str, ...]] = {
    "professional": ("Thanks.", "Appreciate it.", "Thanks in advance."),
    "friendly": (":)", "thx!", "cheers!", "thanks!"),
    "warm": ("Thank you for listening.", "Thank you, really.", "I appreciate you."),
    "casual": ("lol", "haha", "anyway", "cheers"),
    "formal": ("Thank you in advance.", "With thanks.", "I am grateful for your time."),
}
"""Sign-offs, by formality."""

EMOJI: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (),
    "casual": ("😂", "😅", "🙌", "👀", "😎", "🤷", "👍"),
    "empathetic": ("🥺", "💛", "🙏", "😔"),
    "adventurous": ("🤩", "✨", "🌍", "🔥", "📸", "🚀"),
    "direct": (),
    "formal": (),
}
"""Emoji a persona may sprinkle in, by style (none for the buttoned-up styles)."""

SLANG_TAGS: tuple[str, ...] = ("lol", "tbh", "ngl", "haha", "fr", "lmao", "idk")
"""Tags a casual persona tacks onto the end of a message."""

PLACEHOLDER_TERMS: tuple[str, ...] = ("that", "that part", "what you just said")
"""What a persona refers to when a reply offers no salient term to pick up."""
