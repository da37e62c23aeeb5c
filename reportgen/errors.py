"""The one project exception family: failures that stop a whole run."""


class ReportgenError(Exception):
    """A failure that stops the run; its message is Chinese and meant for the clerk."""


class ConfigError(ReportgenError):
    """The year's reportgen.toml (or an option) is wrong; nothing is written."""


class UsageError(ReportgenError):
    """A command was called with paths or values that cannot work."""


class TemplateError(ReportgenError):
    """A document template cannot be rendered; the message names the template and where."""
