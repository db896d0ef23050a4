"""The specifics real users drop into messages: people, places, times, feelings, figures.

Slots `{person}`, `{name}`, `{place}`, `{when}`, `{since}`, `{day}`, `{emotion}`, `{figure}`,
`{source}`, `{method}` and `{gear}` are filled from here. `{person}` is drawn once per
conversation (a user keeps talking about the same sister); the others per message.
"""

from __future__ import annotations

import random

from simulator.scripted.grammar import pick

NAMES: tuple[str, ...] = (
    "Maya", "Sam", "Leo", "Priya", "Jonah", "Aisha", "Tom", "Nadia", "Ben", "Chloe", "Omar",
    "Lena", "Marco", "Yuki", "Hannah", "Diego", "Zoe", "Felix", "Amara", "Josh", "Ines",
    "Kai", "Rosa", "Theo", "Mei", "Noah", "Freya", "Ravi", "Emily", "Luca", "Sofia",
    "Jamal", "Clara", "Finn", "Nina", "Arjun", "Lucy", "Mateo", "Elif", "Jack", "Anya",
    "Owen", "Leila", "Max", "Tara", "Ezra", "Julia", "Sami", "Ada", "Dan", "Bea", "Ivan",
    "Grace", "Hugo", "Lina", "Pete", "Asha", "Rory", "Vera", "Caleb",
)
"""First names, for friends, partners and coworkers."""

_NAMED = (
    "my friend", "my partner", "my roommate", "my coworker", "my best friend", "my colleague",
    "my girlfriend", "my boyfriend", "my husband", "my wife", "my housemate", "my teammate",
    "my oldest friend", "my flatmate", "my friend from uni",
)
_UNNAMED = (
    "my sister", "my brother", "my mum", "my dad", "my manager", "my ex", "my cousin",
    "my grandmother", "my boss", "my neighbour", "my aunt", "my stepdad", "my uncle",
    "my landlord", "my team lead", "my tutor", "my coach", "my godmother", "my in-laws",
    "my little brother", "my older sister", "my grandad",
)

PLACES: tuple[str, ...] = (
    "Tromsø", "Chiang Mai", "Valparaíso", "Tbilisi", "Lake Bled", "the Atacama", "Hokkaido",
    "Luang Prabang", "Zanzibar", "Kotor", "Cappadocia", "Yosemite", "Banff", "Queenstown",
    "Hoi An", "Cusco", "Marrakech", "Svalbard", "Reykjavík", "Kyoto", "Medellín", "Bergen",
    "La Paz", "Ushuaia", "Jeju", "Palawan", "Tasmania", "the Outer Hebrides", "Lisbon",
    "Sicily", "Kerala", "the Yukon", "Hallstatt", "Petra", "Bali", "Flores", "Chefchaouen",
    "the Lake District", "Tasmania's east coast", "Patagonia", "Lapland", "the Alps",
    "Vancouver Island", "Sardinia", "Mount Bromo", "the Gobi", "Raja Ampat",
    "Iceland's highlands", "Zermatt", "the Amalfi coast", "Big Sur", "Fiordland", "Cape Town",
    "Kamchatka", "the Galápagos", "Socotra", "Ladakh", "Pokhara", "Porto", "Ha Giang",
)
"""Places an adventurous user has been to, is going to or dreams about."""

WHEN: tuple[str, ...] = (
    "last night", "yesterday", "on Sunday", "last weekend", "two weeks ago", "this morning",
    "[at|over] dinner", "on the phone [last night|yesterday]", "at work on Monday",
    "over the holidays", "on my birthday", "at a party last month", "in the car",
    "[right|just] before bed", "a few days ago", "on Friday", "at lunch today",
    "after [work|class] yesterday", "last Tuesday", "over text [last night|this morning]",
)
"""When something happened, as a user would say it."""

SINCE: tuple[str, ...] = (
    "last night", "yesterday", "Sunday", "last weekend", "the holidays", "my birthday",
    "that party last month", "that phone call", "Tuesday", "that dinner", "last week",
    "this morning", "that argument", "the wedding", "Friday", "the move",
)
"""A moment to count from: what follows `since` or `after` (`{since}`)."""

DAYS: tuple[str, ...] = (
    "this weekend", "saturday", "sunday", "friday night", "tmrw", "tonight", "next weekend",
    "saturday morning", "sunday arvo", "after work", "on my day off", "this friday",
)
"""When a casual user plans to do something."""


EMOTIONS: tuple[str, ...] = (
    "hurt", "embarrassed", "resentful", "numb", "anxious", "guilty", "ashamed", "lonely",
    "jealous", "overwhelmed", "exhausted", "confused", "heartbroken", "restless", "unseen",
    "small", "angry", "scared", "hopeless", "raw", "on edge", "stuck", "drained", "tender",
    "invisible", "left out", "disappointed", "nervous", "bitter", "homesick", "fragile",
)
"""Feelings an emotionally expressive user names."""

METHODS: tuple[str, ...] = (
    "a randomized trial", "satellite data", "an ablation study", "a meta-analysis",
    "Monte Carlo simulations", "a natural experiment", "field measurements",
    "a cohort study", "reanalysis data", "a controlled benchmark", "lab experiments",
    "a survey of practitioners", "instrumental variables", "a difference-in-differences design",
    "an observational dataset", "climate model ensembles", "a case study",
)
"""How a claim could have been established, for a technical user to ask about."""

_VENUES = (
    "Nature", "Science", "PNAS", "arXiv", "NeurIPS", "ICML", "Lancet", "Nature Climate Change",
    "JGR Oceans", "IEEE", "ACL", "Physical Review", "Cell", "Annual Review",
)
_KINDS = ("paper", "preprint", "review", "study", "commentary")

GEAR: tuple[str, ...] = (
    "a GoPro", "a 35mm prime", "a drone", "a wide-angle lens", "a tripod", "a dry bag",
    "a film camera", "an ND filter", "a headlamp", "a pair of trail runners", "a wetsuit",
    "a bivvy bag", "crampons", "a phone gimbal", "a travel hammock", "a polaroid camera",
)
"""Kit an adventurous user wonders about."""


def draw_person(rng: random.Random) -> str:
    """Someone in the user's life, sometimes with a name (`my friend Maya`, `my sister`)."""
    roll = rng.random()
    if roll < 0.2:
        return rng.choice(NAMES)
    if roll < 0.6:
        return f"{rng.choice(_NAMED)} {rng.choice(NAMES)}"
    return rng.choice(_UNNAMED)


def draw_figure(rng: random.Random) -> str:
    """A figure a technical user might have seen quoted: a share, a factor or a count."""
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.randint(2, 95)}%"
    if kind < 0.6:
        return f"{rng.randint(2, 60) / 2:g}x"
    if kind < 0.8:
        return f"{rng.randint(2, 19) * 5} percent"
    return f"{rng.randint(2, 9)} in {rng.choice((10, 20, 100))}"


def draw(key: str, rng: random.Random) -> str | None:
    """A value for slot `key`, or None if it is not one of these."""
    if key == "name":
        return rng.choice(NAMES)
    if key == "place":
        return rng.choice(PLACES)
    if key == "when":
        return pick(WHEN, rng)
    if key == "since":
        return rng.choice(SINCE)
    if key == "day":
        return rng.choice(DAYS)
    if key in ("figure", "figure2"):
        return draw_figure(rng)
    if key in ("emotion", "emotion2"):
        return rng.choice(EMOTIONS)
    if key in ("method", "method2"):
        return rng.choice(METHODS)
    if key == "gear":
        return rng.choice(GEAR)
    if key == "source":
        venue = rng.choice(_VENUES)
        kinds = tuple(k for k in _KINDS if not venue.endswith(k.title()))
        return f"a {rng.randint(2008, 2024)} {venue} {rng.choice(kinds)}"
    return None
