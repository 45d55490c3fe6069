"""Typed readers for environment variables.

Every setting that may differ between a laptop and production is read here, and a bad value stops start-up
with a message that names the variable, instead of a surprise later.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(RuntimeError):
    """An environment variable holds a value Knutpunkt cannot use."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from error
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """Where the embedded database and uploaded files live.

    KNUTPUNKT_DATA_DIR when set; otherwise the per-user data folder ($XDG_DATA_HOME/knutpunkt, which defaults to
    ~/.local/share/knutpunkt), so that a demo never writes into the source tree.
    """
    configured = os.environ.get("KNUTPUNKT_DATA_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "knutpunkt"
