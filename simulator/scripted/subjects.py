"""What a conversation about a topic is concretely about: one subject drawn per conversation.

Real users rarely ask about "travel" in general; they ask about night trains or Patagonia.
Topics are matched by keyword (any persona with a travel topic gets travel subjects);
a topic no entry matches is its own subject. Entries are fragment grammars (`grammar`).
"""

from __future__ import annotations

import random
import re

from simulator.scripted.grammar import pick

_LEXICON: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bai\b|artificial intelligence|machine learning|\bml\b", (
        "scaling laws", "mixture-of-experts models", "reward hacking in RLHF",
        "sparse autoencoders for interpretability", "benchmark contamination",
        "long-context retrieval", "[whether|how far] chain-of-thought is faithful",
        "model distillation", "[the claims about|] emergent abilities", "LLM-as-judge evaluations",
        "protein structure prediction", "grokking", "double descent", "in-context learning",
        "training on synthetic data", "4-bit quantization", "speculative decoding",
        "tokenizer effects on arithmetic", "catastrophic forgetting [in|during] fine-tuning",
        "adversarial examples", "model collapse", "the compute cost of frontier models",
        "retrieval-augmented generation", "state space models", "sycophancy in chat models",
        "[reinforcement learning from|learning from] verifiable rewards",
        "calibration of language models", "data deduplication [at scale|]",
        "mechanistic interpretability of [attention heads|induction heads|MLP neurons]",
        "[evaluation|benchmark] leakage in [code|math] models", "agentic tool use",
        "the [energy|water] footprint of training runs", "curriculum learning",
        "[vision|multimodal] transformers", "neural scaling in [robotics|speech]",
        "watermarking generated text", "preference optimisation without reward models",
        "hallucination rates in [summarisation|question answering]",
    )),
    (r"ocean|marine|\bsea\b", (
        "the Atlantic overturning circulation", "coral bleaching", "hydrothermal vents",
        "ocean acidification", "marine heatwaves", "phytoplankton blooms",
        "the biological carbon pump", "Argo floats", "[how we measure|] sea level rise",
        "El Niño forecasting", "microplastics in the deep sea", "kelp forest decline",
        "whale migration [tracking|routes]", "ocean deoxygenation", "the mesopelagic zone",
        "seafloor mapping", "Arctic sea ice loss", "coastal upwelling", "octopus cognition",
        "deep-sea mining", "methane seeps", "rogue waves", "the Gulf Stream",
        "bioluminescence", "tidal energy", "ocean heat content [data|records]",
        "seagrass as a carbon sink", "the Southern Ocean's carbon uptake",
        "[deep-water|cold-water] corals", "the North Atlantic [warming hole|cold blob]",
        "[sardine|anchovy] collapses", "internal waves", "marine snow",
        "[ocean|seafloor] noise pollution", "the Humboldt Current", "eddies and heat transport",
        "sargassum blooms", "the ocean's role in [ice ages|past climate shifts]",
        "fish migrating toward the poles",
    )),
    (r"tech", (
        "solid-state batteries", "RISC-V chips", "quantum error correction",
        "fusion [timelines|startups]", "heat pumps", "2 nm chip fabrication",
        "Rust in the Linux kernel", "WebAssembly outside the browser", "grid-scale storage",
        "satellite internet constellations", "self-driving [car|] safety data",
        "passkeys replacing passwords", "perovskite solar cells", "brain-computer interfaces",
        "carbon capture plants", "sodium-ion batteries", "small modular reactors",
        "open-source databases", "edge computing", "end-to-end encryption [debates|]",
        "e-waste recycling", "data centre [power use|cooling]", "5G standalone networks",
        "photonic chips", "green hydrogen", "CRISPR diagnostics",
        "[vertical|indoor] farming tech", "[geothermal|enhanced geothermal] drilling",
        "battery recycling", "post-quantum cryptography", "smart grids",
        "[e-bike|EV] charging infrastructure", "digital twins", "[right-to-repair|repairable] "
        "phones", "[undersea|submarine] internet cables", "direct air capture",
    )),
    (r"hobb", (
        "bouldering", "pottery", "my sourdough starter", "learning guitar", "crochet",
        "board games", "skateboarding", "houseplants", "thrifting", "baking", "video games",
        "running", "DJing", "karaoke", "painting minis", "birdwatching", "homemade ramen",
        "knitting", "roller skating", "tennis", "journaling", "lego", "woodworking",
        "disc golf", "fantasy football", "origami", "rock climbing", "skateboard tricks",
        "making candles", "a 1000-piece puzzle",
    )),
    (r"weekend|plans", (
        "a beach day", "a road trip", "brunch with friends", "a house party",
        "a camping trip", "the farmers market", "a movie night", "a lazy sunday",
        "a bbq", "a game night", "a concert", "a hike", "a birthday dinner", "a pub quiz",
        "a music festival", "a picnic", "moving apartments", "a spa day", "a trip home",
        "an escape room", "thrifting downtown", "a wedding", "a cabin trip", "karaoke night",
        "a day trip to the coast", "a sleepover with the cousins",
    )),
    (r"movie|film|cinema", (
        "the new Dune", "horror movies", "a Ghibli marathon", "Marvel stuff", "rom-coms",
        "Oppenheimer", "the Spider-Verse movies", "old Pixar movies", "Nolan films",
        "A24 stuff", "the Lord of the Rings extended editions", "Mad Max", "John Wick",
        "Top Gun Maverick", "Past Lives", "Everything Everywhere All at Once", "Parasite",
        "Knives Out", "the Matrix", "Jurassic Park", "Paddington 2", "Shrek",
        "Star Wars", "Interstellar", "Barbie", "Godzilla Minus One", "cheesy 80s action movies",
        "the Hunger Games", "Ghostbusters", "Wes Anderson movies",
    )),
    (r"challeng|struggl|stress", (
        "losing my job last month", "burnout at work", "moving to a new city alone",
        "my anxiety before presentations", "going back to school at thirty", "money stress",
        "feeling stuck in my career", "a health scare", "looking after my mum",
        "not sleeping well", "imposter syndrome at my new job", "a big exam coming up",
        "being the new person at work", "quitting a job I hated", "my dad's illness",
        "[a|my] [friend's|cousin's] wedding I can't afford",
        "[failing|nearly failing] my driving test [again|twice]", "[an injury|my knee injury] "
        "that stopped me running", "my mum's [drinking|health] getting worse",
        "[a layoff|rumours of layoffs] at work", "[living|being] back at my parents' place",
        "a project that keeps failing", "getting rejected from every job I apply for",
        "losing my grandmother", "a panic attack on the train", "starting therapy",
        "my chronic pain", "being behind on rent", "my visa situation",
    )),
    (r"relationship|friend|family|dating", (
        "a falling-out with my best friend", "my partner and I arguing about chores",
        "a breakup from a few months ago", "drifting apart from old friends",
        "my sister not talking to me", "dating again", "feeling left out by my friend group",
        "a long-distance relationship", "setting boundaries with my parents",
        "my roommate situation", "trust issues with my partner", "my mum's expectations",
        "a friend who only calls when she needs something", "meeting my partner's family",
        "an argument with my brother", "being ghosted", "a friendship that feels one-sided",
        "my parents' divorce", "moving in with my partner", "my best friend's wedding",
        "a crush on a coworker", "jealousy in my relationship",
        "[my|our] [wedding|engagement] plans falling apart",
        "[a|my] friend [moving away|moving abroad|having a baby] and me feeling left behind",
        "[texting|talking to] my ex again", "[fighting|arguing] with my dad about [money|my "
        "career]", "[my|a] [group chat|friend group] going quiet on me",
        "[not|never] being anyone's first choice",
    )),
    (r"self|reflect|identity|growth", (
        "why I always people-please", "how hard I am on myself",
        "whether I'm in the right career", "my habit of avoiding conflict", "turning thirty",
        "feeling like I'm not enough", "my need for control", "comparing myself to others",
        "how I handle criticism", "what I actually want from life", "procrastination",
        "my perfectionism", "being an introvert at work", "forgiving myself",
        "the person I was in my twenties", "why I shut down when I'm upset",
        "my relationship with my body", "saying no", "my fear of failing",
        "why I can't rest without feeling guilty", "who I am outside of work",
        "[why I|the way I] [apologise|say sorry] for everything",
        "[my|this] [constant|endless] need to be productive", "[feeling|being] like a fraud "
        "[at work|with friends]", "[what|how] my [twenties|childhood] [shaped|taught] me",
        "[whether|if] I [even|actually] like my life", "[my|the] [anger|resentment] I keep "
        "swallowing",
    )),
    (r"travel|trip|journey", (
        "night trains across Europe", "Patagonia", "backpacking in Vietnam",
        "Iceland's ring road", "Japan in winter", "the Silk Road", "island hopping in Greece",
        "the Sahara", "the Norwegian fjords", "Peru's Sacred Valley",
        "van life in New Zealand", "Lofoten in winter", "the mountains of Georgia",
        "slow travel", "solo travel", "the Trans-Siberian railway", "the Scottish Highlands",
        "the Camino de Santiago", "Madagascar", "Mongolia's steppe", "the Faroe Islands",
        "Oaxaca", "the Azores", "Bhutan", "hitchhiking", "Sri Lanka by train",
        "the Dolomites", "Namibia's dunes", "[cycling|bikepacking] the Danube",
        "[sailing|ferry hopping] the Croatian coast", "the [Atlas|Zagros|Pamir] mountains",
        "[road-tripping|driving] Route 40", "[overland|bus trips] through Central America",
        "[night markets|street food] in [Taiwan|Penang]", "[trekking|walking] the Kumano Kodo",
        "[kayaking|canoeing] in [Finland|Sweden]'s lakes",
    )),
    (r"photo|camera", (
        "long exposures at night", "film cameras", "street photography", "astrophotography",
        "drone shots", "wildlife photography", "golden hour", "macro photography",
        "shooting the northern lights", "portraits of strangers", "underwater photography",
        "infrared photography", "black and white", "35mm versus 50mm lenses", "timelapses",
        "editing in Lightroom", "light painting", "medium format", "tilt-shift lenses",
        "photographing lightning", "shooting in fog", "polaroids", "double exposures",
        "night sky panoramas", "pinhole cameras", "[abandoned|ruined] buildings",
        "[reflections|puddle reflections] in the city", "[shooting|photographing] "
        "[waterfalls|glaciers]", "[festival|concert] photography", "[minimalist|negative "
        "space] landscapes", "[camera|phone] photography at blue hour",
        "[star trails|the Milky Way core]",
    )),
    (r"experience|adventure|new thing", (
        "learning to surf", "a silent retreat", "skydiving", "free diving",
        "a cooking class in Oaxaca", "ice swimming", "paragliding", "learning Portuguese",
        "volunteering on a farm", "a pottery wheel class", "sleeping in an ice hotel",
        "trying every street food stall", "cave diving", "sailing lessons", "a night safari",
        "a hot air balloon ride", "bungee jumping", "a fire-walking workshop",
        "a tango class", "a week without my phone", "foraging for mushrooms",
        "kitesurfing", "a solo hike across a glacier", "a sweat lodge",
        "[sleeping|camping] on a frozen lake", "[a|my first] [via ferrata|multi-pitch climb]",
        "[learning|taking up] [fire dancing|aerial silks|the drums]", "[an overnight|"
        "an all-night] train with no plan", "[working|volunteering] on a [sailboat|tall ship]",
        "[swimming|snorkelling] with [manta rays|whale sharks]",
        "[a marathon|an ultramarathon|my first marathon|my first ultramarathon] in the mountains",
    )),
    (r"music|song|band", (
        "vinyl records", "learning piano", "a band I just found", "music festivals",
        "jazz standards", "making beats", "film scores", "K-pop", "classical guitar",
    )),
    (r"cook|food|recipe|baking", (
        "fermentation", "knife skills", "sourdough", "meal prep", "spice blends",
        "cast iron pans", "street food", "vegan baking", "homemade pasta",
    )),
    (r"fitness|health|exercise|sleep", (
        "strength training", "running a first marathon", "sleep tracking", "mobility work",
        "intermittent fasting", "a bad knee", "swimming laps", "yoga for stiff backs",
    )),
    (r"career|work|job", (
        "asking for a raise", "switching careers", "a difficult manager", "remote work",
        "a job interview next week", "burnout", "a promotion", "starting a business",
    )),
    (r"money|financ|budget|invest", (
        "index funds", "paying off a student loan", "a first budget", "saving for a flat",
        "emergency funds", "pension choices", "splitting bills with a partner",
    )),
    (r"book|read|literat", (
        "a novel I just finished", "reading more nonfiction", "audiobooks", "book clubs",
        "classic Russian novels", "fantasy series", "poetry",
    )),
    (r"game|gaming", (
        "indie games", "speedrunning", "open-world RPGs", "retro consoles", "co-op games",
        "tabletop RPGs", "chess openings",
    )),
)
_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), subjects) for pattern, subjects in _LEXICON
)


def subjects_for(topic: str) -> tuple[str, ...]:
    """The subject grammars of every lexicon entry `topic` matches; empty if none does."""
    lowered = topic.lower()
    found: list[str] = []
    for pattern, subjects in _PATTERNS:
        if pattern.search(lowered):
            found.extend(subjects)
    return tuple(found)


def draw_subject(topic: str, rng: random.Random) -> str:
    """A concrete subject for a conversation about `topic` (the topic itself if unknown)."""
    pool = subjects_for(topic)
    return pick(pool, rng) if pool else topic
