"""reportgen: tally and official documents for the exit of backward production capacity."""

__version__ = "0.1.0"
