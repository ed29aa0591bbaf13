"""医保参谋 (yibao): the command line and the terminal app over the engine."""
