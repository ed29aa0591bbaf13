"""The engine's fourth layer: the rules.

The context a decision runs in, with its tracing parameter lookup (:mod:`.context`), counting months and working
days (:mod:`.counting`, :mod:`.workdays`), the decisions in the order they run (:mod:`.decisions`), what each
answers (:mod:`.outcome`), and the profile read against every rule it keeps (:mod:`.profiles`). It imports only
the layers below it.
"""
