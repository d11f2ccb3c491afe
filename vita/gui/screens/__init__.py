"""One module per screen. Each screen takes the app context and says what happened through signals."""
