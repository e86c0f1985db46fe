"""Questions and notices for the person at the screen: the one way to ask yes or no.

Every yes/no question goes through :func:`ask`, every notice that must be read before going on
through :func:`inform`, :func:`warn` or :func:`alarm`. Nothing else in the program opens a
``QMessageBox``.

Tests answer in advance (as KeePassXC's ``MessageBox::setNextAnswer`` does): :func:`replace_boxes`
puts a stand-in for the message boxes for the whole program, so a page, a dialog or the lock
manager is tested without a box ever waiting for a click. ``tests/ui/conftest.py`` has the fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

# Windows shown while locked by the lock itself carry this property (the lock screen, the lock
# manager's own questions); any other window that appears while locked is closed at once.
ALLOWED_WHILE_LOCKED = "allowedWhileLocked"


#: The icons a box may show (so callers need not import QMessageBox).
Icon = QMessageBox.Icon


@dataclass(frozen=True)
class Question:
    """A yes/no question; ``yes`` and ``no`` are the buttons' words."""

    title: str
    text: str
    yes: str
    no: str
    details: str = ""  # a second, smaller paragraph
    yes_by_default: bool = False  # the Enter key answers yes (else no: a slip changes nothing)
    while_locked: bool = False  # stays open on the lock screen
    icon: QMessageBox.Icon = Icon.Question  # Information: a choice of where to go, not a doubt


@dataclass(frozen=True)
class Notice:
    """Something to read; ``wait``: the program goes on only once it was closed."""

    icon: QMessageBox.Icon
    title: str
    text: str
    details: str = ""
    wait: bool = True
    button: str = ""  # the one button's words; "" for the standard OK


class Boxes(Protocol):
    """What shows questions and notices: message boxes, or a test's stand-in."""

    def ask(self, parent: QWidget | None, question: Question) -> bool: ...

    def tell(self, parent: QWidget | None, notice: Notice) -> None: ...


class MessageBoxes:
    """The real thing: message boxes, each run by ``run`` (``exec``; a screenshot script passes
    one that photographs the box and answers it)."""

    def __init__(self, run: Callable[[QMessageBox], object] = QMessageBox.exec) -> None:
        self._run = run

    def ask(self, parent: QWidget | None, question: Question) -> bool:
        box = QMessageBox(question.icon, question.title, question.text, parent=parent)
        if question.while_locked:
            box.setProperty(ALLOWED_WHILE_LOCKED, True)
        if question.details:
            box.setInformativeText(question.details)
        yes = box.addButton(question.yes, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(question.no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes if question.yes_by_default else no)
        self._run(box)
        return box.clickedButton() is yes

    def tell(self, parent: QWidget | None, notice: Notice) -> None:
        box = QMessageBox(notice.icon, notice.title, notice.text, parent=parent)
        if notice.button:
            box.addButton(notice.button, QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
        if notice.details:
            box.setInformativeText(notice.details)
        # An error's words can be copied into a message to whoever helps.
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if notice.wait:
            self._run(box)
        else:
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()


class AnswerAll:
    """Answers every question with ``answer`` and shows no notice: for scripts that drive the
    program unattended (the screenshot tools)."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer

    def ask(self, parent: QWidget | None, question: Question) -> bool:
        return self.answer

    def tell(self, parent: QWidget | None, notice: Notice) -> None:
        pass


_boxes: Boxes = MessageBoxes()


def replace_boxes(boxes: Boxes) -> Boxes:
    """Put ``boxes`` in place of the message boxes (tests, scripts); returns what was there."""
    global _boxes
    previous, _boxes = _boxes, boxes
    return previous


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    yes: str | None = None,
    no: str | None = None,
    details: str = "",
    yes_by_default: bool = False,
    while_locked: bool = False,
    icon: QMessageBox.Icon = Icon.Question,
) -> bool:
    """Yes or no: ``True`` only if the person chose ``yes`` (确定 unless given; ``no`` is 取消
    unless given). See :class:`Question` for the rest."""
    return _boxes.ask(
        parent,
        Question(
            title,
            text,
            yes if yes is not None else QCoreApplication.translate("Questions", "确定"),
            no if no is not None else QCoreApplication.translate("Questions", "取消"),
            details,
            yes_by_default,
            while_locked,
            icon,
        ),
    )


def inform(
    parent: QWidget | None, title: str, text: str, *, details: str = "", wait: bool = True
) -> None:
    """A message that must be read before going on (after a restore, say); with ``wait=False``
    shown without waiting for it to be closed (what happened while the program was locked)."""
    _boxes.tell(parent, Notice(QMessageBox.Icon.Information, title, text, details, wait))


def warn(
    parent: QWidget | None, title: str, text: str, *, details: str = "", button: str = ""
) -> None:
    """Something did not happen as asked (a file not written, a change not saved); ``button``
    the words of its one button (OK unless given)."""
    _boxes.tell(parent, Notice(QMessageBox.Icon.Warning, title, text, details, True, button))


def alarm(parent: QWidget | None, title: str, text: str) -> None:
    """The program cannot go on as asked (no school found, an unexpected error)."""
    _boxes.tell(parent, Notice(QMessageBox.Icon.Critical, title, text))
