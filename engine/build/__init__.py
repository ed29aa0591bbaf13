"""Build steps for the bundled data, run by a developer after editing it (``python -m engine.build``): the message
catalogs compiled, and the bundled files kept parsed. Nothing in the engine imports this package (an import-linter
contract in pyproject.toml holds it)."""
