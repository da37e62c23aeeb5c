"""The one project exception family: failures that stop a whole run; and the causes of system errors in Chinese."""
import errno


class ReportgenError(Exception):
    """A failure that stops the run; its message is Chinese and meant for the clerk."""


class ConfigError(ReportgenError):
    """The year's reportgen.toml (or an option) is wrong; nothing is written."""


class UsageError(ReportgenError):
    """A command was called with paths or values that cannot work."""


class TemplateError(ReportgenError):
    """A document template cannot be rendered; the message names the template and where."""


_OS_REASONS = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
               errno.EEXIST: "已有同名的文件", errno.ENOSPC: "磁盘空间不足", errno.EROFS: "该位置只读",
               errno.ENAMETOOLONG: "路径太长", errno.ENOENT: "不存在", errno.EBUSY: "正被其他程序使用",
               errno.EISDIR: "这是一个文件夹，不是文件", errno.ELOOP: "链接循环"}


def os_reason(exc: OSError) -> str:
    """An OSError's cause in Chinese (the system's own words only when it is none of the usual ones)."""
    return _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
