"""医保参谋 (yibao): the command line and the terminal app over the engine."""

from profiles import FOLDER as BUNDLED_DIR  # the worked examples shipped with the program
