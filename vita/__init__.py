"""VITA: offline audio-assisted first contact with people who may be victims of trafficking."""

__version__ = "0.1.0"
