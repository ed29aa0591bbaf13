"""The engine's second layer: the bundled data and how it is read.

The compiled cache's reader (:mod:`.compiled`), the languages (one per catalog found, :mod:`.langs`), the message
catalogs and the :class:`~.i18n.Msg` they put into words (:mod:`.i18n`, :mod:`.phrases`, :mod:`.glossary`,
:mod:`.os_errors`), the registry of regions (the list of places and the places with data files, :mod:`.places`),
the parameter declarations (:mod:`.params`), the policy data by region and the user's own figures
(:mod:`.policy`), the sources the rules cite (:mod:`.sources`), the user's folders (:mod:`.userdirs`) and the one
writer of files (:mod:`.atomic`). It imports only :mod:`engine.core`.
"""
