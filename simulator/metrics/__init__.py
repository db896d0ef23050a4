"""Turn and conversation metrics: each has a name, a range, a meaning and a source."""
