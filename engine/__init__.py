"""医保参谋 engine: profiles in, traced reports out. Pure, no clock, no terminal (never imports textual).

    from engine import ProfileError, evaluate, load_profile, parse_profile, save_profile
"""

from .model import Account, Period, Person, Plans, Profile
from .months import Month
from .profile import ProfileError, dump_profile, load_profile, parse_profile, save_profile
from .profile import FileStamp, ProfileConflict, file_stamp
from .evaluate import evaluate
from .compare import compare  # noqa: F401 - issue 9: compare(profile, scenarios, as_of)
from .report import Option, Outcome, Report

__version__ = "0.1.0"

__all__ = [
    "Account", "Month", "Option", "Outcome", "Period", "Person", "Plans", "Profile", "ProfileError", "Report",
    "dump_profile", "evaluate", "FileStamp", "ProfileConflict", "file_stamp", "load_profile", "parse_profile", "save_profile",
]
