"""Templates for complaints, by what went wrong (`intents.COMPLAINTS`) and style.

Fragment grammars over the slots described in `questions`; an empty reply is answered by
repeating the persona's question (`{last}`).
"""

from __future__ import annotations

from simulator.scripted.intents import Complaint, Table

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
            "That's a lot to parse. [Could|Can] you [condense|boil down|reduce] it to the [key "
            "points|essentials|core claims] [on {subject}|about '{term}'|]?",
            "[Can|Could] you give me the [core result|main finding|key number] [on {subject}|"
            "behind '{term}'|] in [a few sentences|two lines|a short paragraph]?",
            "[Too much|That's a lot of] [text|material] [for one go|at once]. [Just|Only] the "
            "[part|bit] [about|on] [{subject}|'{term}'], [please|ideally with a number].",
        ),
        "casual": (
            "[ok|okay|whoa] that's a lot <lol>",
            "tl;dr?",
            "[whoa|dude|omg], wall of text",
            "[too long|tl] didn't read <lol>",
            "[bro|dude|omg] that's an essay",
            "[way|waaay|sooo] too long <lol>",
            "[i'm|im] not reading all that",
            "[uh|um] [shorter|short version|3 words] [pls|please]",
            "[my eyes|my brain] <lol>. [shorter|tldr|gist]?",
            "[that's|thats] [a lot of words|so many words|a whole book]",
            "[ok|k] [but|so] [just|] [the {term} part|{term}|{subject}] [pls|tho|<lol>]",
            "[bro|dude|omg] i [just|only] asked [about|abt] {subject} <lol>",
        ),
        "empathetic": (
            "That's a lot to take in [right now|today|at once]. Can you keep it "
            "[simpler|shorter|gentler] [about {subject}|for me|]? [I'm feeling {emotion}|My head "
            "is full|I'm tired|]",
            "I'm a bit overwhelmed by all that. [What's the main thing|What matters most|Where do "
            "I start] [with {subject}|with {person}]?",
            "[Sorry,|Oh,|Hmm,] [that's|it's] [a lot|too much] [for me|to read] right now. [Could "
            "you|Can you] [just|] tell me [the one thing|what matters] about '{term}'?",
            "[That's|It's] [a lot|so many words] [for me|to take in] [right now|today|tonight]. "
            "[Could you|Can you] [just|] [tell me|say] [one thing|one kind thing|the main thing] "
            "about {subject}?",
            "[Sorry|Oof], [I got lost|I lost the thread|my eyes glazed over] [halfway|partway] "
            "[through|in]. [I'm|I feel] {emotion} and [tired|foggy|drained]. "
            "[Shorter|Simpler|Gentler], [maybe|please]?",
        ),
        "adventurous": (
            "Whoa, that's a lot! Give me the [highlight|best bit|headline] [on {subject}|about "
            "'{term}']?",
            "[Okay|Whoa], information overload! What's the <wildest> [bit|part] [about "
            "'{term}'|of {subject}|]?",
        ),
        "direct": ("Too long. Summarise.", "Shorter, please.", "Bottom line?"),
        "formal": (
            "That is rather extensive. Might you summarise the essentials?",
            "Could you state the principal points more concisely?",
        ),
    },
    "off": {
        "technical": (
            "That doesn't really answer my question about {subject}[ or '{term}'|]. [I was asking "
            "about {aspect}|]",
            "We've drifted. Back to {subject}[, please|].[ I care about {aspect}.| I'd like "
            "{aspect}.|]",
            "How does that relate to {subject}[ or '{term}'|]?",
            "[I'm not sure|I don't see how] that [addresses|bears on|answers] [what I asked|my "
            "question] about {subject}[, specifically {aspect}|].",
        ),
        "casual": (
            "[lol|um|uh] not what i asked",
            "wait but {subject}?",
            "[um|uh|so], {subject}?",
            "[ok but|ok|lol] [i said|i meant|i was asking abt] {subject} [tho|<lol>|]",
        ),
        "empathetic": (
            "I feel like you didn't [really|quite|] hear what I said about {subject}[ and "
            "{person}|]. [It left me feeling {emotion}|That stings a bit|]",
            "That's not quite what I meant. I was talking about {subject}[ and how I feel "
            "{emotion}| and {person}|].",
            "[Hm|Hmm|Oh]... I [was trying to|wanted to] talk about {subject}[, actually| though|]"
            ". [Is that okay|Can we go back to that|Could we stay with that]?",
            "[I'm not sure|I don't know if] that [fits|helps with] {subject}, [honestly|to be "
            "honest|really]. [It's|That's] the part [that hurts|I'm stuck on|I need help with].",
            "[That's|It's] [helpful|well meant], [I'm sure|probably], but I [wasn't asking|didn't "
            "ask] for [a list|a plan|advice] [about|on] {subject}. I [just|mostly] [feel|felt] "
            "{emotion}.",
            "[Um|Hm], [I'm not sure|I don't think] [that's|that is] [about|related to] {subject}. "
            "[Could we|Can we] [come back|go back|return] to [it|that|how I feel]? [I'm|I feel] "
            "{emotion}.",
            "[That's|It's] [interesting|a nice thought], but [it's|it is] [not really|not quite] "
            "[what|the thing] [I|that I] [meant|was getting at] [about|with] {subject} [and|or] "
            "{person}.",
        ),
        "adventurous": (
            "Ha, fun, but what about {subject}[ in {place}|]?",
            "Cool, but back to {subject}!",
            "Wait, I was asking about {subject}[ for {place}|]!",
        ),
        "direct": ("You didn't answer. {subject}?", "Off topic. {subject}, please."),
        "formal": (
            "With respect, that does not address my question regarding {subject}.",
            "I had asked about {subject}, if you would return to it.",
        ),
    },
    "tone": {
        "technical": (
            "Can we keep this <precise>? I'm after [specifics|<numbers>|the <mechanism>] on "
            "{subject}, not [generalities|metaphors|pleasantries].",
            "Less [small talk|poetry|enthusiasm], more [substance|<evidence>|<numbers>], please.",
            "[That reads|This reads] like [marketing|a brochure|a pep talk]. [What's the actual "
            "<mechanism>|Where are the <numbers>|Is there any <evidence>] [for '{term}'|on "
            "{subject}|]?",
        ),
        "casual": (
            "lol ok [textbook|robot|professor]",
            "why so serious [tho|lol|]",
            "[bro|dude] [relax|chill] <lol>",
        ),
        "empathetic": (
            "That feels a bit [cold|clinical|distant].",
            "That sounds a bit [clinical|detached|like a textbook]... [I was hoping for|I "
            "needed] [something kinder|a bit more warmth|some understanding] [about "
            "{subject}|right now|].",
            "[Hm|Oh]. [That|It] [reads|sounds] [like|a bit like] [a leaflet|a manual|an HR "
            "email]. [Could you|Can you] [talk to me|speak to me] [like a person|more gently|a "
            "bit more warmly]?",
            "[I|I'd] [was hoping|hoped] for [a little|some] [warmth|kindness|gentleness], [to be "
            "honest|honestly|if I'm honest]. {subject} [isn't|is not] [a problem|an equation|a "
            "task] to [solve|optimise|fix].",
        ),
        "adventurous": (
            "Hmm, that's a bit dry. Where's the [fun|magic] in {subject}[ and {place}|]?",
            "That sounds like a [manual|tax form|user guide]!",
        ),
        "direct": ("Skip the padding, please.", "Less fluff."),
        "formal": (
            "I would prefer a somewhat more formal register.",
            "Might we keep to a more measured tone?",
        ),
    },
}
