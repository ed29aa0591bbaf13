"""The engine's second layer: the bundled data and how it is read.

The compiled cache's reader (:mod:`.compiled`), the message catalogs and the :class:`~.i18n.Msg` they put into words
(:mod:`.i18n`, :mod:`.phrases`, :mod:`.glossary`, :mod:`.os_errors`), the list of places (:mod:`.places`), the
parameter declarations (:mod:`.params`), the policy data by region and the user's own figures (:mod:`.policy`),
the sources the rules cite (:mod:`.sources`) and the user's folders (:mod:`.userdirs`). It imports only
:mod:`engine.core`.
"""
