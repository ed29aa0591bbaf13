"""医保参谋 engine: profiles in, traced reports out. Pure, no clock, no terminal (never imports textual).

    from engine import ProfileError, evaluate, load_profile, parse_profile, save_profile
"""

from . import _msgspec_import  # noqa: F401  (first: see there)
from .profile.model import Account, Period, Person, Plans, Profile
from .core.months import Month
from .profile.errors import ProfileError
from .profile.files import FileStamp, ProfileConflict, dump_profile, file_stamp, load_profile_stamped, make_private_dirs, permission_warning, profile_tables, save_profile_stamped
from .profile.parse import NAME_MAX
from .rules.profiles import load_profile, parse_profile, save_profile
from .evaluation.evaluate import evaluate
from .evaluation.report import Option, Outcome, Report

__version__ = "0.1.0"


def compare(profile, scenarios, as_of):
    """The person's choices side by side (``engine.compare.compare``; loaded when first used, not at start-up)."""
    from .evaluation.compare import compare as run

    return run(profile, scenarios, as_of)


__all__ = [
    "Account", "Month", "Option", "Outcome", "Period", "Person", "Plans", "Profile", "ProfileError", "Report",
    "compare", "dump_profile", "evaluate", "FileStamp", "ProfileConflict", "file_stamp", "load_profile", "parse_profile", "save_profile",
]
