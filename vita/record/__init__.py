"""The identification record: what was asked and answered, which indicators it touches, and where to refer.

Qt-free. `build_record` makes a Record value; `codec` turns it into schema-checked JSON with a digest;
`export` writes JSON and PDF for a finished interview (the PDF through a renderer passed in).
"""
