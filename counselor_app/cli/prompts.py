"""Asking for secrets. Passwords never come from the command line: from a prompt, or from an
environment variable for scripted use (``COUNSELOR_PASSWORD``, ``COUNSELOR_NEW_PASSWORD``,
``COUNSELOR_RECOVERY_KEY``)."""

from __future__ import annotations

import getpass
import os
import sys

from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import Message, msg

PASSWORD_ENV = "COUNSELOR_PASSWORD"
NEW_PASSWORD_ENV = "COUNSELOR_NEW_PASSWORD"
RECOVERY_KEY_ENV = "COUNSELOR_RECOVERY_KEY"

NO_TERMINAL = msg(
    "需要输入{what}，但没有可输入的终端。脚本使用时请设置环境变量 {variable}。",
    "{what} is needed but there is no terminal to type it. For scripts, set {variable}.",
)
NO_TERMINAL_OPTION = msg(
    "需要输入{what}，但没有可输入的终端。脚本使用时请用选项 {option} 给出。",
    "{what} is needed but there is no terminal to type it. For scripts, give it with {option}.",
)
MISMATCH = msg(
    "两次输入的密码不一致，什么都没有改动。", "The two passwords differ; nothing was changed."
)
USER_PASSWORD = msg("{user} 的密码", "{user}'s password")
NEW_PASSWORD = msg("新密码", "New password")
REPEAT = msg("再输入一次新密码", "Repeat the new password")
RECOVERY_KEY = msg("恢复密钥", "Recovery key")


def ask(
    prompt: Message, *, env: str | None = None, option: str | None = None, secret: bool = True
) -> str:
    """From the environment variable ``env`` when set, else from the terminal (hidden when
    ``secret``); without a terminal, say which variable or option a script should use."""
    if env is not None and os.environ.get(env) is not None:
        return os.environ[env]
    if not sys.stdin or not sys.stdin.isatty():
        if env is not None:
            raise UsageError(NO_TERMINAL(what=prompt.render(), variable=env))
        raise UsageError(NO_TERMINAL_OPTION(what=prompt.render(), option=option or "?"))
    return getpass.getpass(f"{prompt}: ") if secret else input(f"{prompt}: ")


def _ask(prompt: Message, variable: str) -> str:
    return ask(prompt, env=variable)


def ask_password(user: str) -> str:
    return _ask(USER_PASSWORD(user=user), PASSWORD_ENV)


def ask_new_password() -> str:
    if os.environ.get(NEW_PASSWORD_ENV) is not None:
        return os.environ[NEW_PASSWORD_ENV]
    first = _ask(NEW_PASSWORD, NEW_PASSWORD_ENV)
    if _ask(REPEAT, NEW_PASSWORD_ENV) != first:
        raise UsageError(MISMATCH)
    return first


def ask_recovery_key() -> str:
    return _ask(RECOVERY_KEY, RECOVERY_KEY_ENV)
