"""Templates for the messages that respond to how a reply landed: validate, react, complain.

Slots are those described in `questions`.
"""

from __future__ import annotations

from simulator.scripted.intents import Complaint, Table

VALIDATE: Table = {
    "technical": (
        "Is my reasoning here sound, or am I missing something?",
        "Does it make sense that this bothers me?",
    ),
    "casual": ("idk, am i being weird about it?", "is that dumb of me?"),
    "empathetic": (
        "I guess I was hoping you'd understand how hard this is for me.",
        "Do you think it's okay that I feel {feeling} about this?",
        "Am I overreacting, or does that make sense?",
        "I don't know, it just feels like nobody really gets it.",
        "Is it normal to feel this way?",
    ),
    "adventurous": ("Is it crazy that I'm this into it?", "You get why this matters to me, right?"),
    "direct": ("Tell me straight: am I right to feel this way?", "Am I wrong here?"),
    "formal": (
        "Would you say my reaction is a reasonable one?",
        "Do you consider my concern justified?",
    ),
}

REACT: Table = {
    "technical": (
        "That's a useful framing.",
        "Interesting, that matches what I've read.",
        "Fair point about '{term}'.",
        "Good, that's clearer now.",
    ),
    "casual": ("haha nice", "oh cool", "lol fair", "nice, {term} sounds fun", "ha true", "ok bet"),
    "empathetic": (
        "That actually helps, thank you.",
        "It means a lot that you get it.",
        "Thank you for saying that.",
        "That's really kind.",
    ),
    "adventurous": (
        "That's amazing!",
        "No way, that's so cool!",
        "Love that!",
        "'{term}', what a find!",
    ),
    "direct": ("Got it.", "Understood.", "Fine.", "Clear."),
    "formal": (
        "Thank you, that is helpful.",
        "I see, that is most informative.",
        "That is a fair observation.",
    ),
}

COMPLAIN: dict[Complaint, Table] = {
    "empty": {
        "technical": (
            "Your reply came through empty. To repeat: {last}",
            "I didn't get an answer there. Again: {last}",
            "Nothing came through. My question was: {last}",
        ),
        "casual": ("uh, you there? {last}", "hello?? {last}", "?? {last}"),
        "empathetic": (
            "Oh... did you not have anything to say? I asked: {last}",
            "I was hoping for an answer. {last}",
            "Are you still there? I asked: {last}",
        ),
        "adventurous": (
            "Hello? Lost you there! {last}",
            "Did you freeze? {last}",
            "Earth to bot! {last}",
        ),
        "direct": ("No answer. Again: {last}", "Empty reply. {last}", "Nothing? {last}"),
        "formal": (
            "I seem to have received an empty reply. I asked: {last}",
            "Your reply appears to be blank. To repeat my question: {last}",
        ),
    },
    "long": {
        "technical": (
            "That's a lot to parse. Could you condense it to the key points?",
            "Can you give me the core result in a few sentences?",
        ),
        "casual": (
            "ok that's a lot lol, short version?",
            "tl;dr?",
            "whoa, wall of text. can you sum it up?",
            "too long didn't read lol, gist?",
            "bro that's an essay, short version pls",
        ),
        "empathetic": (
            "That's a lot to take in right now. Can you keep it simpler?",
            "I'm a bit overwhelmed by all that. What's the main thing?",
        ),
        "adventurous": (
            "Whoa, that's a lot! Give me the highlight?",
            "Okay, information overload! What's the best bit?",
        ),
        "direct": ("Too long. Summarise.", "Shorter, please.", "Bottom line?"),
        "formal": (
            "That is rather extensive. Might you summarise the essentials?",
            "Could you state the principal points more concisely?",
        ),
    },
    "off": {
        "technical": (
            "That doesn't really answer my question about {topic}.",
            "We've drifted. Back to {topic}, please.",
            "How does that relate to {topic}?",
        ),
        "casual": ("lol that's not what i asked tho", "wait but {topic}?", "um, {topic}?"),
        "empathetic": (
            "I feel like you didn't really hear what I said about {topic}.",
            "That's not quite what I meant. I was talking about {topic}.",
        ),
        "adventurous": (
            "Ha, fun, but what about {topic}?",
            "Cool, but back to {topic}!",
            "Wait, I was asking about {topic}!",
        ),
        "direct": ("You didn't answer. {topic}?", "Off topic. {topic}, please."),
        "formal": (
            "With respect, that does not address my question regarding {topic}.",
            "I had asked about {topic}, if you would return to it.",
        ),
    },
    "tone": {
        "technical": (
            "Can we keep this precise? I'm after specifics, not generalities.",
            "Less small talk, more substance, please.",
        ),
        "casual": ("lol you sound like a textbook, chill", "why so serious tho"),
        "empathetic": ("That feels a bit cold, honestly.", "That sounds a bit clinical..."),
        "adventurous": (
            "Hmm, that's a bit dry. Where's the fun in it?",
            "That sounds like a manual. Where's the magic?",
        ),
        "direct": ("Skip the padding, please.", "Less fluff."),
        "formal": (
            "I would prefer a somewhat more formal register.",
            "Might we keep to a more measured tone?",
        ),
    },
}
