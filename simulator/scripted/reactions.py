"""Templates for the messages that respond to how a reply landed: validate and react.

Fragment grammars over the slots described in `questions`.
"""

from __future__ import annotations

from simulator.scripted.intents import Table

VALIDATE: Table = {
    "technical": (
        "Is my reasoning [on {subject}|on '{term}'] sound, or am I missing something?",
        "Does it make sense that [this bothers me|I'm skeptical here|I find that unconvincing] "
        "[about {subject}|about '{term}']?",
        "[Am I wrong to|Is it unreasonable to] [want|expect|ask for] [harder numbers|a "
        "mechanism|a source] [on {subject}|for '{term}']?",
    ),
    "casual": (
        "<honestly>, am i being weird?",
        "is that dumb of me?",
        "[am i|is it] [crazy|weird|lame] [lol|tho|]?",
        "[that's|is that] [normal|fine] right?",
    ),
    "empathetic": (
        "I guess I was [hoping|kind of hoping|really hoping] you'd [understand|get|see] how "
        "[hard|heavy|exhausting|lonely] [this is|this has been|{subject} is] for me.",
        "[Do you think it's|Is it] okay that I feel [{feeling}|{emotion}] about {subject}?",
        "[Am I overreacting|Is this an overreaction|Am I making too much of this] [about "
        "{subject}|with {subject}], or does [that|it|my reaction] make sense?",
        "I don't know, it [just|kind of|sometimes] feels like nobody [really|actually|] "
        "[gets|understands|sees] [how much {subject} weighs on me|what {subject} is like|why "
        "{subject} hurts so much].",
        "Is it normal to feel [this way|like this|so {feeling}|so {emotion}] [about "
        "{subject}|after {since}|for this long]?",
        "[Part of me wonders|Some days I wonder|Sometimes I wonder] if I'm [being dramatic|too "
        "sensitive|the only one who struggles with this] [about {subject}|with {subject}]. [Am "
        "I|Is that silly|What do you think]?",
        "[Would|Could] you [just|] tell me [it's okay|I'm not crazy|that it makes sense] to "
        "feel {feeling} [about {subject}|right now|]?",
        "[I think|Honestly,|Mostly] I [just|] need to hear that [this is <hard>|I'm not failing|"
        "it's not all my fault|{subject} isn't the end of the world]. [Is that okay|Does that "
        "make sense|Is that weird|Is that too much to ask]?",
        "[It|{subject}] [feels|has felt] [so|really|kind of] [big|heavy|overwhelming] [to me|"
        "<lately>], and I [worry|keep worrying|feel silly] that [it shouldn't|I'm "
        "overreacting|nobody else would care].",
        "Is it [normal|okay|weird] that I [still|] [feel|get] {feeling} [when I think about "
        "{subject}|whenever {subject} comes up|about {subject}]?",
        "[Does|Would] it [sound|seem] [silly|dramatic|selfish|ridiculous] that {subject} [gets "
        "to me|hurts this much|keeps me up at night]?",
        "I [just|really] want [someone|somebody|{person}] to [say|tell me] [it's okay|I'm not "
        "crazy|this makes sense] [about {subject}|after {since}]. [Can you|Would you|Is that "
        "silly]?",
        "[Be honest|Tell me honestly|Honestly]: [am I|do you think I'm] [being too sensitive|"
        "overreacting|making this bigger than it is] [about {subject}|here|]?",
        "[I feel like|It feels like|Sometimes it feels like] I'm [the only one|alone|failing] "
        "[with|at] {subject}. [Is that normal|Do other people feel that too|Is that just me]?",
        "[Is it|Would it be] [wrong|unfair|bad] [of me|] to [still be upset|feel hurt|be "
        "angry] about {subject}?",
        "[You don't think|You wouldn't say] I'm [weak|pathetic|too much] for [struggling with|"
        "crying over|feeling this way about] {subject}, [right|do you]?",
        "I [keep|can't stop] [asking myself|wondering] whether I [did something wrong|could "
        "have done more|made {subject} worse]. [Did I|Could I have|What do you think]?",
        "[Maybe|Perhaps] I [should|ought to] [just|] [be over {subject} by now|let {subject} "
        "go|stop caring about {subject}]. [Should I|Is that what you think|Right]?",
        "[Everyone|{person}|My family] [keeps|keep] telling me to [move on from|get over|stop "
        "thinking about] {subject}. [Is it okay that I can't|Is it bad that I'm not ready|Why "
        "can't I]?",
        "[It's|It is] [hard|strange|scary] to [admit|say] [this|it], but {subject} [makes me "
        "feel|has left me feeling] [small|invisible|not good enough]. [Is that normal|Does "
        "that make sense|Is that awful]?",
        "[Do|Can] you [understand|see] why {subject} [hurts|matters|gets to me] [so much|this "
        "much]?",
        "[I'm not asking|I don't need] [for advice|you to fix {subject}|solutions] [right "
        "now|yet]. [I just|Mostly I] [want to know|need to hear] [I'm not alone|it makes "
        "sense|I'm allowed to feel {emotion}].",
        "[Am I|Is it] [allowed|okay] to feel {emotion} [and|but] [still|also] [miss|care "
        "about|hope for] [things|what we had|how it was] [with {person}|before {subject}]?",
        "[Why does|How come] {subject} [get to me|hurt|sting] [so much|this much] [when|if] "
        "[other people seem fine|it's such a small thing|it happened ages ago]?",
        "[Am I overreacting|Is that normal|Am I being silly]?",
        "[Is that|Isn't that] [okay|normal|understandable]?",
        "[Tell me I'm not|Please tell me I'm not|I hope I'm not] [crazy|being ridiculous|a "
        "terrible person] for [still thinking about|getting this upset over|losing sleep over] "
        "{subject}.",
        "[When|Whenever] {subject} comes up I [freeze|shut down|get teary|go quiet]. [Does that "
        "happen to other people|Is that a normal reaction|Is something wrong with me]?",
        "[Would|Do] you [think less of me|judge me] if I [said|admitted] {subject} [still "
        "hurts|still makes me cry|is all I think about]?",
        "[I'm worried|I'm scared|I worry] [I'm being|I've been|that I'm] [too much|needy|a "
        "burden] [with|about] {subject}. [Am I|Is that how it looks|Be honest]?",
        "[Honestly|Truthfully], [does|would] [my reaction to|how I feel about] {subject} [make "
        "sense|seem reasonable] [to you|from the outside]?",
        "{person} said something {when} [about|around] {subject} and it [really stung|stuck with "
        "me|keeps echoing]. [Am I wrong to be hurt|Is it silly that it hurt|Should I let it go]?",
        "[I told|I tried to tell] {person} [how I feel|about {subject}] {when} and [they|it] "
        "[brushed it off|changed the subject|laughed a bit]. [Is it okay that I'm upset|Was that "
        "unfair of them|Am I overreacting]?",
        "[Is it|Would it be] [weird|wrong|unfair] [that|if] I [haven't told|don't want to tell] "
        "{person} about {subject}?",
        "[Is it okay|Is it normal|Does it make sense] to feel [both|] {emotion} and {emotion2} "
        "[about {subject}|at the same time|after {since}]?",
        "[Mostly|Right now|Today] I just feel {emotion}. [Is that|Isn't that] [a weird way to "
        "react|normal|allowed] [to {subject}|after everything|]?",
        "[I keep|I can't stop] feeling {emotion} [around|with|when I see] {person}[ since "
        "{when}|]. [Does that make me a bad person|Is that fair to them|Am I being unfair]?",
        "[When|Every time] I think about {subject} I [get|feel] {emotion}, [then|and then] "
        "{emotion2}. [Is that normal|Is that messed up|Does that make sense to you]?",
        "[Part of me|Some of me] is {emotion} and part of me is [just|] {emotion2}. [Which one do "
        "I listen to|Is that normal|How do I hold both]?",
        "{person} [thinks|says] I should [be over|stop worrying about|laugh off] {subject}. [Are "
        "they right|Should I|Is it wrong that I can't]?",
        "[Would|Do] you [get|understand] it if I said {subject} makes me feel {emotion}?",
        "[My chest gets tight|My stomach drops|I go hot and cold] [whenever|every time] {subject} "
        "[comes up|crosses my mind]. [Is my body overreacting|Is that a normal thing|Does that "
        "happen to you]?",
        "[I've been|I keep] [pretending|telling everyone] I'm fine about {subject}, [but|when "
        "really] I'm [{emotion}|not]. [Is that|Isn't that] [a kind of lying|unhealthy|normal]?",
        "[Would|Do] you [say|think] it's [fair|reasonable|human] to [need|want] [a few days|some "
        "time|space] [after|because of] {subject}?",
        "[I cried|I got teary|I had to leave the room] [at work|in the supermarket|on the bus] "
        "{when} because of {subject}. [Is that embarrassing|Does that happen to others|Should I "
        "be worried]?",
        "[Sometimes|Some nights] I [lie awake|replay conversations|write texts I never send] "
        "about {subject}. [Is that|That's not] [unhealthy|normal|weird], [right|is it]?",
        "[Am I|Would I be] [a bad friend|a terrible sister|selfish|unfair] if I [stepped back "
        "from|stopped answering] {person} [for a while|until I feel better]?",
        "[Deep down|Underneath it all|If I'm really honest] I [think|suspect|fear] {subject} [is "
        "my fault|says something bad about me|means I'm not enough]. [Is it|Could it be|Tell me "
        "it isn't]?",
        "[Other people|My friends|Everyone I know] [seem to|appear to] [handle|cope with|bounce "
        "back from] [stuff like|things like] {subject} [so easily|without a scratch|in a week]. "
        "[Why can't I|What's wrong with me|Is it just me]?",
        "[Is it|Would it be] [strange|silly|weird] [to miss|to grieve|to mourn] [the person I "
        "was|how things were|my old life] before {subject}?",
        "[I'm|I am] [tired|so tired|worn out] of [feeling|being] {emotion}. [Is it okay to|Am I "
        "allowed to] [just|] [not be okay|rest|stop trying] [for a bit|today|this week]?",
        "[Did I|Was I wrong to] [overreact|raise my voice|go quiet] [with|at] {person} {when}? [I "
        "keep|I can't stop] [going over it|replaying it|second-guessing myself].",
        "[Please|Honestly,] [tell me|be straight with me]: [is|would] [feeling|being] {emotion} "
        "[about|over] {subject} [an overreaction|unreasonable|a bit much]?",
        "[Is there|Could there be] something [wrong with me|broken in me|off about me] if "
        "{subject} [still|somehow still] [knocks me flat|ruins whole days|makes me shake]?",
        "[I snapped|I was short|I was cold] with {person} {when} and [it wasn't even about them|I "
        "feel awful|they didn't deserve it]. [Does that make me a bad person|Is that "
        "forgivable|Should I apologise]?",
        "[How|Why] [do I|can I] [feel|be] [so|this] {emotion} [over|about] [something "
        "like|something as small as] {subject}? [Is it silly|Is it normal|Does it make sense]?",
        "[I know|I realise] [it's|this is] [not a big deal|small|minor] [to other people|in the "
        "grand scheme], but {subject} [feels huge to me|is swallowing me|is all I see]. [Is that "
        "okay|Can that be okay]?",
        "[Is it|Would it be] [unreasonable|too much|selfish] to want {person} to [just|] [check "
        "in|ask how I am|notice] [once in a while|more often|without me asking]?",
        "[Can I|Am I allowed to] [be|feel] [angry|sad|relieved] [and|but] "
        "[grateful|guilty|hopeful] [at the same time|all at once] about {subject}?",
        "[Is|Would] it [petty|childish|immature] [of me|] to [still|] [hold a grudge|keep "
        "score|feel wronged] [about|over] {subject}?",
        "[What if|Suppose] I'm [just|simply] [not built for|not cut out for|too fragile for] "
        "{subject}? [Is that a thing|Can that be true|Does that happen]?",
        "[My instinct|My gut|The little voice in my head] [says|tells me] to [run|hide|cancel "
        "everything] [when|whenever] {subject} [flares up|comes up|gets mentioned]. [Is that "
        "cowardly|Is that self-protection|Is that normal]?",
        "[Should|Would] [a grown adult|someone my age|a person in their thirties] [still|really] "
        "[be|get] this [rattled|shaken|wobbly] [by|about] {subject}?",
        "[I've been|I have been] [snappy|withdrawn|tearful|flat] [all week|since {since}|for "
        "days], and {person} [noticed|asked what's wrong|seems worried]. [Should I explain|Is "
        "that fair on them|Do I owe them an explanation]?",
        "[Am I|Is it] [wrong|foolish|naive] [to hope|for hoping] [that|] {subject} [will|might] "
        "[sort itself out|get easier|just pass]?",
        "[I compare|I keep comparing] [my|our] [situation|story|life] to [everyone "
        "else's|{person}'s|what I see online] and [come up short|feel worse|spiral]. [Does "
        "everyone do that|Is that normal|Is that just me]?",
        "[Is|Would] [crying|shutting down|going numb] [every time|whenever] {subject} [comes "
        "up|gets raised] [a sign something's wrong|normal|okay], or [should I worry|is it just "
        "grief|is it just stress]?",
        "[Nobody|No one] [asked|checked] how I was [after|around] {subject}[, not even "
        "{person}|]. [Is it okay to feel|Am I allowed to feel] {emotion} about that?",
        "[I said|I told {person}] I was [fine|okay|over it] {when}, [and|but] I [wasn't|really "
        "wasn't|am not]. [Is it bad|Was that wrong|Does that make me dishonest]?",
        "[Would|Could] you [still|] [think|say] I'm [a good person|doing my best|trying] [even "
        "though|even if] I [messed up|got it wrong|lost my temper] with {subject}?",
        "[It's|It is] [silly|embarrassing|ridiculous], but I [rehearse|practise|script] "
        "[conversations|arguments|apologies] with {person} [in the shower|in my head|on my "
        "commute]. [Does anyone else do that|Is that strange|Is that a coping thing]?",
        "[Why|How come] [does|do] [the|my] [evenings|weekends|Sunday nights] [feel|get] [so "
        "much|way] [worse|heavier|lonelier] [since|with] {subject}? [Is that common|Is that a "
        "known thing|Am I imagining it]?",
        "[Is it|Would it be] [okay|reasonable|healthy] to [take|ask for] [a day off|a mental "
        "health day|some space] [just|purely] because of {subject}?",
        "[Am I|Could I be] [too attached to|too invested in|overly sensitive about] {subject}? "
        "[Everyone says so.|{person} hinted at it.|I suspect so.]",
        "[I hate|I can't stand] [that|how] {subject} [still|can still] [ruins|wrecks|colours] my "
        "[whole day|mood|week]. [Is that normal|Does that ever stop|Is that fixable]?",
        "[Does|Would] it [sound|seem] [self-pitying|dramatic|needy] if I [said|admitted] I feel "
        "{emotion} [most days|every morning|all the time] [because of|about] {subject}?",
        "[I can't tell|I don't know] if I'm [grieving|burnt out|depressed|just tired]. [Is "
        "it|Could it be] {subject}, [or|or is it] [something else|everything at once|me]?",
        "[Be gentle|Go easy on me], [but|and] [tell me|say]: [was|is] [it|{subject}] [partly|at "
        "least a little] my fault?",
        "[When|Whenever] {person} [mentions|jokes about|brings up] {subject}, I [laugh "
        "along|smile|go along with it] [but|and then] [feel|end up feeling] {emotion}. [Why do I "
        "do that|Is that normal|Should I say something]?",
        "[Is|Was] it [normal|okay|understandable] to [need|want] [a hug|someone|company] [so "
        "badly|this much] [after|because of] {subject}?",
        "[I think|Maybe] I [expected|wanted] {person} to [notice|understand|ask] [without me "
        "saying anything|on their own|by now]. [Is that unfair of me|Is that a lot to ask|Was I "
        "wrong]?",
        "[It feels like|It's like] [I'm|I am] [carrying|dragging|hauling] [a backpack full of "
        "bricks|a weight nobody sees|something heavy] [because of|around] {subject}. [Does that "
        "make sense|Is that dramatic|Can you picture it]?",
        "[I've started|I have started] [avoiding|dodging|skipping] [places|people|plans] [that "
        "remind me of|connected to|linked with] {subject}. [Is that healthy|Is that okay for "
        "now|Should I worry]?",
        "[Does|Would] [needing|asking for] [reassurance|comfort|a check-in] [this often|so "
        "often|every day] [make me|mean I'm] [clingy|weak|too much]?",
        "[My|The] [inner critic|harsh voice in my head|mean little voice] [says|insists|keeps "
        "saying] {subject} [proves|shows|means] I'm [useless|unlovable|a failure]. [Is it "
        "lying|Should I listen|How do I answer it]?",
        "[Am I|Would I be] [overthinking|reading too much into] it if {person} "
        "[seemed|sounded|looked] [distant|cold|off] {when}?",
        "[Do you think|Would you say] [it's|it is] [possible|fair|okay] to [love|care about] "
        "{person} and [still|also] [be|feel] [furious|hurt|let down] [with|by] them?",
        "[Some days|Most days|Lately] I [wake up|start the day|open my eyes] [already|feeling] "
        "{emotion} [because of|about] {subject}. [Is that normal|How long does that last|Does "
        "that pass]?",
        "[Everyone|All my friends|The people around me] [seems|seem] to [have|have got] "
        "[it|life|things] [figured out|sorted|together] [except|but] me, "
        "[especially|particularly|above all] with {subject}. [Is that true|Is it just how it "
        "looks|Am I behind]?",
    ),
    "adventurous": (
        "Is it crazy that I'm this into {subject}[ and {place}|]?",
        "You get why {subject} matters to me[ and {name}|], right?",
        "[Tell me I'm not the only one|Please say I'm not alone] [obsessed with|dreaming about] "
        "{subject}[ in {place}|]!",
    ),
    "direct": (
        "Tell me straight: am I right to feel this way?",
        "Am I wrong here?",
    ),
    "formal": (
        "Would you say my reaction is a reasonable one?",
        "Do you consider my concern justified?",
    ),
}

REACT: Table = {
    "technical": (
        "That's a [useful|helpful|clean|reasonable] framing.",
        "Interesting, that [matches|squares with|lines up with] [what I've read|{source}] on "
        "{subject}.",
        "[Fair|Good|Useful|Interesting] point [about|on|regarding] '{term}'[ — I hadn't weighed "
        "that| for {subject}|].",
        "[Good|Okay|Right], that's [clearer|much clearer|more precise] now.",
        "[I hadn't|I had not] [thought about|considered|connected] '{term}' [that way|in that "
        "context|before].",
        "That [helps|clarifies things|fills a gap]. [The bit|The part] about '{term}' [is new to "
        "me|is what I was missing|surprised me].",
    ),
    "casual": (
        "[haha|lol|ha] [nice|cool|fair|true|ok]",
        "[oh|ooh] [cool|nice|fun|neat]",
        "[nice|cool|lol], {term} sounds [fun|wild|kinda cool|interesting]",
        "[ok|k] [bet|sure|fair|cool]",
        "[omg|lmao|lol] {term}",
        "[valid|true|facts|same] [lol|haha|tbh|]",
        "{term} [is|sounds] [so|kinda|lowkey] [good|fun|cool|cute] [lol|haha|]",
        "[ok|omg|lol] {name} [is gonna|will] [love|hate] that",
        "[sending|showing] this to {name} <lol>",
    ),
    "empathetic": (
        "That [actually|really|honestly] helps, thank you.",
        "It means a lot that you [get it|understand|listened][ about {subject}| about {person}|].",
        "Thank you for saying that.",
        "That's [really|so] kind.",
        "[I needed that|I really needed that][ today|].",
        "[That|This] [makes me feel|leaves me] <little> <better> [about {subject}|].",
        "[That|What you said about '{term}'] [makes me feel|leaves me feeling] a [little|bit] "
        "[lighter|less alone|calmer].",
        "[Okay|Alright]. [That|'{term}'] is [something|a thing] I [can hold on to|hadn't "
        "thought about|can try].",
        "[Oh,|Oh wow,|Hm,] I [hadn't thought of it|never looked at it] that way. [Maybe|Perhaps] "
        "{subject} [isn't|doesn't have to be] [all my fault|the end of everything|so black and "
        "white].",
        "[That's|It's] [a gentle|a kind|a generous] way to [put it|see {subject}|look at it]. "
        "[I'll try to remember that|I want to hold on to that|I needed that framing|Maybe "
        "{person} needs to hear it too].",
        "[Reading that|Hearing that] [made my eyes sting a bit|loosened something in my "
        "chest|made me breathe out][, after {since}| about {subject}|].",
        "[You're right|Maybe you're right|I think you might be right]; I [don't have to|can't] "
        "[fix {subject} overnight|figure it all out today|carry {subject} alone].",
        "[Okay|Alright], '{term}' [actually|really|kind of] [makes sense|resonates|lands] [with "
        "me|for me|]. [Thank you|Thanks] for [that|saying it].",
        "[That|This] [helps|is helping] more than you know. [I've been|I was] [so|really] "
        "[stuck|lost|tangled up] in {subject}.",
        "[I appreciate|Thank you for] [how patient you're being|not judging me|taking {subject} "
        "seriously]. [It|That] [matters|means something] [to me|right now|after {since}].",
        "[Huh|Hm]. [I think|Maybe] I [needed|wanted] [permission|someone] to [feel {emotion}|slow "
        "down|stop pretending I'm fine about {subject}].",
        "[That|What you said about '{term}'] [feels|sounds] [true|right|fair], even if [it's|it "
        "is] [hard to hear|uncomfortable|not what I wanted].",
        "[It's|That's] [comforting|reassuring|a relief] to [know|hear] [I'm not the only "
        "one|other people go through this|this is common] [with|around] {subject}.",
        "[Yeah|Yes|Mm]... [that's|it's] [exactly|pretty much] [it|how it feels].",
        "[That|This] [reminds me|makes me think] of something {person} [said|told me] {when}. "
        "[Maybe|Perhaps] [they were right|I wasn't listening|I should call them].",
        "[Okay|Alright]. [Maybe|I think] I'll [talk to|text|call] {person} [tonight|tomorrow|this "
        "week] [about it|about {subject}|].",
        "[I think|Maybe] I've been [calling it|treating it as] {emotion} when [really|actually] "
        "it's {emotion2}. [That|Your reply] [helped me see that|made that click].",
        "[Okay|Alright], I feel [a little|a bit|slightly] less {emotion} [now|already|after "
        "reading that]. [Thank you|Thanks|Really].",
        "[That|What you said] [made me think of|reminded me of] {when}, when {person} [said "
        "something similar|hugged me|just listened]. [It helped then too|I'd forgotten that|I "
        "miss that].",
        "[You're|You are] [right|probably right] that [I can't control|I'm not responsible for] "
        "[everything|how {person} reacts|all of {subject}]. [That's|It's] [freeing|a relief|hard "
        "but true].",
        "[I'm|I am] going to [write that down|screenshot that|keep that], [honestly|really|]. "
        "'{term}' [is|feels] [something I can use|a good reminder|kind of what I needed].",
        "[Oh.|Huh.|Wow.] [Nobody|No one] has [ever|really] [said|put] it [like that|that way] [to "
        "me|before]. [It|That] [makes|made] {subject} [feel|seem] [smaller|more manageable|less "
        "scary].",
        "[I'm|I am] [tearing up|a bit emotional|smiling] [reading this|a little|now]. "
        "[It's|That's] [what|exactly what] I [needed|wanted] [someone to say|to hear] about "
        "{subject}.",
        "[Maybe|Perhaps] I [can|could] [try|start with] [that|'{term}'] [tomorrow|this "
        "weekend|next time {person} calls]. [Small steps|One thing at a time|Baby steps], right?",
        "[Okay|Alright], [deep breath|breathing out]. [You're right|That's true], {subject} "
        "[doesn't define me|isn't the whole story|won't last forever].",
        "[I love|I like|I appreciate] [that you said|the idea of|how you put] '{term}'. [It|That] "
        "[feels|sounds] [doable|gentle|possible] [even on a bad day|for me|right now].",
        "[Funny|Strange|Weird], {person} said [almost|nearly] the same thing {when}. [Maybe|I "
        "guess] [I should listen|it's true|I wasn't ready to hear it then].",
        "[That|It] [takes|took] [some|a bit of] [pressure|weight] off. I [didn't realise|hadn't "
        "noticed] how [much|hard] I was [bracing|holding my breath|clenching] [about|around] "
        "{subject}.",
        "[Honestly|Truly], [you've|you have] [helped|been kind|been patient] [more than|beyond "
        "what] [I expected|I hoped]. [I feel|I'm feeling] [a little|a bit] more "
        "[hopeful|steady|like myself].",
        "[Reading|Hearing] '{term}' [made|makes] me [exhale|smile a little|feel seen]. I [didn't "
        "know|hadn't realised] how much I needed [that|someone to say it].",
        "[Okay|Mm], [I can|I think I can] [live with|work with|hold] that. [It doesn't|That "
        "doesn't] [fix|solve] {subject}, but it [helps|makes it lighter|gives me somewhere to "
        "start].",
        "[Thank you|Thanks] for not [rushing me|telling me to cheer up|brushing it off]. "
        "[Everyone else|{person}|People] [usually|always] [does|do] [that|the opposite].",
        "[That|This] [actually|really] [shifts|changes] [how I see|how I feel about] {subject}[ a "
        "bit| a little|]. [I'll sit with it|I want to think about it more|I'm going to try].",
        "[You put|You've put] [into words|words to] something I [couldn't|haven't been able to] "
        "[say|name] [for weeks|for ages|since {since}]. [Thank you|That's rare|I'm grateful].",
        "[Okay|Right], [maybe|perhaps] I [can|could] [give myself|allow myself|grant myself] [a "
        "break|some grace|a little credit] [with|over] {subject}.",
        "[I'm|I am] [saving|keeping|screenshotting] this [for|to read on] the [bad days|next hard "
        "night|next time {person} and I clash].",
        "[I feel|It feels] [less|a little less] [alone|crazy|lost] [with|in] {subject} "
        "[now|already|after this]. [That|This] [matters|means a lot|helps].",
        "[Hm|Hmm], '{term}' [is|might be] [a gentler|a kinder|a better] way to [think about|look "
        "at|hold] {subject}. [I'll try it|I want to try that|I like that].",
        "[Wow|Oh], [that|you] [landed|got me|hit home]. [My eyes are|I'm] [a bit watery|welling "
        "up|smiling] [now|at my desk|on the bus].",
        "[I hadn't|I never] [realised|considered|noticed] that [I was|I've been] "
        "[holding|carrying] [that much|so much] [around|about] {subject}. [Thank you for pointing "
        "that out|That's eye-opening|Huh].",
        "[It helps|It really helps] to hear [someone|you] [say|put it] [that|like that] "
        "[plainly|calmly|without judging]. [I'll try|I'm going to try] '{term}' [this "
        "week|tonight|tomorrow].",
        "[That|What you said] [sounds|feels] like [something|advice] {person} [would|might] "
        "[say|give] [if|when] they're [at their best|being kind|not stressed].",
        "[Okay|Alright]... [I think|maybe] I've been [waiting|hoping] for [permission|someone] to "
        "[stop|quit] [being|feeling] {emotion} [about|over] {subject}. [This|That] [feels like "
        "it|might be it].",
        "[That's|This is] [honestly|genuinely|really] [the|the most] [kindest|clearest|calmest] "
        "[thing|reply] I've [read|heard] [all week|in ages|since {since}].",
        "[I'm going to|I'll] [try|practise|attempt] [saying|telling myself] [that|'{term}'] [next "
        "time|when] {subject} [creeps in|shows up|hits]. [Thanks for the words|That's a good "
        "script|I like that].",
        "[Honestly|Oh], [that's|this is] [a relief|a weight off|so reassuring]. [I was|I'd been] "
        "[bracing|preparing myself] for [you|someone] to [say|tell me] I [was|was being] "
        "[silly|dramatic|ridiculous].",
        "[I think|Maybe] [I'll|I will] [show|read] this to {person}. [They|It] [might|could] "
        "[help|get it|finally understand] [then|this time|after that].",
        "[You're|You are] [kinder|gentler|more patient] [to me|with me] than I [am|am being] [to "
        "myself|with myself] [about|over] {subject}. [I should learn from that|That's "
        "telling|Ouch, fair].",
        "[Something|Part of me] [just|finally] [softened|relaxed|unclenched] [reading|hearing] "
        "that. [It's|That's] [been|felt] [a long time|ages|a while] [coming|since that happened].",
        "[Mm|Yeah]... '{term}'. [I like|I want to remember|I'll keep] that [phrase|idea|word]. "
        "[It fits|It suits|It matches] [how|what] I [feel|need] [right now|about {subject}].",
    ),
    "adventurous": (
        "That's [amazing|incredible|so cool|epic]!",
        "No way, that's [so cool|wild|brilliant]!",
        "[Love|I love] that!",
        "'{term}', what a find!",
        "[Whoa|Wow|Yes], '{term}' [is going on my list|just made my day|sounds unreal]!",
        "[Okay|Right], {subject} just got [ten times|way|so much] [cooler|more exciting|more "
        "tempting]!",
        "[Adding|Putting] '{term}' [to|on] [my list|the plan|the itinerary] for {place}!",
        "{name} is going to be [so jealous|so excited|furious I didn't tell them sooner]! "
        "'{term}' sounds <wild>!",
        "[Okay|Right], {gear} [is|is so] [going in the bag|getting packed|on the list] [for "
        "{place}|for this|]!",
        "[Oh my god|Oh wow|Honestly], '{term}' sounds like [exactly|precisely|just] [my kind of "
        "thing|what I've been looking for|the missing piece]!",
        "[Screenshotting|Saving|Bookmarking] this! {subject} [plus|with] '{term}' is [going to "
        "be|gonna be] [legendary|unreal|the best trip ever]!",
        "[Stop|No|Ahh], '{term}' is [so|too|ridiculously] [good|cool|<wild>]! [I'm|I am] [telling "
        "{name}|booking something|planning this] [right now|tonight|this week]!",
        "[That's|This is] [the|exactly the] [kind of|sort of] thing I [travel for|live for|came "
        "here for]! [More|Again|Keep them coming]!",
        "[Okay|Alright], [my|the] [heart is racing|itinerary is growing|wish list just exploded] "
        "[already|now|a bit]! '{term}' [it is|is happening|goes on top]!",
    ),
    "direct": ("Got it.", "Understood.", "Fine.", "Clear.", "[Okay|OK], noted."),
    "formal": (
        "Thank you, that is helpful.",
        "I see, that is most informative.",
        "That is a fair observation.",
        "[Thank you|I am obliged]; [that|the point about '{term}'] is [well taken|most "
        "useful|illuminating].",
    ),
}
