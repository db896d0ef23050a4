"""The headless core of Sparring: personas, conversations, runs and their metrics.

Nothing here touches the network, the database or the terminal; connectors (``bridge``),
storage (``storage``) and the UI (``tui``) plug in through the protocols defined here.
"""
