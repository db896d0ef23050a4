"""The `discord` bot kind: a tester bot speaks for the personas in a Discord server.

    endpoints.py  pointing discord.py at Discord or at the emulator
    session.py    logging a discord.py client in and waiting for its guild
    text.py       a message's text as a turn sees it (content and embeds)
    settle.py     when a streamed reply is complete: adaptive quiet window, markers, typing
    collector.py  one turn's reply: its messages and edits, waited for until complete
    outcome.py    the raw payload a turn keeps (completion figures), the no-reply errors
    tester.py     the tester bot: routes the target's messages to the waiting turns
    connector.py  DiscordConnector, the BotConnector of kind `discord`
    check.py      `sparring discord check`: token, intents, permissions, target
    demo_target.py  the demo bots as discord.py bots
    playground.py the emulator with a tester and the demo bots (`sparring discord emulate`)
    emulator/     a local Discord gateway + REST server

discord.py is imported here once with the deprecation warning of its `audioop` import
(Python 3.11) silenced, so that the warning does not surface in Sparring's output or tests.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*audioop.*", category=DeprecationWarning)
    import discord

discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
"""Sparring uses no voice: no warning that voice libraries are missing."""
