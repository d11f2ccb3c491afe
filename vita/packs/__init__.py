"""Signed content packs: a deployment adds or replaces languages, recordings, translations, fonts and its
referral directory without a new build (signing.py: format and verification; install.py: the overlay)."""
