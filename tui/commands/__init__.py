"""One module per `sparring` sub-command (or group of them)."""
