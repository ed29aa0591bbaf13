"""The engine's third layer: the person's profile.

The records (:mod:`.model`), reading and checking TOML (:mod:`.parse`, with :mod:`.toml_lines` for the line of a
field and :mod:`.errors` for the one error a profile raises), and the file on disk, saved atomically
(:mod:`.files`). The one rule a profile keeps that needs the retirement rules is checked a layer up
(:mod:`engine.rules.profiles`). It imports only :mod:`engine.core` and :mod:`engine.data`.
"""
