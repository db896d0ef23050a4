"""The terminal front end: the command line and (later) the Textual app."""
