"""医保参谋 engine: profiles in, traced reports out. Pure, no clock, no terminal (never imports textual).

    from engine import ProfileError, evaluate, load_profile, parse_profile, save_profile

The engine is built in layers, each importing only the layers below it (import-linter's ``layers`` contract in
pyproject.toml holds it, and ``acyclic_siblings`` holds the modules inside each layer free of cycles)::

    words        views for people: trace lines, Markdown, the pieces of the text report; the app's words
      ↓
    evaluation   evaluate, the report and its JSON, warnings, coverage, costs, compare, questions
      ↓
    rules        the context and its tracing lookup, counting, working days, the decisions and their outcomes,
      ↓          the profile checked against the retirement reform
    profile      the profile's records, reading and checking TOML, the file on disk
      ↓
    data         the compiled cache's reader, the catalogs and their messages, the list of places, the
      ↓          parameter declarations, the policy data and the user's figures, the sources cited
    core         months, typed values, the trace's records, the facts of a decision

Why these lines fall where they do:

- A message (:class:`~engine.data.i18n.Msg`) is read from the catalogs and a place's name from the list of places,
  so messages live in ``data``; ``core`` keeps the values they are filled from (``Months``, ``Yuan``, ``Region`` …)
  and the trace's records, which hold meaning only. A step's title is the catalog's
  (:func:`~engine.data.glossary.step_text`); its JSON is the rules' (:func:`~engine.rules.outcome.step_dict`);
  its text views are the words layer's (:mod:`engine.words.trace`).
- The catalogs sit below the report, so that ``Report.to_dict()`` writes the JSON report, words included, without
  reaching up; the words layer is for views that only people read.
- The registry of regions (:mod:`engine.data.places`) knows the listed places and every place a data file is
  written for (it lists the files), and is read before the policy data; whether a place has figures of its own is
  the policy data's answer (:mod:`engine.data.policy`).
- Files are written by one writer (:func:`engine.data.atomic.write_atomic`), in the data layer, since the policy
  data writes the user's local figures with it; the profile's files, the app's exports and the build steps use it
  too.
- The profile parser checks what a profile alone can tell. The rule that flexible early retirement may not go
  below the original age needs the reform's schedule: it is a retirement rule, checked in the rules layer
  (:mod:`engine.rules.profiles`), whose ``parse_profile``, ``load_profile`` and ``save_profile`` are the ones here.
- A decision's outcome (:class:`Outcome`, :class:`Option`) is the rules', so decisions do not import the report.
- The cache writer and the catalog compiler are build steps (``python -m engine.build``, :mod:`engine.build`),
  which nothing in the engine imports.

This module is the engine's surface for the app (with :mod:`engine.words` for words): the app imports nothing
deeper (an import-linter contract holds it too).
"""

from .core.countries import COUNTRY_CODES
from .core.facts import Decision
from .core.months import Month, as_month
from .core.trace import Source, Step
from .data import places as _places
from .data.atomic import FileBusy, FileChanged, write_atomic
from .data.os_errors import os_error_words
from .data.params import DECLARATIONS, OVERRIDABLE, Declaration, check_override, check_value
from .data.places import chain, cities_of, cross_province, is_known, place, province_of
from .data.places import search as search_regions, suggest as suggest_regions
from .data.policy import (
    CONFIDENCES,
    NEEDS_VERIFY,
    ParamValue,
    PolicyConflict,
    PolicyError,
    RegionData,
    all_regions,
    check_user_regions,
    covered_by,
    data_regions,
    has_data,
    install_user_region,
    lookup as figure_lookup,
    parse_region_file,
    region_data,
    source_title_en,
    sourcing,
    user_folder,
    reload as reload_policy,
    user_region_data,
    user_region_now,
    user_regions,
    UserFileBroken,
    write_user_region,
)
from .data.userdirs import user_cache_path, user_data_path
from .evaluation.compare import (
    ESTIMATE_FLAGS,
    FACTS,
    KINDS as SCENARIO_KINDS,
    Comparison,
    Result,
    Scenario,
    ScenarioError,
    compare,
    rank_regions,
    regions_to_dict,
    stop_curve,
)
from .evaluation.coverage import Coverage, coverage
from .evaluation.evaluate import evaluate
from .evaluation.questions import questions, unknown_figures
from .evaluation.report import Report
from .evaluation.warnings import ProfileWarning, compute as compute_warnings
from .profile.errors import ProfileError
from .profile.files import (
    FileStamp,
    ProfileConflict,
    dump_profile,
    file_stamp,
    make_private_dirs,
    permission_warning,
    profile_tables,
    rename_profile,
)
from .profile.model import (
    INSURANCES,
    KINDS,
    MEDICAL,
    MODES,
    SEXES,
    STATUSES,
    Account,
    Period,
    Person,
    Plans,
    Profile,
)
from .profile.parse import NAME_MAX
from .rules.counting import months_before
from .rules.decisions import BY_KEY as DECISIONS_BY_KEY, DECISIONS
from .rules.outcome import Option, Outcome
from .rules.profiles import load_profile, load_profile_stamped, parse_profile, save_profile, save_profile_stamped

__version__ = "0.1.0"


def __getattr__(name: str):
    """``REGION_IDS``: every known region id, read as the data files are now (the registry's)."""
    if name == "REGION_IDS":
        return _places.ids()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Account", "CONFIDENCES", "COUNTRY_CODES", "Comparison", "Coverage", "DECISIONS", "DECISIONS_BY_KEY", "DECLARATIONS", "Decision",
    "Declaration", "source_title_en", "unknown_figures", "ESTIMATE_FLAGS", "FACTS", "FileBusy", "FileChanged", "FileStamp", "PolicyConflict", "UserFileBroken", "reload_policy", "rename_profile", "user_region_now", "INSURANCES", "KINDS", "MEDICAL", "MODES",
    "Month", "NAME_MAX", "NEEDS_VERIFY", "OVERRIDABLE", "Option", "Outcome", "ParamValue", "Period", "Person",
    "Plans", "PolicyError", "Profile", "ProfileConflict", "ProfileError", "ProfileWarning", "REGION_IDS",
    "RegionData", "Report", "Result", "SCENARIO_KINDS", "SEXES", "STATUSES", "Scenario", "ScenarioError", "Source",
    "Step", "all_regions", "as_month", "chain", "check_override", "check_user_regions", "check_value", "cities_of",
    "compare", "compute_warnings", "coverage", "covered_by", "cross_province", "data_regions", "dump_profile",
    "evaluate", "file_stamp", "has_data", "install_user_region", "is_known", "load_profile", "load_profile_stamped",
    "make_private_dirs", "months_before", "os_error_words", "parse_profile", "parse_region_file",
    "figure_lookup", "permission_warning", "place", "profile_tables", "province_of", "questions", "rank_regions", "region_data",
    "regions_to_dict", "save_profile", "save_profile_stamped", "search_regions", "sourcing", "stop_curve",
    "suggest_regions", "user_cache_path", "user_data_path", "user_folder", "user_region_data", "user_regions",
    "write_atomic", "write_user_region",
]
