"""Templates for the messages that ask about the current thread: clarify, deepen, follow-up.

Templates are fragment grammars (`grammar`: `[a|b]` picks one, `<lately>` is a shared word
class) over `str.format` slots: `{topic}` (current topic), `{subject}` (what the
conversation is concretely about, `subjects`), `{term}` (a phrase picked from the bot's
reply), `{other}` (a tangent target), `{aspect}` (what the persona wants to know, by
depth), `{state}` (the starting emotional state), `{feeling}` (the current emotion),
`{detail}` (a kind of evidence), `{last}` (the persona's previous question) and the
specifics of `details` (`{person}`, `{name}`, `{place}`, `{when}`, `{day}`, `{emotion}`,
`{figure}`, `{source}`, `{method}`, `{gear}`; a `2` suffix draws a second, different one).
A template that names `{term}` is used only when the reply offered one.
"""

from __future__ import annotations

from simulator.scripted.intents import Table

CLARIFY: Table = {
    "technical": (
        "What [exactly|precisely|] do you mean by '{term}'[ here| in this context| for {subject}| "
        "in {source}|]?",
        "[Can|Could] you define '{term}' [precisely|more precisely|formally]? I want to be sure "
        "we [mean the same thing|are talking about the same thing|agree on terms].",
        "When you say '{term}', [what's the underlying <mechanism>|what is actually happening|"
        "what's the causal story|how is that defined]?",
        "How is '{term}' [measured|quantified|operationalised|estimated] [in practice|<conditions>|"
        "in the studies you mean]?",
        "[Is '{term}' the same as|Is '{term}' related to|Does '{term}' overlap with|Is '{term}' "
        "a special case of] what I've seen [called|described as] {subject}, or [something "
        "else|a different idea|a different thing entirely]?",
        "[On '{term}':|Regarding '{term}':] [is that a standard term|where does that term come "
        "from|who uses that term], and [how is it defined|what does it cover|what are its "
        "bounds]?",
        "[Sorry,|Hm,|] '{term}' [in what sense|meaning what, exactly|as opposed to what]?",
        "[I haven't come across|I don't know|I'm unfamiliar with] '{term}'. [Is it|Is that] "
        "[a measured quantity|a model construct|jargon from a specific field|an informal "
        "label]?",
        "[What units is|On what scale is|Over what time frame is] '{term}' [usually|normally|] "
        "[reported|measured|expressed]?",
        "[Quick check|Just to check|Sanity check]: by '{term}' do you mean [the observed "
        "effect|the modelled one|the textbook definition|the colloquial sense] [in "
        "{subject}|here|in that <source>|]?",
        "[How|Where] does '{term}' [fit into|relate to|show up in] {subject}, [exactly|"
        "concretely|mechanistically]?",
        "[Is|Would] '{term}' [the thing|the effect|the quantity] that [supposedly|reportedly] "
        "[accounts for|explains|drives] {figure} of [the variance|the change|the signal]?",
        "[When|If] you say '{term}', [are we talking|do you mean] {figure} [or|versus] [something "
        "much smaller|an order of magnitude more|a qualitative effect]?",
        "[Is that|Is '{term}'] [the same|the usage] [as|from] {source}, or [a different "
        "definition|something newer|a looser sense]?",
        "[In|Under] {method}, [would|does] '{term}' [mean|refer to] the same thing[ as in the "
        "theory|, or is it a proxy|]?",
        "'{term}' [being|meaning] [the measured quantity|the fitted parameter|the latent "
        "variable] [or|rather than] [the observed outcome|the raw signal|a summary statistic]?",
        "[Where|In which literature] does '{term}' [come from|originate|get used most]? [I'm "
        "seeing it|It shows up] [in|around] {subject} [a lot|lately|in odd places].",
        "[Do people agree on|Is there consensus on|Is there a standard for] [how to define|how to "
        "measure|what counts as] '{term}'[, or is it contested|? Or does it vary by group|]?",
        "[Does|Do] '{term}' [refer to|mean] [a rate|a stock|a flux|a probability] [here|in this "
        "context|for {subject}]?",
        "'{term}' [—|:] [is that|would that be] [the same thing|equivalent|related] to what "
        "[{source}|the textbooks|most reviews] [calls|call] it?",
        "[Which|What] [community|field|subfield] [coined|uses] '{term}'[, and does it mean the "
        "same in {subject}|? I've only seen it in {source}|]?",
        "[Is|Would] '{term}' [a cause|a consequence|a correlate] [of|in] {subject}, [or|or is it] "
        "[just|merely|only] [a marker|a proxy|a label]?",
        "Just to pin down the [terminology|vocabulary|definitions]: [is '{term}'|would '{term}' "
        "count as] [standard|textbook|mainstream] [usage|jargon] [in|for] {topic}?",
        "[Hold on|Wait|Sorry], [is|would] '{term}' [observable|directly measurable] [or|or only] "
        "[inferred|reconstructed|estimated] [from|via] [models|proxies|other data]?",
        "'{term}' [is|seems] [doing|carrying] a lot of [work|weight] in [that|your] "
        "[explanation|answer|argument]. [How|What exactly] [is it|does it] [defined|mean] "
        "[operationally|precisely]?",
        "[Do|Would] [you|people] [use|treat] '{term}' [interchangeably|synonymously] with [what "
        "{source} calls|the older term for|the textbook notion of] [it|that]?",
        "[Is '{term}'|Would '{term}' be] [a local|a global|an aggregate] "
        "[quantity|property|effect] [here|in {subject}], [or|or is it] [defined|measured] [per "
        "unit|per sample|per event]?",
    ),
    "casual": (
        "[wait|hold up|hm|um] what's {term}?",
        "{term}? [never heard of it|no idea what that is|huh|whats that]",
        "<lol> what's {term}",
        "[huh|wait|hmm], {term}?",
        "what do u mean {term}?",
        "{term}?? [like what|explain pls|as in]",
        "[ok but|ok|wait] {term} [is what|means what] [exactly|tho|<lol>|]",
        "[sorry|srry|wait] [what|wut] is {term} [<lol>|]",
        "{term} [= what|meaning|as in what] [<lol>|]",
    ),
    "empathetic": (
        "When you say '{term}', what do you mean? I [want to make sure|need to know|just want "
        "to check] I [understand|get|follow] [you|what you mean|it].",
        "I'm not sure I [follow|understand|get] what '{term}' means [for me|in my situation|with "
        "{subject}|for {person} and me].",
        "What do you mean by '{term}'? [Sorry|Sorry if that's obvious|I might be slow today|My "
        "head's a mess with {subject}|I'm a bit foggy <lately>|]",
        "[Could|Can] you [explain|tell me] what '{term}' [means|looks like] [for someone like "
        "me|with {subject}|in real life]?",
        "'{term}'? [I don't think|I'm not sure] I [know|understand] [that one|what that is]. "
        "[Is it something I could try|Is that a good thing|Is that bad]?",
        "[I keep thinking about|I'm stuck on] '{term}'. [Do you mean|Is that] [something I'm "
        "doing|something I should do|about me]?",
        "[Sorry,|Hmm,|] what does '{term}' have to do with {subject}? [I want to get it|I'm "
        "trying to follow|I don't want to miss it].",
        "[When you say|By] '{term}', [do you mean|is that] [something I do|something I "
        "feel|something {person} does]? [I'm not sure I follow|I want to get it right|Sorry, I'm "
        "slow today].",
        "'{term}' — [is that|would that be] [like|similar to] [what I'm going through with|my "
        "situation with|how I feel about] {subject}?",
    ),
    "adventurous": (
        "[Ooh|Oh|Whoa], what's '{term}'? That sounds [fascinating|amazing|<wild>|intriguing]!",
        "Wait, tell me [more|everything] about '{term}'[ and {subject}|]!",
        "'{term}'? [I've never heard of that|Never heard of it|That's new to me][, what is it|! "
        "What is it|. Explain|! Is it <wild>]?",
        "Hold on, what's '{term}' [all about|exactly|when it's at home]?",
        "'{term}' [sounds|looks] [epic|like a rabbit hole|like my kind of thing]! [What is it|"
        "How does it work|Where can I find it]?",
        "[Back up|Wait wait], '{term}'? [Is that|Could that be] something I [could try|could "
        "see] [with|around] {subject}?",
        "[Hang on|Wait], is '{term}' [a place|a thing you can do|a technique|a real thing]? "
        "[Because|Cause] [I need it|I want in|that sounds <wild>]!",
        "'{term}'!? [Okay|Alright], [explain|spill|go on], I'm [intrigued|hooked|listening]!",
        "'{term}'? [Is that|Could that be] [a thing|something] [in|near] {place} [too|as well|]? "
        "[Because|Cause] I'm [going|heading] there <soon>!",
        "[Is|Would] '{term}' [something|a thing] I [can|could] [shoot|film|capture] with {gear}?",
        "[Whoa|Ooh], '{term}'! [Sounds like|Feels like|Must be] [a place|a trick|a whole vibe]. "
        "[Where|How|When] [do I find it|does it happen|can I see it]?",
        "'{term}' [as in|like] [the thing|the spot|the move] [{name} was talking about|from "
        "{place}|I saw online]? [Tell me more|Explain|Go on]!",
        "[Never|I've never] [heard|come across] '{term}' [before|in my life|anywhere]! [Is "
        "it|Would it be] [dangerous|expensive|worth chasing] [in|near] {place}?",
        "[Huh|Ooh], '{term}'? [Like|As in] [a festival|a trail|a dish|a trick|a legend] [or "
        "something|or what|]? [Can I|Could I] [try|see|find] it <soon>?",
        "[Wait wait|Hold up], [what is|what's] '{term}' [and|—] [why|how] [haven't I heard of "
        "it|is it not on my list|did nobody tell me]?!",
        "'{term}' — [is that|is it] [a local|an old|a secret|the local] [name|word|nickname] for "
        "[something|a place|a trick] [in|near|around] {place}?",
        "[Okay|Wait], '{term}'? [Can|Could] [you|we] [break that down|unpack that] [for a|for a "
        "total] [beginner|newbie|novice] like me?",
        "[Sorry|Wait], [what|who] [is|was] '{term}'? [Sounds like|Feels like] [a story|an "
        "adventure|a place] I [need|want] [to know|in my life]!",
        "'{term}'? [Is that|Is it] [like|anything like] {subject}, [or|or is it] [totally "
        "different|its own thing|a whole other world]?",
        "[Ooh|Okay], [how|where] [would|could] I [experience|see|try] '{term}' [for "
        "real|myself|without a guide] [in|near] {place}?",
        "[Pardon|Excuse] my [ignorance|newbie brain|excitement], but what [exactly|on earth] is "
        "'{term}'? [Do people|Can you] [travel for it|chase it|go looking for it]?",
        "[Hang on|Hold on], '{term}' — [did I read that right|is that real|are you serious]? "
        "[Where|How] [does that|can I] [happen|see that|find it]?!",
    ),
    "direct": (
        "Define '{term}'.",
        "What does '{term}' mean [here|in practice|]?",
        "'{term}' meaning what, exactly?",
        "[Clarify|Explain] '{term}'[, briefly|. Short answer|].",
    ),
    "formal": (
        "Could you clarify what is meant by '{term}'?",
        "I am not familiar with '{term}'. [Would|Might|Could] you explain it?",
        "What precisely do you mean by '{term}'[ in this context|]?",
        "[Forgive me, but|If I may,|] how [exactly|precisely|] are you using the term "
        "'{term}'?",
    ),
}

DEEPEN: Table = {
    "technical": (
        "[Can|Could] you go [deeper|further|one level down] [on {subject}|on '{term}']? I'd like "
        "the <mechanism>, not just the [summary|headline|gist].",
        "Do you have {detail} for [that|this|the claim about '{term}'|the claim about {subject}]?",
        "What does the <evidence> [actually|really] show [here|on {subject}|]?",
        "[Can|Could] you walk me through the [underlying process|chain of reasoning|steps] "
        "[behind|of|for] [{subject}|'{term}'] [step by step|in order|one piece at a time]?",
        "[Can|Could] you go deeper on '{term}'? [What drives it|What causes it|Where does it "
        "come from], and how [big|large|robust] is the effect?",
        "What's the <evidence> behind '{term}'? [Any studies|Any papers|Any numbers] or "
        "{detail}?",
        "How does '{term}' work at a [mechanistic|physical|formal|low] level[ in {subject}|]?",
        "[What are the numbers on|How large is|How well measured is] '{term}'? [Ballpark is "
        "fine|Orders of magnitude are fine|I'd like the error bars too|I've seen {figure} "
        "quoted].",
        "[Is '{term}'|How much of '{term}' is] [well established|settled|replicated], or "
        "[still debated|mostly one group's result|based on models]?",
        "[What|Which] [assumptions|approximations|parameters] does [that|the argument|the claim "
        "about '{term}'] [rest on|depend on|hinge on] [most|the most|]?",
        "[That's|This is] [a good start|helpful|a decent summary], but [what's|where's] the "
        "<mechanism> [in|behind] {subject}?",
        "[How|By how much] [would|does] [that|the result|'{term}'] change <conditions>? [I'd "
        "like|I want|Give me] [numbers|a range|a sense of the sensitivity].",
        "[Any|Is there a] <source> I can [check|read|cite] [for that|on '{term}'|on this]?",
        "[Why|How come] [does|would] '{term}' [happen|matter|dominate] [at all|here|in "
        "{subject}]? [What's the <mechanism>|I'd like the causal story].",
        "I've seen [estimates|claims|figures] [of|around|close to] {figure} for "
        "[this|'{term}'|{subject}]. [Is that|Does that sound] [right|plausible|in the right "
        "range]?",
        "[Is it|Would it be] closer to {figure} or {figure2}? [Rough is fine.|I'd like the "
        "range.|And how sure are we?]",
        "[A paper|A talk|A preprint|A blog post] I [read|saw] [recently|last year|a while back] "
        "[put|had] '{term}' at {figure}. [Does that match your understanding|Is that an "
        "outlier|How does that square with what you said]?",
        "[If|Suppose] '{term}' [changed|moved|dropped] by {figure}, [what would happen|how much "
        "would the result shift|would anything downstream change]?",
        "Where does the {figure} [figure|number] [for {subject}|people quote] [come "
        "from|originate], and [is it|is that] [measured|modelled|extrapolated]?",
        "[Was|Is] [that|'{term}'] [established|measured|estimated] with {method} or {method2}? "
        "[It matters|That changes how much I trust it|I'd weigh them differently].",
        "[Which|What] [study|paper|dataset] [is that from|backs that]? [I saw|There's] {source} "
        "[that|which] [seemed to|appeared to] [say the opposite|disagree|put it much lower].",
        "[How would|Would|Can] {method} [handle|deal with|account for] the [confounders|selection "
        "effects|measurement error] in '{term}'?",
        "[Say more about|Unpack] '{term}'. [Specifically|In particular|Mainly], [what's in the "
        "data|what's the evidence|what's been measured] versus [what's inferred|what's "
        "modelled|what's assumed]?",
        "[If I wanted to|How would I] [reproduce|replicate|check] [that|the result about "
        "'{term}'] [myself|from public data|on a laptop], [where|how] would I [start|get the "
        "data|begin]?",
        "[How sensitive|How robust] is [the conclusion|the result on {subject}|the claim about "
        "'{term}'] to [the choice of baseline|the time window|outliers|the model specification]?",
        "[Is|Would] the [effect|signal|trend] [in {subject}|behind '{term}'] [still be "
        "there|survive|stay significant] [if you|once you] [control for|remove|account for] "
        "[seasonality|the obvious confounders|selection bias]?",
        "[What|Which] [part|step] of the [argument|pipeline|chain] [for|around] '{term}' [is "
        "weakest|has the most uncertainty|do people argue about most]?",
        "[Okay|Right], but [which|what] [variable|quantity|term] actually "
        "[dominates|drives|controls] '{term}'? [Ranked|In order of importance], if possible.",
        "[Can|Could] you [sketch|write down|give me] the [equation|model|functional form] "
        "[behind|for] '{term}'? [Even|Just] the [leading-order terms|scaling|rough form] would "
        "do.",
        "[What|Which] [timescale|spatial scale|sample size] [does|do] [that|'{term}'] [operate "
        "on|apply to|hold at]? [Days or decades|Local or global|Thousands or millions]?",
        "Where [did|does] the {figure} [number|estimate] [you mentioned|people cite] [for|on] "
        "{subject} come from, and how [was|is] it [derived|measured]?",
        "[Is|Would] [that|'{term}'] [linear|monotonic|saturating] [in|with respect to] [the "
        "driver|the input|scale], or [are there|is there] [thresholds|tipping points|regime "
        "changes]?",
        "[Give me|Walk me through] [a|one] [concrete|worked|real] example [of|involving] '{term}' "
        "[with|including] [actual numbers|units|a dataset].",
        "[What's|What is] the [strongest|best|most convincing] "
        "[counterargument|objection|alternative explanation] [to|for] '{term}', and how [do "
        "proponents|does the field|do you] [answer|rebut|handle] it?",
        "[Could|Can] you [separate|distinguish] the [robust|well-replicated|uncontroversial] "
        "[part|core] of [that|the story on {subject}|'{term}'] from the "
        "[speculative|contested|extrapolated] [part|edges]?",
        "[Is|Would] there a [simple|back-of-the-envelope|toy] [model|calculation|estimate] "
        "[that|which] [reproduces|captures|gets] '{term}' [roughly|to first order|within a factor "
        "of two]?",
        "[How|Where] [can|might|could] {method} [fall short|fail|mislead] [on|for|when studying] "
        "{subject}?",
        "[Which|What] [experiments|observations|datasets] [first|originally] [established|pinned "
        "down|revealed] '{term}', and [have they been|were they ever] "
        "[replicated|reproduced|challenged]?",
        "[How|Why] [does|would] '{term}' [interact with|feed back on|compete with] [the "
        "other|other] [processes|mechanisms|drivers] in {subject}?",
        "[Could|Can] you [quantify|bound|put error bars on] [that|'{term}'], [even|if only] "
        "[roughly|to an order of magnitude|with caveats]?",
    ),
    "casual": (
        "ok but [like|] why [tho|though]?",
        "[wait|ok wait|hm] how does that [work|even work]",
        "more on {term}?",
        "[why's that|how come|but why]?",
        "{term} [how|why] [tho|<lol>|]",
        "[ok|k|hm] [say more|go on|and then]",
    ),
    "empathetic": (
        "Can you say more? [I think|I feel like] it [matters|might matter] [for {subject}|for me "
        "and {person}|more than I let on].",
        "What makes you say that about '{term}'[ and {subject}| for someone like me|]?",
        "Could you help me <understand> [that|this|what you mean] [a bit more|with {subject} in "
        "mind|for {person} and me]?",
        "What would '{term}' [look like|actually look like] [for me|with "
        "{subject}|day to day]?",
        "[I think|I feel like] [that's|what you said about '{term}' is] [important|close to "
        "something]. [Can you|Could you] [say more|go on|explain a little more]?",
        "[Why|How] [do you think|would you say] [that|'{term}'] [matters|helps|fits] [with|for] "
        "{subject}?",
        "[That|'{term}'] [hit|touched] something. [Could|Can] you [stay with it|go a little "
        "deeper|say a bit more] [for a moment|please|]?",
        "[When you said '{term}',|You said '{term}' and] [I felt something|it stuck with me|I "
        "paused]. [What did you mean|Can you say more|Where does that come from]?",
        "[Could you|Can you] [help me see|show me] how [that|'{term}'] [connects to|fits "
        "with|applies to] {subject} [for me|in real life|day to day]?",
        "[Would|Could] '{term}' [help|work] with {person} [too|as well|], [or|] [just|only] with "
        "{subject}?",
        "[Could|Can] '{term}' [explain|be why] [I feel|I've felt] so {emotion} [lately|about "
        "{subject}|since {since}]?",
        "[What|Which] part of '{term}' [do you think|would you say] [fits|applies to|matters for] "
        "[someone who feels|a person feeling] {emotion} [about|over] {subject}?",
        "[You said|When you said] '{term}'. [Does that|Would that] [still|also] [work|apply] "
        "[when|if] {person} [is involved|is part of it|doesn't understand]?",
    ),
    "adventurous": (
        "Go on, go on! What else is there [about|to] '{term}'[ in {place}| for {subject}|]?",
        "That's [<wild>|so cool], how does it [actually|even] work?",
        "Keep going[, I want more|, more|]!",
        "[More|Tell me more] about '{term}'! [What's it like up close|What's the story behind "
        "it|Who figured that out|Can I see it in {place}|Would {name} love it]?",
        "[Okay|Wait], '{term}' [and|plus] {subject}? [How does that|Does that] [fit "
        "together|even work]?",
        "[Don't stop|Keep it coming|More more more]! [What happens next|What's the best part|"
        "Where does '{term}' lead]?",
        "[How|Why] is '{term}' [so|this] [<wild>|different|special]? [Spill|Go on|Tell me]!",
    ),
    "direct": (
        "More detail on '{term}'.",
        "Why? Give me the reason.",
        "Be specific: what's the evidence?",
        "[How|Why], [exactly|specifically]?",
    ),
    "formal": (
        "Would you elaborate on '{term}', with supporting evidence where possible?",
        "I would appreciate a more thorough explanation, including {detail}.",
        "[Might|Could] you [expand on|develop] that [point|argument] [somewhat|a little|"
        "further]?",
    ),
}

FOLLOW_UP: Table = {
    "technical": (
        "How does [that|the result|'{term}'] hold up <conditions>?",
        "What are the [main|known|biggest] <limits> of [that approach|'{term}'|the work on "
        "{subject}]?",
        "How confident is <field> in [that|'{term}'|the story on {subject}], and [why|on what "
        "basis]?",
        "What would change your [answer|view|estimate] about '{term}'[ in {subject}|]?",
        "How does '{term}' compare with the [alternatives|competing explanations|other "
        "approaches|simpler models]?",
        "What are the <limits>[ of {subject}| here| in practice|]?",
        "[Is there|What's] a [good|canonical|standard|recent] [reference|review paper|dataset|"
        "benchmark] for [that|this|'{term}']?",
        "[Does|Would] [that|'{term}'] [still hold|change] [if|when] [the data are "
        "noisy|conditions change|you scale it up|the assumptions break|the sample is small]?",
        "[What's|Where's] the [biggest|main|most important] open question [about|on|in] "
        "{subject} [right now|these days|]?",
        "[Who|Which groups] [are|is] doing the [best|most careful|most cited] work on "
        "[that|'{term}'|{subject}]?",
        "[How|Where] would you [test|check|falsify|stress-test] that[ claim| idea| estimate|]?",
        "[What|Which] [measurement|experiment|observation|dataset] would [settle|resolve|"
        "decide] [it|that|the question]?",
        "[How has|Has] [the estimate for|the consensus on] ['{term}'|{subject}] "
        "[changed|moved|shifted] over the last [decade|few years|twenty years]?",
        "[Is that|Is '{term}'|Would that be] [true|the same] [for|in] [every|each] "
        "[case|region|setting], or [only some|mostly the well-studied ones]?",
        "[What's|What is] the [typical|usual|reported] [uncertainty|error bar|spread] on "
        "[that|'{term}'|those <numbers>]?",
        "[Which|What] [variables|factors|inputs] [matter|dominate|drive the result] [most|the "
        "most|]?",
        "[Do|Would] [the models|simulations|the theory] [agree with|match|reproduce] the "
        "[observations|measurements|data] [on|for] [this|'{term}']?",
        "[What|Which] [would|could] [break|invalidate|overturn] [that|this] [picture|model|"
        "conclusion]?",
        "[Any|Are there] [counterexamples|known exceptions|edge cases] [to|for] that?",
        "[How|When] did [people|researchers] [first|originally] [figure out|notice|measure] "
        "'{term}'?",
        "[How|What] [would|does] [that|the picture] [look|change] if the [true|real] value were "
        "[nearer|closer to] {figure}?",
        "[Why do|How come] [sources|papers|people] [quote anything from {figure} to "
        "{figure2}|cite both {figure} and {figure2}]?",
        "[Has anyone|Have people] [tried|done] {method} on {subject}[, and what did they find|? "
        "What came out of it|]?",
        "[How does|Does] that [fit with|square with|contradict] {source} [I read|I saw|I was "
        "pointed to]?",
        "[Would|Could] {method} [settle|test|falsify] [that|it|the claim about '{term}'] "
        "[properly|cleanly|at all]?",
        "[What|Which] [result|finding|paper] [on|about] {subject} [do you think|would you say] "
        "[is|was] [most overrated|most underrated|most misunderstood]?",
        "[If you had|Given] [a|one] [year|million dollars|big dataset] to [study|settle|measure] "
        "'{term}', [what would you do|what would you measure first|where would you start]?",
        "[How|What] [would|does] [a skeptic|a critic|someone from outside the field] [say|argue] "
        "about [that|'{term}'|the claims about {subject}]?",
        "[Is that|Would that be|Is the effect] [detectable|measurable|visible] [with|using] "
        "{method}[, given the noise| at realistic sample sizes|]?",
        "[How|Where] [would|could] I [get|find|download] [raw|the underlying|open] "
        "[data|measurements|code] [on|for] {subject} [to|and] [check|play with|verify] [this|it] "
        "[myself|directly]?",
        "[What|Which] [prediction|forecast|claim] [about|on] {subject} [has|had] [aged|held up] "
        "[worst|best|surprisingly well] [over|in] the last [decade|few years]?",
        "[Do|Would] [practitioners|engineers|field researchers] [agree|disagree] with [the|that] "
        "[academic|theoretical|modelling] [view|consensus] [on|about] '{term}'?",
    ),
    "casual": (
        "[nice|cool|ok], anything else?",
        "so what would u do?",
        "<cool>, any recs?",
        "what's ur fave?",
        "ok and {term}?",
        "[would|should] i [try|do] it [tho|or nah]?",
        "[worth it|is it worth it] [tho|<lol>|]?",
        "[how much|how long] does [that|it] take [<lol>|tho|]?",
        "[can|could] i do that [this weekend|tonight|on a budget|w/ friends]?",
        "[wait|ok] [is it|is that] [hard|expensive|easy] [<lol>|tho|]?",
        "[what's|whats] the [best|easiest|cheapest|funnest] [one|way|option]?",
        "[ok|kk] [but|so] [where|how] do i [start|find that|sign up] [for {subject}|]?",
        "[u|you] [ever|actually] [tried|done|seen] it?",
        "[could|can] [me and {name}|we] do that {day}?",
        "[would|will] {name} like it [tho|<lol>|]?",
    ),
    "empathetic": (
        "How [do you think|would you say] I should [handle|approach|deal with] {subject}[ with "
        "{person}|]?",
        "Has anyone else [felt|been] like this?",
        "What would you do in my [place|shoes]?",
        "How do I stop [overthinking|replaying|obsessing over] {subject}?",
        "[Is there|Do you know] [something|anything] [small|simple|gentle] I could [try|do] "
        "[this week|tonight|today] [about|with] {subject}?",
        "How do I [talk to|bring this up with|explain this to] {person} without [it becoming a "
        "fight|feeling like a burden|falling apart]?",
        "[What if|But what if] [it doesn't get better|I'm the problem|nothing changes|I make it "
        "worse]?",
        "[How do|How can] I [be kinder to myself|stop blaming myself|let this go|stop feeling "
        "{emotion}] [about|over] {subject}?",
        "When will I [feel okay|be past this|stop feeling {emotion}]?",
        "[Would it help if I|Maybe I should] [wrote|write] [it down|a letter to {person}|about "
        "{subject}]?",
        "[Is it|Would it be] [selfish|wrong|too much] to [put myself first|ask {person} for "
        "space|say how I feel] [about {subject}|for once|]?",
        "[How do people|How does anyone] [get through|live with|move past] {subject}?",
        "[Should I|Do I] [say something|reach out|wait it out|just let it be]?",
        "[How do I|How can I] [stop|quit] [comparing|measuring] [myself|my situation] "
        "[to|against] [{person}|everyone else|how things were before {subject}]?",
        "[What would|What could] [a good first step|one small step|a kind next step] [look "
        "like|be] [with {subject}|with {person}|after {since}]?",
        "[Should I|Would it be okay to] [tell|talk to] [someone close|a friend|my family|a "
        "therapist] about {subject}?",
        "[How do I|How can I] [trust|believe|forgive] myself [again|after this|more] [when it "
        "comes to|around|about] {subject}?",
        "[What do I|What should I] [say|do] [the next time|when] {subject} [comes up|happens "
        "again|catches me off guard]?",
        "[How do I|Should I] [bring up|talk about] {subject} with {person} [without it going "
        "badly|without crying|in a calm way]?",
        "[Should I|Would it help to] [ask|tell] {person} [for help|how I really feel|what I need] "
        "[with {subject}|]?",
        "[What do I do|How do I cope|How do I handle it] when the {emotion} [feeling|part] "
        "[hits|comes back|gets loud] [at night|out of nowhere|at work]?",
        "[Is there|Do you have] a [way|trick|small thing] to [feel|be] less {emotion} "
        "[around|with] {person}?",
        "[What can I say|How do I respond] [to myself|in my head] when the [voice|thought] that "
        "[says|tells me] [I'm not enough|it's my fault|I'm a burden] [gets loud|comes back]?",
        "[How do I|Is there a way to] [rebuild|repair|mend] things with {person} [after|since] "
        "{subject}?",
        "[Would|Could] [journaling|therapy|a walk|calling someone] [actually|really] help with "
        "{subject}, or [is that just something people say|is it deeper than that]?",
        "[How|When] [do I know|will I know] [if|whether] [I need|it's time for] [proper help|a "
        "therapist|to talk to a doctor] about {subject}?",
        "[What do I tell|How do I explain it to] {person} [if|when] they [ask|notice|bring it "
        "up]?",
        "[How do I|Is there a way to] [sit with|live with|carry] [feeling|being] {emotion} "
        "[without|and not] [it taking over|letting it win|drowning]?",
        "[What would|What might] [you say|you tell] [to|to someone like] me [if|when] I "
        "[spiral|start spiralling|panic] [about|over] {subject} [again|next time|at 3am]?",
        "[Would|Could] [writing|talking|a routine] [help|make a difference] [with|for] "
        "[feeling|being] {emotion}[ since {since}|]?",
        "[Do I|Should I] [forgive|confront|talk to] {person} [first|now|at all], or [wait|give it "
        "time|let it go]?",
        "[How|What] [do|can] I [say|tell myself] [when|if] {subject} [creeps back "
        "in|resurfaces|shows up again] [at work|in the middle of the night|on a good day]?",
        "[Is there|Do you know of] [a book|a podcast|an exercise|a practice] [that|which] "
        "[helps|might help] with {subject}[ or feeling {emotion}|]?",
        "[Would|Could] [setting|drawing] [a boundary|boundaries|a line] with {person} [help|be "
        "fair|make it worse]?",
        "[How|Where] [do|would] I [even|actually] [begin|start] [undoing|unlearning|untangling] "
        "[all the|the] [stuff|patterns|habits] [around|behind] {subject}?",
        "[What's|What is] [one|a] [gentle|kind|small] thing I [could|can] [do|say] [for|to] "
        "myself [tonight|right now|before bed] [when|if] I feel {emotion}?",
        "[Could|Should] I [write|send] {person} [a letter|a message|a note] [about|explaining] "
        "{subject}, or [is that|would that be] [cowardly|too much|a bad idea]?",
    ),
    "adventurous": (
        "What's the [coolest|best|wildest|most <wild>] example of '{term}'?",
        "Where can I [see|find|try] [that|this|it|'{term}'] <in_person>?",
        "What would you [try|do|see|skip] first[ there| on a trip like that|]?",
        "And then what [happens|comes next|]?!",
        "What's the <wildest> <part>?",
        "[Could|Can] I [try|do|see] '{term}' [on my own|without a guide|on a budget|at night]?",
        "[What's|Where's] the <wildest> [place|spot|corner of the world] for {subject}?",
        "What's the <wildest> thing [anyone|someone|you've heard of anyone] [has done|ever did] "
        "with {subject}?",
        "[When's|What's] the best [time|season|month] [to go|for it|to try it]?",
        "[What should I pack|What gear do I need|How do I prepare|How fit do I need to be] for "
        "{subject}[ in {place}| <soon>|]?",
        "[Is {subject}|Would {subject} be] [doable|possible|fun] [solo|on a shoestring|with zero "
        "experience|in a week]?",
        "[Have you|Has anyone you know] [done|tried|seen] [it|that|{subject}]? [What was it "
        "like|Any stories|Worth it]?",
        "[Is there|Do you know] a [local|secret|little-known] [spot|trick|guide] for "
        "[that|{subject}] [in|near] {place}?",
        "[How|What] do [locals|people who live there|the pros] [do it|see it|think of it]?",
        "[Can I|Could I] [combine|pair|mix] [that|it|'{term}'] with {subject}[ in {place}|]?",
        "[Would|Could] {place} [work|be good|be <wild>] for [that|{subject}|'{term}'], or [is "
        "there somewhere better|is that a silly idea|too touristy]?",
        "[I'm|We're] [heading to|thinking about] {place} <soon>. [Can I|Could I] [fit in|squeeze "
        "in|try] [that|'{term}'|{subject}] [there|on the way]?",
        "[Have you heard|Do you know] [anything|much] about {subject} [in|around] {place}?",
        "[Do I|Should I] [bring|pack|need] {gear} for [that|{subject}|'{term}'], or [is that "
        "overkill|travel light|can I rent one there]?",
        "[Could|Would] {gear} [be enough|do the trick|work] [for|in] {place}?",
        "[How many days|How long|How much time] [would I need|should I give it|does it take] "
        "[for|to do] {subject} [properly|without rushing|in {place}]?",
        "[What's the biggest|What's the dumbest|What's the most common|Any classic] [mistake|"
        "rookie error] [people make|first-timers make] with {subject}?",
        "[Could|Should] [I|we] [do|see|try] [that|'{term}'] [at sunrise|at night|in winter|off "
        "season] [instead|too|]?",
        "[Who|What kind of people] [do you meet|tend to show up] [doing|at|on] {subject}? [Fun "
        "crowd|Locals|Other nomads]?",
        "[Is it|Would it be] [safe|smart|allowed] to [do|try] [that|'{term}'|{subject}] "
        "[alone|without a permit|after dark] [in|around] {place}?",
        "[What's|Where's] the [nearest|cheapest|most scenic] [place|spot|base] [to try it|to "
        "start|for it] [from {place}|this year|]?",
        "[How do|How would] [you|I] [find|book|get to] [that|'{term}'] [without|minus] [the "
        "tourist crowds|a tour|spending a fortune]?",
        "[Could|Can] I [film|photograph|vlog] [it|that|'{term}'] [on|with] {gear}[, or do I need "
        "something better|? Would it survive|]?",
        "[What|Which] [month|season|week] [would|do] [you|locals] [pick|recommend|swear by] "
        "[for|to catch] [that|'{term}'] [in|around|near] {place}?",
        "[How|Where] [do|can] [I|we] [find|meet] [people|a crew|other travellers] [into|doing] "
        "{subject} [there|in {place}|<soon>]?",
        "[Is that|Would '{term}' be|Is '{term}'] [better|more <wild>|more fun] [solo|with "
        "{name}|in a group]?",
        "[What|Which] [story|moment|memory] about {subject} would you [tell|share] "
        "[first|at a campfire|if we met]?",
        "[What's|Tell me] the [one|single] [thing|tip|secret] [you'd tell|you'd give] a "
        "[first-timer|newbie|beginner] [before|about] {subject}?",
        "[How|What] [did|does] [it|that|'{term}'] [feel|look|sound] [like|] [up close|in "
        "person|at dawn]? [Describe it|Paint me a picture|Set the scene]!",
        "[Any|Got any] [horror stories|close calls|funny disasters] [about|from] {subject}? [I "
        "love those|The more chaotic the better|Spill]!",
        "[If you|Say you] had [one day|48 hours|a week] [in|near] {place}, [would you|could you] "
        "[squeeze in|make time for|prioritise] {subject}?",
        "[What|Which] [sound|smell|view] [sums up|defines|stays with you from] {subject}? [I "
        "collect those|I want to imagine it|Paint me a picture]!",
        "[Could|Would] [a total beginner|someone like me|a clumsy person] [survive|enjoy|pull "
        "off] [that|'{term}'|{subject}] [on the first try|without training|solo]?",
    ),
    "direct": (
        "What's next?",
        "What do I do with that?",
        "And '{term}'?",
        "[Cost|Time|Risk]? [Numbers|Rough figure|Ballpark], please.",
    ),
    "formal": (
        "What would you recommend as a next step?",
        "How might one pursue '{term}' further?",
        "What would you advise?",
        "[Are there|Might there be] [resources|references|works] you would [recommend|suggest] "
        "on {subject}?",
    ),
}
