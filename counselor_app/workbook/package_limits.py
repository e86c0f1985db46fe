"""How much of a workbook we agree to read, measured before each part of it is unpacked.

An ``.xlsx`` file is a zip of XML parts, and a broken or hostile one can hold a part that unpacks to
gigabytes, thousands of sheets, or a sheet that claims a million rows. openpyxl would try to read
them all. The limits below sit a little above the largest workbook a school really has (a big
school's records over ten years: sheets of up to ~200,000 rows, ~80 MB of XML, read in ~20 s), so a
hostile file costs at most what the largest real one does and is refused with a message that says
what is wrong and where, before the database is touched.

Sizes come from the zip's directory, and that is reliable: Python's zipfile never hands out more
bytes than a part declares and rejects a part whose content does not match its checksum, so a part
that lies about its size fails as damaged instead of growing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Literal

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message, msg

MIB = 1024 * 1024
# Excel's own limits: a file beyond them was not written by Excel.
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
EXCEL_CELL_TEXT = 32_767


@dataclass(frozen=True)
class Limits:
    """What one workbook may hold; the defaults are for real schools, tests pass smaller ones."""

    big_part_bytes: int = 128 * MIB  # one sheet's XML, or the shared strings, unpacked
    # Any other part read: workbook, styles, relationships. Excel's 64,000 cell formats fill
    # about 10 MB of styles; workbooks bloated by copying between files come near that.
    part_bytes: int = 32 * MIB
    total_bytes: int = 256 * MIB  # every part read, together
    # Unpacked ÷ packed, for parts over 1 MiB: Excel's XML packs 5–20 times, a sheet of one row
    # repeated 100,000 times 17 times; a "zip bomb" of one byte repeated packs about 1,000 times.
    ratio: int = 100
    parts: int = 10_000  # files in the zip
    sheets: int = 500
    strings: int = 1_000_000  # shared strings
    rows: int = 200_000  # data rows of one sheet
    columns: int = 256  # header columns of one sheet
    cells: int = 12_000_000  # cells read or kept, all sheets together
    xml_nodes: int = 40_000_000  # XML elements streamed, all parts together
    # XML elements of one of the other parts, which openpyxl reads into a whole tree (about 300
    # bytes an element): the styles of 64,000 cell formats hold some 400,000.
    part_nodes: int = 1_000_000
    xml_depth: int = 64  # a sheet nests 7 deep, its extensions a few more
    row_nodes: int = 200_000  # XML elements in one row (16,384 cells of a few elements each)


LIMITS = Limits()
_RATIO_FLOOR = MIB

TOO_MANY_PARTS = msg(
    "{path} 由 {count} 个文件组成，超过上限 {limit} 个，不像是 Excel 或 WPS 保存的工作簿，没有读取。"
    "请在 Excel 中打开它，把需要导入的表复制到“生成模板”得到的文件里再导入。",
    "{path} is made of {count} files, more than the {limit} a workbook saved by Excel or WPS has; "
    "it was not read. Open it in Excel, copy the sheets to import into the file the template "
    "command wrote, and import that.",
)
PART_TOO_BIG = msg(
    "{path} 中的{part}解压后有 {size} MB，超过本程序读取的上限 {limit} MB，没有读取。学校数据的工作簿"
    "不会这么大：文件可能已损坏或被改动过。请在 Excel 中打开核对、删去无关的内容后另存，"
    "或分成几个工作簿分批导入。",
    "In {path}, {part} unpacks to {size} MB, more than the {limit} MB this program reads; it "
    "was not read. A school's workbook is never this big: the file may be damaged or tampered "
    "with. Check it in Excel, delete what does not belong and save it again, or split it into "
    "several workbooks and import them one by one.",
)
TOTAL_TOO_BIG = msg(
    "{path} 解压后超过 {limit} MB，超过本程序读取的上限，没有读取。请分成几个工作簿分批导入。",
    "{path} unpacks to more than {limit} MB, more than this program reads; it was not read. "
    "Split it into several workbooks and import them one by one.",
)
PART_PACKED_TOO_TIGHT = msg(
    "{path} 中的{part}解压后是压缩时的 {ratio} 倍，Excel 保存的文件不会压缩得这样紧密"
    "（这是“压缩炸弹”的特征），没有读取。请使用 Excel 或 WPS 保存的原始文件。",
    "In {path}, {part} unpacks to {ratio} times its packed size; files saved by Excel are never "
    "packed this tightly (the mark of a 'zip bomb'), so it was not read. Use the original file "
    "saved by Excel or WPS.",
)
A_PART = msg("部件 {name}", "the part {name}")
A_SHEET = msg("“{sheet}”表", "the sheet '{sheet}'")
SHARED_STRINGS_PART = msg("共享文本表（{name}）", "the shared text table ({name})")


@dataclass
class PartNames:
    """What a part is to a person (a sheet's title), and which parts may be big."""

    described: dict[str, Message] = field(default_factory=dict)
    big: set[str] = field(default_factory=set)

    def describe(self, name: str) -> Message:
        return self.described.get(name, A_PART(name=name))


class GuardedArchive(zipfile.ZipFile):
    """A workbook's zip whose every part is measured, from the zip's directory, before openpyxl or
    this program unpacks it; too many files, too big a part, too big a whole, or a part packed
    like a zip bomb is refused as :class:`InvalidInput`. A part that is not one of the big ones is
    also given to ``check`` (if set) before it is handed out: openpyxl reads those whole."""

    check: Callable[[IO[bytes]], None] | None = None

    def __init__(self, file: IO[bytes], label: str, limits: Limits = LIMITS) -> None:
        super().__init__(file)
        self.label = label
        self.limits = limits
        self.names = PartNames()
        self.unpacked = 0
        if len(self.filelist) > limits.parts:
            raise InvalidInput(
                TOO_MANY_PARTS(path=label, count=len(self.filelist), limit=limits.parts)
            )

    def open(
        self,
        name: str | zipfile.ZipInfo,
        mode: Literal["r", "w"] = "r",
        pwd: bytes | None = None,
        *,
        force_zip64: bool = False,
    ) -> IO[bytes]:
        if mode == "r":
            info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
            self._admit(info)
            if self.check is not None and info.filename not in self.names.big:
                with super().open(info, pwd=pwd) as source:
                    self.check(source)
        return super().open(name, mode, pwd, force_zip64=force_zip64)

    def _admit(self, info: zipfile.ZipInfo) -> None:
        limits = self.limits
        limit = limits.big_part_bytes if info.filename in self.names.big else limits.part_bytes
        part = self.names.describe(info.filename)
        if info.file_size > limit:
            raise InvalidInput(
                PART_TOO_BIG(
                    path=self.label, part=part, size=_megabytes(info.file_size), limit=limit // MIB
                )
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.ratio * info.compress_size:
            ratio = info.file_size // max(info.compress_size, 1)
            raise InvalidInput(PART_PACKED_TOO_TIGHT(path=self.label, part=part, ratio=ratio))
        self.unpacked += info.file_size
        if self.unpacked > limits.total_bytes:
            raise InvalidInput(TOTAL_TOO_BIG(path=self.label, limit=limits.total_bytes // MIB))


def _megabytes(size: int) -> str:
    return f"{size / MIB:,.0f}"
