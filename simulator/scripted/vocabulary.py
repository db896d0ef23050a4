"""Small fragments the scripted personas build messages from, keyed by preference.

Whole-message templates live in `phrasebook`; these are the pieces around them: what a
persona asks about at each depth, interjections, hedges, add-on sentences, closers and
emoji. Entries are fragment grammars (`grammar`) over the slots of `questions`. Every table
covers every value of the persona preference it is keyed by.
"""

from __future__ import annotations

from simulator.persona import CommunicationStyle, Formality, TopicDepth

ASPECTS: dict[TopicDepth, tuple[str, ...]] = {
    "surface": (
        "the basics",
        "the fun side of it",
        "a [quick|simple|easy] tip or two",
        "what people usually do",
        "the easy wins",
        "how to get started [without spending much|this weekend|]",
    ),
    "moderate": (
        "how it works in practice",
        "the main ideas",
        "where a beginner should start",
        "what matters most",
        "the common mistakes",
        "what people get wrong about it",
    ),
    "deep": (
        "the underlying [mechanisms|physics|dynamics|causal structure]",
        "what the [current|latest|best available] evidence says",
        "the open [research|] questions",
        "the key [numbers|quantities|figures] and how they [are|get] measured",
        "the main trade-offs and what drives them",
        "where the [models|theories|standard explanations] break down",
        "how [robust|reproducible|well replicated] the [main|headline|key] results are",
        "the [uncertainties|error bars|confidence intervals] on the [main|key|headline] "
        "[estimates|numbers|claims]",
        "what is [measured|observed] versus what is [modelled|inferred|assumed]",
        "the [history|sequence] of [results|experiments|papers] that got us here",
    ),
    "exploratory": (
        "the [strangest|weirdest|least known] corners of it",
        "how it connects to [other fields|everything else|things you wouldn't expect]",
        "what most people never notice",
        "the [stories|people|legends] behind it",
        "where it might go next",
        "the [hidden|secret|off-the-map] [spots|sides|versions] of it",
        "what it feels like [up close|the first time|in person]",
    ),
}
"""What a persona wants to know about a topic, by how deep it likes to go."""

INTERJECTIONS: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (
        "Okay.", "Right.", "Hm.", "I see.", "Understood.", "Interesting.", "Got it.", "Noted.",
        "Makes sense.", "Fair enough.", "Huh.", "Useful.", "Thanks.", "OK, good.", "Right, so",
    ),
    "casual": (
        "haha", "lol", "ohh", "ok", "yeah", "ha", "oh nice", "hmm", "lmao", "omg", "ooh", "yep",
        "ok ok", "hahaha", "oh word", "ayy", "yea", "kk", "wait", "bet", "ngl", "oof", "dude",
        "nice nice", "oh lol", "ahh", "sick", "damn", "ok wait", "ha ok",
    ),
    "empathetic": (
        "Oh,", "Hmm...", "<thanks>.", "I see...", "Okay...", "Wow,", "Oh wow.", "Mm.",
        "Yeah...", "Honestly,", "<thanks>, really.", "Oh, okay.", "I hear you.", "Right...",
        "Huh.", "Oof.", "That's fair.",
    ),
    "adventurous": (
        "Wow!", "Whoa,", "Ooh!", "No way!", "Oh cool!", "Yes!", "Ha!", "Amazing!", "Oh wow!",
        "Wild!", "Nice!", "Whoa whoa,", "Oh man,", "Brilliant!", "Yesss!", "Ooh, okay!",
        "Wait, what?!", "Ha, love it!", "Oh nice!",
    ),
    "direct": ("OK.", "Noted.", "Fine.", "Right.", "Got it.", "Clear."),
    "formal": ("I see.", "Thank you.", "Indeed.", "Very well.", "Most helpful.", "Quite."),
}
"""Short reactions a persona may put before the body of a message."""

HEDGES: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (
        "I might be missing something, but",
        "Correct me if I'm wrong, but",
        "Out of curiosity,",
        "[Genuine|Naive|Possibly naive] question:",
        "[Just|] to check my understanding,",
        "Pushing on this a bit:",
    ),
    "casual": ("idk but", "not gonna lie,", "ok so", "tbh", "real talk,", "lowkey", "ok but"),
    "empathetic": (
        "I don't know,",
        "Maybe this is silly, but",
        "Can I ask,",
        "[Sorry if|I hope] this [is a weird question|isn't too much], but",
        "I've been wondering,",
    ),
    "adventurous": ("Okay so", "Honestly,", "Quick one:", "Real question:", "Be honest:"),
    "direct": ("Simply put:", "Straight question:"),
    "formal": ("If I may,", "Forgive me, but", "With respect,"),
}
"""Softeners placed in front of a question."""

ADDONS: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (
        "[<numbers>|Figures] or a <source> would [help|be great|be ideal].",
        "I'd like the [reasoning|derivation|argument], not just the [conclusion|answer|"
        "headline].",
        "Feel free to get [technical|mathematical|into the weeds|quantitative].",
        "Even a [rough|ballpark|back-of-the-envelope] [order of magnitude|estimate|number] "
        "would help.",
        "A [reference|pointer|link] to a [paper|dataset|review|preprint] would be [ideal|"
        "perfect|great].",
        "I'm [interested in|after] the <mechanism>, not just the [correlation|pattern|"
        "headline].",
        "[Caveats|Uncertainties|Known unknowns] [are welcome|matter to me|are fine].",
        "[I can handle|Don't shy away from] [equations|jargon|the details|the maths].",
        "[Please|] [separate|distinguish] what's [measured|observed] from what's [modelled|"
        "assumed|speculative].",
        "[I'd|I would] [also|] [love|like] to know [if|whether] anyone has used {method} [on "
        "this|here|for it].",
        "[For reference|For what it's worth], {source} [is|was] what [got me curious|started "
        "this|I was reading].",
    ),
    "casual": (
        "no pressure <lol>", "keep it short pls", "just curious", "nothing fancy",
        "short answer pls", "just wondering <lol>", "no essays pls",
        "[u|you] don't have to be serious <lol>",
    ),
    "empathetic": (
        "I hope that makes sense.",
        "[It's|{subject} has] been on my mind [a lot|so much|all week|<often>].",
        "I'm trying to be honest with myself about [it|{subject}|how I feel].",
        "It means a lot to be able to talk about [this|{subject}|it] [with someone|here|].",
        "[I haven't told|I haven't really talked to] [anyone|many people] about [it|this|"
        "{subject}] [yet|before|].",
        "[Sorry|Sorry if] this is a lot.",
        "I [think|guess] I just [need|want] [someone to listen|to say it out loud|to be heard].",
        "[It's|This is] [harder|more complicated] than it [sounds|looks], [I think|honestly].",
        "[Mostly|Honestly] I [just|] feel {emotion} [about it|today|right now].",
        "{person} [doesn't know|has no idea] [I'm feeling this way|about any of this|how bad it's "
        "been].",
    ),
    "adventurous": (
        "I want to know everything!",
        "The weirder the better!",
        "I'm all ears!",
        "Tell me the [wild|weird|good|secret] stuff!",
        "Go on, surprise me!",
        "[Don't hold back|Spare no detail|Bring on the stories]!",
        "[My bag is|I'm] [basically packed|ready to go] [already|lol|]!",
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
    "moderate": ("", "I've been thinking about [it|{subject}] for a while."),
    "deep": (
        "For context, I already know the basics of [{topic}|{subject}].",
        "Assume I know the basics[ of {subject}|].",
        "I've read a [fair amount|lot|bit] on {subject}, so [don't simplify|skip the intro|go "
        "deep].",
        "[I have|I've got] a [background|degree|working knowledge] in [statistics|physics|"
        "engineering|biology|computer science], [so|and] [don't simplify|go technical|skip "
        "the basics].",
        "[I'm asking|This is] for [a talk|a paper|my team|a reading group|a review I'm "
        "writing], so [accuracy matters|precision matters|the details matter] more than "
        "[brevity|simplicity|speed].",
    ),
    "exploratory": (
        "I love a good rabbit hole.",
        "Tangents welcome!",
        "I'm happy to wander off topic.",
        "[Detours|Side stories|Weird facts] [are welcome|are the best part|encouraged]!",
    ),
}
"""Sentences saying how far into a topic the persona wants to go."""

TERSE_REMARKS: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (
        "That's a bit thin[ on evidence| on data|].",
        "That's rather high-level[ — where's the data?| — what's the source?|.]",
        "That's too brief for me.",
        "That skips [most of|] the [interesting|hard|important] part[: the mechanism| — the "
        "evidence|].",
        "[That's|This is] [the headline|the abstract], not the [substance|analysis|result].",
        "[I need|I'm after] more than [a one-liner|a summary|that][, ideally with data|, with a "
        "source|].",
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
    "[a citation|a DOI|a link to the paper]",
    "[effect sizes|sample sizes|confidence intervals]",
    "a [back-of-the-envelope|rough] calculation",
)
"""What a detail-hungry persona asks for when it pushes for more."""

SHARES: tuple[str, ...] = (
    "I've been carrying [this|{subject}] around for a while.",
    "I don't usually open up like this[ about {subject}|].",
    "Sometimes I wonder if it's just me.",
    "It's been <hard> to talk about [this|{subject}] with anyone else.",
    "I keep replaying [it|{subject}|everything] in my head.",
    "Part of me feels [a bit|kind of|so] [embarrassed|silly|ashamed] saying it.",
    "I think I've been too hard on myself[ about {subject}|].",
    "Writing it down [actually|honestly|] helps a little.",
    "[Last night|Yesterday|This morning] I [cried|couldn't sleep|sat in the car for ages] "
    "[because of|thinking about] {subject}.",
    "[My friends|My family|People around me] [think|say] I [should be over it|am fine|am "
    "overthinking it], but I'm [not|really not sure].",
    "[I used to|I always thought I could] [handle|deal with] [things like this|this kind of "
    "thing] [on my own|fine|better].",
    "[It's been|It has been] [a few weeks|months|a while] and {subject} [still|somehow still] "
    "[stings|hurts|follows me around].",
    "[I haven't|I have not] [said this|admitted this] to anyone, but [I'm scared|I'm "
    "exhausted|I feel lost].",
    "[When I was little|Growing up|As a kid], [I learned|I was taught|I figured out] [to "
    "keep quiet|not to make a fuss|to be the easy one], [and|so] {subject} [brings all that "
    "back|feels familiar|hits a nerve].",
    "{person} [doesn't|wouldn't] [understand|get it|see it] [if I said this|the way you do]"
    ", [I think|honestly|probably].",
    "[I wrote|I drafted|I typed] [a message|a letter|a long text] to {person} {when} [and "
    "deleted it|but never sent it|and then panicked].",
    "[The worst part|What gets me|The hardest bit] is [the quiet|the evenings|the mornings] "
    "[after|around] {subject}.",
    "{person} [texted|called|messaged] me {when} [and|but] I [couldn't answer|left it on "
    "read|pretended to be busy].",
    "[I went for a walk|I sat in the bath|I stayed in bed] [for hours|all afternoon|way too "
    "long] {when} [just|] [thinking|stewing|spiralling] about {subject}.",
    "[My appetite|My sleep|My focus at work] [has gone|is] [all over the place|downhill|"
    "weird] since {subject} [took over|came up|started weighing on me].",
    "[I almost|I nearly] [told|called] {person} [about it|everything] {when}, [then|but] I "
    "[chickened out|froze|talked about the weather].",
    "[It's been|It has been] [a few weeks|months|ages] [and|but] I still [feel|get] {emotion} "
    "[when|whenever] [I see|someone mentions|I think of] {person}.",
    "[There's|There is] [a song|a smell|a street] [that|which] [brings|drags] [it|{subject}] "
    "[all|right] back, [every time|without fail].",
    "[Even|Just] [getting dressed|making breakfast|answering email] [feels|has felt] "
    "[heavy|like a mountain|pointless] [since|because of] {subject}.",
    "[Honestly|Truthfully], I [haven't|have not] [been|felt] [this|so] {emotion} [in|for] "
    "[years|a long time|ages].",
)
"""Self-disclosures an emotionally open persona adds once it feels heard."""

CLOSERS: dict[Formality, tuple[str, ...]] = {
    "professional": (
        "Thanks.", "Appreciate it.", "Thanks in advance.", "Much appreciated.", "Thank you.",
        "Cheers.",
    ),
    "friendly": (":)", "thx!", "cheers!", "thanks!", "ty!", "tysm", "thank u!", ":D"),
    "warm": (
        "[Thank you|Thanks] for [listening|hearing me out|being patient with me].",
        "<thanks>, really.", "I appreciate you.", "[Thanks|Thank you] for being here.",
    ),
    "casual": ("lol", "haha", "anyway", "cheers", "thx", "ty"),
    "formal": ("Thank you in advance.", "With thanks.", "I am grateful for your time."),
}
"""Sign-offs, by formality."""

EMOJI: dict[CommunicationStyle, tuple[str, ...]] = {
    "technical": (),
    "casual": ("😂", "😅", "🙌", "👀", "😎", "🤷", "👍", "💀", "😭", "🔥", "✌️", "🤔"),
    "empathetic": ("🥺", "💛", "🙏", "😔", "😞", "🫶", "💙"),
    "adventurous": ("🤩", "✨", "🌍", "🔥", "📸", "🚀", "🏔️", "🌊", "🗺️"),
    "direct": (),
    "formal": (),
}
"""Emoji a persona may sprinkle in, by style (none for the buttoned-up styles)."""

SLANG_TAGS: tuple[str, ...] = (
    "lol", "tbh", "ngl", "haha", "fr", "lmao", "idk", "lowkey", "tho", "imo", "rn", "fr fr",
)
"""Tags a casual persona tacks onto the end of a message."""

PLACEHOLDER_TERMS: tuple[str, ...] = ("that", "that part", "what you just said")
"""What a persona refers to when a reply offers no salient term to pick up."""
