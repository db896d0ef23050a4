"""The four demo bots, one module each: Elena, Marcus, Jake and Dream."""
