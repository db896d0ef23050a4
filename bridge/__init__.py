"""How Sparring reaches a bot: HTTP, Discord, in-process callables, and the built-in demo bot."""
