"""The engine's first layer: records every other layer builds on, reading no file and writing no words.

Calendar months (:mod:`.months`), typed values and their JSON form (:mod:`.values`), the trace's records
(:mod:`.trace`) and each decision's facts (:mod:`.facts`). It imports nothing else of the engine.
"""
