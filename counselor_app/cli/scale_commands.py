"""``screening scales``: the scales this school can give, and a check of the school's own files.

Listing needs no password: scale files hold no student data. A malformed file in the school's
``scales`` folder is refused with its line (exit code 3), the same refusal every screening meets.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from counselor_app.cli.commands import school_paths
from counselor_app.foundation.i18n import msg
from counselor_app.screening.scales import Scale, school_scales

HEADING = msg("id\t名称\t题数\t中文措辞\t许可", "id\tname\titems\tChinese wording\tlicence")
ROW = msg(
    "{id}\t{name}\t{items}\t{chinese}\t{licence}", "{id}\t{name}\t{items}\t{chinese}\t{licence}"
)
ITEMS_SOME_UNSCORED = msg("{items}（计分 {scored}）", "{items} ({scored} scored)")
YES = msg("有", "yes")
NO = msg("无（学生作答时显示英文）", "no (students see the English)")
SCHOOL_FOLDER = msg(
    "学校自备的量表（须持有使用许可）：把量表文件（.toml）复制到 {path}",
    "A school's own scales (it must hold a licence): copy the scale file (.toml) into {path}",
)


def add_scale_parsers(screening_subparsers: Any, t: Callable[[str, str], str]) -> None:
    """Declare ``screening scales`` in the ``screening`` command group."""
    p = screening_subparsers.add_parser(
        "scales",
        help=t(
            "列出可用的量表（含学校自备的），检查学校的量表文件",
            "list the scales (the school's own too) and check the school's scale files",
        ),
    )
    p.set_defaults(handler=cmd_screening_scales)


def cmd_screening_scales(args: argparse.Namespace) -> int:
    paths = school_paths(args)
    library = school_scales(paths)
    print(HEADING.render())
    for scale in library.scales:
        print(_row(scale))
    print()
    print(SCHOOL_FOLDER(path=str(paths.scales)).render())
    return 0


def _row(scale: Scale) -> str:
    scored = sum(1 for item in scale.items if item.scored)
    items = (
        str(len(scale.items))
        if scored == len(scale.items)
        else ITEMS_SOME_UNSCORED(items=len(scale.items), scored=scored).render()
    )
    chinese = (YES if scale.has_chinese_wording else NO).render()
    return ROW(
        id=scale.id, name=scale.name, items=items, chinese=chinese, licence=scale.licence
    ).render()
