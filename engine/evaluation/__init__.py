"""The engine's fifth layer: a profile evaluated.

Every decision run in order (:mod:`.evaluate`) into a report (:mod:`.report`, with its JSON), the profile checked
against itself (:mod:`.warnings`, :mod:`.coverage`), what to ask the local office (:mod:`.questions`), the summary
that opens every report (:mod:`.summary`), the costs until retirement (:mod:`.costs`) and the scenarios side by
side (:mod:`.compare`). It imports only the layers below it.
"""
