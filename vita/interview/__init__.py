"""The interview: who, where, when, and an append-only log of what happened."""
