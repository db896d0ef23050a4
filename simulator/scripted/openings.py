"""Templates for the messages that start a thread: the opening, and a tangent to another one.

Fragment grammars over the slots described in `questions`.
"""

from __future__ import annotations

from simulator.scripted.intents import Table

OPENING: Table = {
    "technical": (
        "[I've been|Lately I've been|I've recently been|I have been] [reading|digging|looking] "
        "into {subject} [and|, and] [I want|I'd like|I'm trying|I'm hoping] to [understand|get a "
        "proper handle on|pin down|make sense of] {aspect}.",
        "[Question|A question|Technical question|Quick question] [on|about|regarding] {subject}: "
        "[how would you explain|what's the current understanding of|what do we actually know "
        "about|can you walk me through] {aspect}?",
        "I'm [trying to build|putting together|working towards] a [rigorous|precise|solid|clear] "
        "[picture|mental model|understanding] of {subject}. [What do we actually know about|"
        "What's known about|Where does the evidence stand on] {aspect}?",
        "[For|As background for] [a talk I'm giving|a reading group|my thesis|a side project|a "
        "report at work|a post I'm drafting|a course I'm taking], I need to understand {subject} "
        "[properly|in depth|beyond the headlines|at a technical level]. [Where would you start|"
        "What's the best entry point|What are the key results|What should I read first]?",
        "[Can|Could] you give me a <precise> [account|explanation|overview|breakdown] of "
        "{subject}, [especially|particularly|with a focus on|including] {aspect}?",
        "I work [adjacent to|near|on the edge of|close to] {topic} and keep running into "
        "{subject}. [What's|What is] [the state of the evidence|the mechanism|the consensus|the "
        "honest picture] [there|on it|right now]?",
        "[Which|What] [papers|results|datasets|data sources|studies] [should I know about|matter "
        "most|are worth reading|are most cited] on {subject}? I [care most about|mostly want|am "
        "mainly after] {aspect}.",
        "I keep seeing [headlines|claims|threads|talks] about {subject} [and I'm not sure what to "
        "believe|that seem overstated|with wildly different numbers|that contradict each other]. "
        "What does the <evidence> actually say?",
        "[How|To what extent] is {subject} [actually|really|] understood [today|at this point|"
        "right now]? [I'm after|I'd like|I want] {aspect}, not the [press release|pop-science] "
        "version.",
        "[A colleague|Someone on my team|A friend in the field|My manager] [claimed|argued|told "
        "me] that {subject} is [overhyped|misunderstood|mostly solved|poorly measured]. [Is that "
        "fair|Do you agree|What does the <evidence> say]?",
        "What's the [best|clearest|most honest] [way|framework] to think about {subject}? I'd "
        "like {aspect}[, with <numbers> if possible|, ideally with a <source>|].",
        "[Been|I've been] [trying|wanting] to [understand|model|quantify] {subject} [for a while|"
        "<lately>]. [What is|What's] the [core|key|central] <mechanism>, and how <robust> is it?",
        "[I just read|I've been reading|A colleague sent me] {source} on {subject} "
        "[claiming|arguing|suggesting] [an effect of|a change of|roughly] {figure}. [How credible "
        "is that|Does that hold up|What's the context]?",
        "[Is {method}|Would {method} be] [the right tool|a good approach|convincing] for "
        "[studying|measuring|understanding] {subject}? I [care about|want] {aspect}.",
        "[Background|Context]: I [do|work in] [data "
        "engineering|epidemiology|physics|software|policy analysis|climate modelling] and "
        "{subject} [keeps coming up|is suddenly relevant|landed on my desk]. [What's|What is] "
        "[the short technical version|the core idea|the key result]?",
        "[How much of|How much do we trust] [the public discussion|what's written] [about|on] "
        "{subject} [is|] [actually|] [backed by|supported by] [good data|solid evidence|peer "
        "review]? I'd like {aspect}.",
        "[Two|A couple of|A few] questions on {subject}: [first|one], [what's the <mechanism>|how "
        "is it measured|what's the consensus], and [second|two], [how <robust> is it|what's still "
        "open|where do the models disagree]?",
        "[Devil's advocate|Skeptic's question]: is {subject} [really|actually] as "
        "[important|big|well understood] as [people claim|the coverage suggests|{source} argues]? "
        "I'd like {aspect}.",
        "[Curious|I'm curious|Wondering] [where|how] the [debate|discussion|science] on {subject} "
        "[stands|has landed|is heading] [in|as of] [{figure}|2024|this year]... [I mean|Sorry,] "
        "[specifically|concretely] {aspect}.",
        "[I've got|I have] [a|an] [informal|friendly|ongoing] [bet|argument|disagreement] with "
        "{name} about {subject}. [Who's right|Help me settle it|What does the <evidence> say]? I "
        "care about {aspect}.",
        "[Simple|Naive|Basic] [question|framing], [hopefully|ideally] a "
        "[non-simple|detailed|careful] answer: [why|how] does {subject} [happen|work|matter]? "
        "[Mechanism first|Start with {aspect}|Data welcome].",
        "[Reading group|Journal club|Our lab meeting] [this week|on Friday|next Tuesday] is on "
        "{subject}, and I'm [presenting|leading|the discussant]. [What should I|Which points must "
        "I] [not miss|cover|get right]?",
        "[I'm|I am] [sceptical|skeptical|unconvinced] [about|of] [the hype|some of the claims|the "
        "headline numbers] around {subject}. [Convince me|Talk me through it|Show me the "
        "<evidence>], [especially|with] {aspect}.",
        "[What|Which] [three|two|few] [things|results|numbers] [should|would] [every|any] "
        "[engineer|scientist|analyst] [know|understand] about {subject}?",
        "[Over coffee|At lunch|In a meeting], {name} [said|claimed|mentioned] {subject} "
        "[explains|accounts for] about {figure} of [the effect|the variance|what we see]. "
        "[Plausible|Credible|Nonsense]?",
        "[Help me|Could you help me] [calibrate|sanity-check|ground] my [intuitions|priors|mental "
        "model] on {subject}. [What's|What is] [surprising|counterintuitive|commonly "
        "misunderstood] about {aspect}?",
        "[Trying to|I'm trying to] [write|draft|prepare] [a short explainer|an internal memo|a "
        "lecture] on {subject}. [What's the cleanest way to|How would you] [explain|present] "
        "{aspect}?",
        "[Is|Would] {subject} [better|best] [studied|understood|explained] [through|via|with] "
        "{method} or {method2}? [Pros and cons|Trade-offs] [please|welcome].",
    ),
    "casual": (
        "[hey|heyy|hiii|yo|ok so|sooo|hi] [been thinking about|kinda obsessed w|thinking abt|"
        "really into|weirdly into] {subject} <rn>[, any ideas|, thoughts|. what do u think|, "
        "any tips|]?",
        "[so|ok so|random q but|ok random but|hear me out:] {subject}... [what's good|thoughts|go|"
        "ur take|yay or nay]?",
        "[anyone|u|you] [ever tried|into|tried|done] {subject}? [<lol>|]",
        "[wanna|can we|ok can we] talk {subject} [for a sec|real quick|rn|]?",
        "[need|looking for|gimme] [ideas|recs|tips|suggestions] for {subject} [<lol>|pls|asap|]",
        "<ok> {subject}. [go|thoughts|discuss|ur move]",
        "[what do u think abt|how do u feel about|hot take on|ur opinion on|rate] {subject}?",
        "[bored|so bored|kinda bored] [<lol>|ngl|]. tell me [something|stuff|smth] about "
        "{subject}",
        "[is|would] {subject} [worth it|fun|a good idea|overrated|actually good] "
        "[or nah|<lol>|tho|]?",
        "[my friend|my roommate|my sister|my coworker|someone at work|my bf|my gf] [won't stop "
        "talking about|keeps talking about|got me into|dragged me into] {subject} [<lol>|]. [is "
        "it good|should i care|thoughts|is it worth it]?",
        "<honestly> {subject} [sounds|seems] <cool>. [where do i start|how do i get into it|"
        "any tips]?",
        "[me and|me n] {name} [r|are] [doing|trying|planning] {subject} {day}[, any tips|. "
        "thoughts|!! ideas|]?",
        "{name} [says|thinks|keeps saying] {subject} is [overrated|the best|mid] <lol>. "
        "[agree|thoughts|who's right]?",
        "[planning|thinking abt|tryna do] {subject} {day} [w/|with] {name}. [good idea|worth "
        "it|how do we start]?",
    ),
    "empathetic": (
        "[Can I talk to you about|Is it okay if I talk about|Could we talk about] {subject}? I've "
        "been feeling <really> {state} about it [<lately>|since it started|].",
        "I've been feeling <really> {state} <lately>, and [a lot of it|most of it|I think it] "
        "[comes back to|is about|has to do with] {subject}.",
        "[This might sound silly|This is going to sound silly|I don't know if this is silly|"
        "Maybe this is nothing], but {subject} has been [on my mind|weighing on me|sitting with "
        "me] [a lot|so much|constantly|every day] and I feel {state}.",
        "I [need to|just need to|have to|want to] get something off my chest about {subject}[ and "
        "{person}|].",
        "[I don't really know|I'm not sure|I honestly don't know] [where to start|how to say "
        "this|who else to talk to], but {subject} [has been <really> <hard>|is getting to me|"
        "keeps coming up] [<lately>|again|].",
        "[Hi|Hey|Hello]. [It's been a rough week|Today was hard|I've had a strange few days|It's "
        "been a lot <lately>], and {subject} is [a big part of it|most of it|at the center of "
        "it|why]. [Can we talk|Is that okay to talk about|Do you have a minute]?",
        "[Something|A thing] [happened|came up] [with|around] {subject} [yesterday|last week|"
        "over the weekend|a few days ago] and I [can't stop thinking about it|still feel "
        "{state}|haven't told anyone yet|keep replaying it].",
        "I [keep|have been] [going back and forth|spiralling|overthinking everything] about "
        "{subject}[ and I feel {state}|. I feel so {state}|]. [Can I|Could I|Is it okay to] "
        "[vent for a bit|think out loud with you|talk it through]?",
        "[Honestly|To be honest|If I'm honest], {subject} [has me feeling|is leaving me] "
        "<really> {state}, and I [don't know what to do with that|can't tell if that's normal|"
        "need to say it to someone].",
        "[I'm|I am] [trying|struggling] to [make peace with|figure out|cope with] {subject}. "
        "[It's|It has been] <really> <hard> <lately>.",
        "[Hey.|Hi.|Hi there.] [Can I be honest for a minute|Is it okay if I vent|Can I tell you "
        "something]? {subject} [is really getting to me|has me all tangled up|is all I can think "
        "about] <lately>.",
        "[So|Okay so|Um], {subject}. I [don't know how|can't figure out how|am trying] to [feel "
        "about it|talk about it|make sense of it], [and|but] I feel <really> {state}.",
        "[I woke up|I went to bed|I spent the whole day] feeling {state} [again|today|last "
        "night], and [I'm pretty sure|I think|I know] it's [because of|about] {subject}.",
        "[Nobody|None of my friends|No one around me] [really|quite|] [knows|gets] [what|how "
        "much] {subject} [is doing to me|has taken out of me|weighs on me]. [Can I tell you|Could "
        "I talk it through|Would you listen]?",
        "[I've been putting off|I've avoided|I keep not] talking about {subject}, [but|and] "
        "[today|tonight|right now] I [think I need to|finally want to|can't hold it in].",
        "[Something|A thing] {person} said {when} [won't leave me alone|keeps replaying in my "
        "head|really hurt], and [it's|it is] all [tangled up with|about|because of] {subject}.",
        "[So|Okay], {when} [I had a bit of a breakdown|I cried for ages|I snapped at {person}], "
        "and [I think|honestly] {subject} [is behind it|is the reason|has been building up].",
        "I feel {emotion} [and|but also] {emotion2} [<lately>|today|since {since}], and [I'm "
        "pretty sure|I think|maybe] it's [about|because of] {subject}. [Can we talk|Can I talk it "
        "through|Is that okay to bring up]?",
        "{when} {person} [asked|wanted to know] [how I'm doing|if I'm okay], and I [said "
        "fine|changed the subject|froze]. [Honestly|Truthfully], {subject} [has me feeling|is "
        "leaving me] {emotion}.",
        "[Sorry|Sorry in advance], [this is|it's] [a bit heavy|kind of a lot|messy]. {subject} "
        "[has been|is] [eating at me|on repeat in my head|keeping me up], and {person} [doesn't "
        "know|has no idea|thinks I'm fine].",
        "[It's|It is] [late|2am|early] and I [can't sleep|keep staring at the ceiling|should be "
        "asleep] [because of|thinking about] {subject}. [Can I talk to you|Is anyone there|Can we "
        "talk for a bit]?",
        "[I'm|I am] [not great|not okay|a bit of a mess] [today|tonight|this week]. {subject} "
        "[finally|kind of|sort of] [came to a head|blew up|caught up with me] {when}.",
        "[Can I|Could I] [ask|tell] you something [personal|a bit raw|I haven't told {person}]? "
        "[It's about|It's to do with] {subject}, [and|] I feel {emotion}.",
        "[I started|I tried|I've been trying] [writing about|journaling about|talking to myself "
        "about] {subject} [and|but] [it got heavy|I ended up crying|I got stuck]. [Can I|Could I] "
        "[share|talk] [here|with you]?",
        "[My therapist|A friend|{person}] [suggested|said] I [talk|write] [it|things] out, "
        "[so|and] [here I am|here goes]. [It's|This is] about {subject}.",
        "[Weird question|Strange thing to ask], but [how do you know|how can you tell] when [it's "
        "time|you're ready] to [stop thinking about|let go of|face] {subject}?",
        "[Okay|Hi|Hey], [I just need|I need] [a space|somewhere|someone] to [think out loud|say "
        "this|be honest]. {subject} has me feeling {emotion} and {emotion2}.",
        "[Everything|Life] [looks|seems] fine [from the outside|on paper|on Instagram], but "
        "{subject} [is quietly wrecking me|keeps pulling me under|won't let up].",
        "[Long story short|To cut a long story short|Short version]: {subject}, [and|plus] "
        "{person} [doesn't get it|isn't helping|made a comment] {when}. [I feel|I'm left feeling] "
        "{emotion}.",
        "[I've had|I had] [a|one of those] [weird|heavy|wobbly] [week|month|few days], and "
        "[honestly|mostly|I think] {subject} is [why|the reason|at the bottom of it]. [Can "
        "I|Could I|May I] [unload a bit|share|talk]?",
        "[I don't usually|I never really] [do this|talk to anyone about this|reach out], but "
        "{subject} [has gotten|has got|is getting] [too big|too heavy|too much] to "
        "[carry|hold|keep] [alone|by myself|quietly].",
        "[Random|Odd|Strange] [question|thing], but [does anyone|do people|does anybody] "
        "[ever|really] [get over|move on from|make peace with] {subject}? [Because|Cause] I feel "
        "{emotion}.",
        "[I keep|I've been] [telling myself|pretending|insisting] [I'm fine|it's nothing|it "
        "doesn't matter], but {subject} [says otherwise|won't go away|keeps resurfacing]. [Can "
        "I|Could I] [talk|be honest] [for a bit|with you]?",
        "[Today|This morning|Tonight] {person} [asked|said] [something|one small thing] about "
        "{subject} and I [fell apart|froze|went quiet]. I feel {emotion} [and|] "
        "[stupid|confused|raw].",
        "[Hi|Hello|Hey]... [I'm|I am] [new to|not great at|bad at] [talking about|opening up "
        "about] [feelings|this stuff|things], but {subject} [is|has been] [a lot|heavy|too much] "
        "[lately|this year|since {since}].",
        "[Part of me|Some of me] [wants|needs] to [talk about|untangle|understand] {subject}, "
        "[and|but] [part of me|the other part] [wants|would rather] to [hide|pretend it's "
        "fine|sleep it off]. [Where do I even start|Can we start small|Is that normal]?",
        "[It's|It has been] [a year|six months|a few weeks] since {subject} "
        "[started|happened|began], and [I thought|I assumed|everyone said] I'd [be fine|feel "
        "better|be over it] by now. [I'm not|I'm really not|Nope].",
        "[I'm|I am] [at|in] [the|my] [car|kitchen|bathroom floor] [right now|again|tonight] "
        "[and|because] {subject} [just|suddenly|finally] [hit me|caught up with me|knocked me "
        "sideways].",
        "[Can I|Could I] [run something by you|get your take on something|be a bit vulnerable]? "
        "{subject} [came up|blew up|resurfaced] {when} and [I've been|I'm] {emotion} [ever "
        "since|since then|all day].",
        "[Okay|Alright], [deep breath|here goes|I'm just going to say it]: {subject} [is|has "
        "been] [breaking my heart|wearing me down|making me doubt everything] [a "
        "little|quietly|slowly].",
        "[I've been|I have been] [journaling|walking|lying awake] [a lot|every night|more than "
        "usual] [since|because of] {subject}, [and|but] [it's not|nothing is] "
        "[helping|working|shifting] [much|yet].",
        "[Hey|Hi]. [Not sure|I don't know] [why|if] I'm [here|doing this], [but|except] {person} "
        "[suggested|said] I [talk|should talk] to [someone|something] about {subject}.",
    ),
    "adventurous": (
        "[Okay|Ok|So|Alright], I'm [totally|completely|kind of|seriously] <hooked> {subject} "
        "[right now|at the moment|this month|<lately>]! [What's the most surprising thing about "
        "it|What's the wildest part|Where do I even start|Tell me everything]?",
        "[Let's talk|Can we talk about|I want to talk about|Talk to me about] {subject}! [Tell me "
        "about|I want to hear about|What about] {aspect}?",
        "I [just got|recently got|finally got] [back into|into|hooked on] {subject} and I want to "
        "[know everything|go all in|try it all|see where it leads]. [Where do we even begin|"
        "What should I try first|Where would you start]?",
        "Hit me with your [best|weirdest|favorite|most unexpected] {subject} [story|fact|tip][ "
        "from {place}|]!",
        "[What if|Imagine if|Picture this:] I [dropped everything for|went all in on|spent a "
        "month on|built a whole trip around] {subject} <soon>? [Crazy idea|Too much|Where would "
        "I start]?",
        "[Ooh|Oh|Hey], [random|quick|big] question: [what do you know about|have you heard of|"
        "what's the deal with] {subject}? [I'm dying to try it|It looks <wild>|I can't stop "
        "reading about it|My friends think I'm nuts]!",
        "[Planning|Dreaming up|Sketching out] [my next adventure|a new adventure|something "
        "big] and {subject} [keeps coming up|is top of my list|won't leave my head]. "
        "[Thoughts|Ideas|Any tips|Where do I start]?",
        "[Tell me|Show me|Give me] something about {subject} [I've never heard before|that would "
        "blow my mind|nobody talks about|that {name} won't know]!",
        "[Just saw|Just watched|Stumbled on] [a video|a documentary|a photo|a post] about "
        "{subject} and [wow|whoa|I'm speechless|my jaw dropped]! [Is it really that <wild>|"
        "How do I get in on that|What's the real story]?",
        "[Big news|Guess what|Okay so]: I'm [finally|seriously|actually] [doing|trying|going "
        "for] {subject} <soon>! [Any tips|What should I know|What am I in for]?",
        "[Booked|Just booked|Finally booked] [a flight|tickets|a one-way ticket] to {place} "
        "<soon> [and|!] [I want to|I'm dying to|I'm going to] [try|do|chase] {subject} there! "
        "[Tips|Ideas|Where do I start]?",
        "[My friend|My buddy|My sister's friend] {name} [just got back from|won't stop talking "
        "about|swears by] {subject} [in|near|around] {place}. [Should I go|Is it as <wild> as it "
        "sounds|What's the story]?",
        "[Dream scenario|Okay, fantasy time|Wild idea]: {subject} in {place} with {gear}. [Where "
        "do I start|How do I make it happen|Too ambitious]?",
        "[Ever since|Since] {name} [showed me|told me about|sent me photos of] {subject}, I "
        "[can't stop planning|have been saving up|keep daydreaming]! [Where do I begin?|What do I "
        "need to know?|Tell me everything!]",
        "[New obsession|Latest obsession|Current fixation] [alert|unlocked]: {subject}! "
        "[Is {place}|Would {place} be] [the place for it|a good start|worth it]? [Tell me|Spill|"
        "Talk to me]!",
        "[I have|I've got] [two weeks|ten days|a long weekend] [free|off|to play with] <soon> and "
        "[I'm thinking|I'm dreaming of|I want] {subject}. [Where do I start|What's realistic|Too "
        "ambitious]?",
        "[Okay|So], [bucket list|life list|adventure list] [update|time]: {subject} is [next|on "
        "it|up]! [I've|I have] [{gear}|a rough plan|zero experience] [and|but] [big dreams|lots "
        "of energy|no clue]. [Where do I start?|Help!|Go!]",
        "[Just|I just] [got back from|returned from|flew home from] {place} and [I'm|I am] "
        "[already|totally] [craving|planning|itching for] {subject}! [What's next|Where "
        "now|Ideas]?",
        "[So|Okay so] {name} [and I|and me] [have|are planning] [a trip|an adventure|a mad "
        "weekend] to {place} <soon> and {subject} is [on the list|the plan|non-negotiable]! "
        "[Tips|Ideas|Advice]?",
        "[Alright|Okay], [convince me|talk me into|dare me into] {subject}! [I'm|I am] "
        "[scared|nervous|thrilled] [and|but] [excited|curious|in]!",
    ),
    "direct": (
        "[Question about|Quick one on|About] {subject}. [What matters most|What's essential|What "
        "do I need to know]?",
        "[Give me|I need|List] the [key facts|essentials|main points] on {subject}.",
        "{subject}: [what's the one thing I should know|where do I start|what's the catch]?",
        "[Tell me about|Explain|Summarise] {aspect} in {subject}.",
        "[Need|I need|Want] [a quick answer|the short version|a straight answer] on {subject}. "
        "[Go|Thanks|]",
    ),
    "formal": (
        "[Good day|Good morning|Hello]. I would [appreciate|value|welcome] your [perspective|"
        "view|thoughts] on {subject}, [in particular|especially|with regard to] {aspect}.",
        "I [should|would] be [grateful|obliged] for [an overview|a summary|an account] of "
        "{subject}, with [attention|particular attention|reference] to {aspect}.",
        "May I ask about {subject}? I am [interested in|curious about|keen to understand] "
        "{aspect}.",
        "[Might|Could] you [kindly|perhaps|] [explain|outline|describe] {subject}? [I am|I "
        "remain] [particularly|chiefly|] [interested in|concerned with] {aspect}.",
    ),
}

TANGENT: Table = {
    "technical": (
        "[Slight tangent|Side question|Tangent for a second]: how does [this|{subject}] connect "
        "to {other}?",
        "[Related question|Related]: does [any of this|'{term}'|{subject}] carry over to {other}?",
        "Switching angle [for a second|briefly|]: what's the state of the art in {other}[ since "
        "{source}|]?",
        "[Different|Adjacent] question: [is there|what's] [a link|the connection] between "
        "{subject} and {other}?",
        "[Orthogonal|Unrelated-ish|Adjacent] question: [do|would] [the same methods|similar "
        "models|{method}] [work|apply] for {other}?",
    ),
    "casual": (
        "anyway, {other}?",
        "ok [random|totally random] but {other}, thoughts?",
        "btw what about {other}",
        "[ok|ooh|oh] {other}[ tho|!| <lol>]",
        "[changing the subject|new topic] [<lol>|]: {other}?",
        "[also|oh also|wait also] {other}?? [<lol>|]",
    ),
    "empathetic": (
        "This makes me think about {other}, actually. [Can we talk about that|Is that okay to "
        "bring up|It's tied up with {subject}]?",
        "Can I bring up {other}? [It's connected, I think|It's tangled up with {subject}|{person} "
        "keeps mentioning it].",
        "[Sorry to change the subject|I know this is a jump|This is a bit of a leap], but "
        "{other} [has been on my mind too|is part of it too|is tangled up in this]. [Is that "
        "okay|Can we go there|Do you mind]?",
        "[Actually|Honestly|Maybe], [the thing underneath {subject}|what's really bothering me] "
        "[might be|is probably] {other}.",
    ),
    "adventurous": (
        "[Ooh|Oh|Whoa], that reminds me of {other}! [Is there a connection|Are they related|Any "
        "link to {subject}]?",
        "[Totally|Completely|Slightly] different thing, but [what about|have you got anything "
        "on|tell me about] {other}[ in {place}|]?",
        "[Okay|Right|Alright], new rabbit hole: {other}!",
        "[Wait|Hold on|Hmm], this makes me think of {other}. [Tell me about that!|What do you "
        "know about it?|Is that a thing?|Is it big in {place}?]",
        "[Random thought|Plot twist|Side quest|Detour time]: [what about|how about] {other}?!",
        "[Speaking of|That makes me want to talk about|Which reminds me,] {other}! [Could I "
        "combine it with {subject}|Have you got stories from {place}|What's your take]?",
        "[Okay|So], [hear me out|crazy idea]: {other}? [Too much|Dream trip|Possible|Why "
        "not]?",
        "[Can we|Let's|Mind if we] [jump|switch|hop] to {other} [for a sec|for a bit|now]? "
        "[I've been dying to ask|It's been on my mind|I can't resist]!",
        "[Also|Oh also|And], {other}! [What's the deal there|Is it as <wild> as it looks|Worth "
        "it]?",
        "[Before I forget|Quick detour|Off on a tangent], {other}: [ever heard of it|any tips|"
        "what's the story]?",
        "[Enough about that|Okay enough], [what about|tell me about|let's do] {other}!",
        "[You know what|Know what] I [also|really] [want to try|want to know about|can't stop "
        "thinking about]? {other}[ in {place}|]!",
        "{other}! [Could that be next|Is that a thing I can do|Have you got ideas]?",
        "[Okay|Wait], [side note|tiny detour]: [is|would] {other} [worth it|a good idea|too "
        "crazy] [for me|<soon>|]?",
        "[My friend|My sister|Someone at the hostel] [swears by|keeps raving about|just got "
        "back from] {other}. [Should I|Is it worth it|What's the hype]?",
        "[Oh|Ooh|Wait], [could I|can I] [do|see|try] {other} [in|near|around] {place}? [That "
        "would be|That sounds] [<wild>|perfect|a dream]!",
        "{name} [did|tried|went for] {other} [in|near] {place} [last year|last summer|once] and "
        "[still talks about it|loved it|nearly cried]. [Worth it|Thoughts|Should I]?",
        "[Totally random|Side note|Oh and], [is {gear}|would {gear} be] [worth it|overkill|a "
        "must] for {other}?",
        "[Okay|So] {other} [in|around|near] {place}? [Is that|Would that be] [a "
        "thing|possible|<wild>]?",
        "[I've|I have] [always|secretly|weirdly] wanted to [try|do|see] {other}. [Where's good|Is "
        "{place} good for it|Where would you go]?",
        "[Speaking of adventures|On that note|That gives me an idea]: {other}. [Have you got|Got "
        "any] [stories|secrets|tips] [from {place}|about it|]?",
        "[Honestly|Real talk], {other} has been [on my bucket list|in my head|my secret dream] "
        "[for years|since I was a kid|since {name} mentioned it]. [Where do I start?|Is now the "
        "time?|Talk me into it!]",
        "[Could|Would] {other} [go|fit|pair] [well|nicely] with {subject}? [Like|Maybe] [a combo "
        "trip|one big adventure|back to back] [to {place}|<soon>|]?",
        "[Sooo|So so so], {other}? [I saw|There's] [a reel|a photo|a documentary] [from|about] "
        "{place} and [I can't stop thinking about it|now I'm obsessed|I need to go]!",
        "[Quick swerve|Sharp turn|Completely off-piste]: [how|what] [do people|would you] "
        "[do|plan|budget for] {other}?",
        "[Also|Oh, and|By the way] [I've been meaning to ask|I was going to ask|I need to know] "
        "about {other}! [Is it|Would it be] [worth a detour|a good add-on|doable] [from "
        "{place}|on the same trip|]?",
        "[My brain just|Okay my brain] [jumped to|went straight to|switched to] {other}. [Forgive "
        "me|Sorry not sorry|Classic me]! [What do you know|Tell me something]?",
        "[What about|And|Ooh, what about] {other} [by night|in the off season|on a "
        "shoestring|with {name}]? [Possible|Wild idea|Good call]?",
        "[Okay, unrelated|Unrelated|Totally unrelated], but {name} [dared|challenged|bet] me to "
        "[try|do] {other} [before|by] [I turn thirty|the end of the year|next summer]. [Should "
        "I|Thoughts|Am I crazy]?",
        "[Does|Would] {other} [work|make sense|be fun] [as|for] a [weekend|side trip|detour] "
        "[from|near|around] {place}?",
        "[Now|Ooh, now] I'm [thinking|wondering] about {other}. [Have you got|Do you know] "
        "[a|any] [story|stories|legend] [about|around] it?",
        "[Sidebar|Detour|Brain wandered]: {other}! [How|Where] would [someone|a beginner|I] "
        "[even|actually] [start|get into it|begin]?",
        "[Wait, unrelated|Oh unrelated|Random one], [ever|have you ever] [heard of|come across] "
        "{other}? {name} [swears|says] it's [life-changing|the best thing ever|underrated]!",
        "[Ok|Okay], {other}: [yes or no|go or no go|dream or nightmare]? [Be honest|Don't hold "
        "back|I can take it]!",
        "[Could|Would] [you|someone] [pair|combine|stack] {subject} [with|and] {other} [in one "
        "trip|on one weekend|in {place}]? [Asking for me|Asking for a friend|Just curious]!",
        "[Hmm|Ooh], [all this|this] talk about {subject} [reminds|is reminding] me [of|about] "
        "{other}. [Similar vibe|Same energy|Related]?",
        "[Also|Oh also], I [found|saw|read about] {other} [online|on a map|in a magazine] "
        "[yesterday|last night|this morning]. [Real|Legit|Worth it]?",
        "[Plot twist|New plan|Change of plan]: [forget|park|pause] {subject} [for a sec|for "
        "now|for five minutes], [I'm|I am] [suddenly|now] [craving|obsessed with|curious about] "
        "{other}!",
        "[Real question|Honest question]: [is|would] {other} [scarier|harder|more fun] than "
        "{subject}? [Asking|Wondering] [for|because of] [a trip|a dare|{name}]!",
        "[There's|I heard there's] [a|this] [festival|trail|night market|hot spring] "
        "[for|around|near] {other} [in|near] {place}. [Heard of it|Real|Worth the detour]?",
    ),
    "direct": (
        "Different question: {other}.",
        "Next topic: {other}. What should I know?",
    ),
    "formal": (
        "If I may change the subject slightly, what is your view on {other}?",
        "On a related matter, what can you tell me about {other}?",
    ),
}
