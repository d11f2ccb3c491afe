"""The recording studio's core (Qt-free): a speaker records every text of a language, a reviewer reviews it.

model.py: what the GUI shows (Speaker, StudioItem, Progress). session.py: a recording sitting over one language,
resumed where it was left; keep() writes a clip into the deployment's overlay. recorder.py: the microphone.
takes.py: a raw take turned into a library clip, with warnings. review.py: reviewing texts and clips.
export.py: the work as a signed content pack.
"""
