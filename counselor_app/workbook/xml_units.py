"""Streaming a workbook's XML parts: the big ones (sheets, shared strings) one unit at a time, the
others once through to check their shape before openpyxl reads them into a whole tree.

A unit is a sheet's ``<row>`` or a shared string's ``<si>``: it is handed over as a small
ElementTree element, so openpyxl's own code can read it exactly as it would, and is then dropped.
Everything outside units is only counted. Unlike openpyxl's reader this holds at most one unit and
one read-ahead chunk in memory, however the part is shaped, and it refuses what no spreadsheet
program writes:

- a document type declaration (``<!DOCTYPE``), the only way to declare entities: no entity
  expansion ("billion laughs"), no external entity, whatever the version of the expat library;
- nesting deeper than the limit, a unit with too many elements, or more elements in all than the
  limit.

Chunks are large because expat before 2.6 rescans an unfinished token at every chunk it is fed: a
10 MB attribute fed in 16 KiB chunks costs seconds, fed in 4 MiB chunks nothing.
"""

from __future__ import annotations

import xml.parsers.expat as expat
from collections.abc import Iterator
from dataclasses import replace
from typing import IO
from xml.etree.ElementTree import Element, SubElement

from counselor_app.foundation.i18n import Message, msg
from counselor_app.workbook.package_limits import Limits

CHUNK_BYTES = 4 * 1024 * 1024

DTD_FOUND = msg(
    "含有 Excel 从不写入的文档类型声明（DOCTYPE）",
    "it holds a document type declaration (DOCTYPE), which Excel never writes",
)
TOO_DEEP = msg("XML 嵌套超过 {limit} 层", "its XML is nested more than {limit} levels deep")
UNIT_TOO_BIG = msg(
    "一行或一段文本中有超过 {limit} 个 XML 元素",
    "one row or text holds more than {limit} XML elements",
)


class XmlRefused(Exception):
    """The part is not something a spreadsheet program writes; ``reason`` says why."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.render("en"))
        self.reason = reason


class TooManyNodes(Exception):
    """More XML elements than the limit: too much to read, not necessarily damaged."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} XML elements")
        self.limit = limit


class NodeCount:
    """XML elements streamed so far, across the parts of one workbook."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.seen = 0


def iter_units(source: IO[bytes], container: str, unit: str, count: NodeCount) -> Iterator[Element]:
    """Each ``unit`` element directly inside a ``container`` element (tags in ``{namespace}name``
    form), complete with its children and text, in document order."""
    limits = count.limits
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    ready: list[Element] = []
    open_elements: list[Element] = []  # the unit being read and its open descendants
    texts: list[list[str]] = []  # the text pieces of each open element
    depth = 0
    container_depth = -1  # the depth of the open container, if any
    unit_nodes = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth, container_depth, unit_nodes
        depth += 1
        count.seen += 1
        if depth > limits.xml_depth:
            raise XmlRefused(TOO_DEEP(limit=limits.xml_depth))
        if count.seen > limits.xml_nodes:
            raise TooManyNodes(limits.xml_nodes)
        tag = "{" + name if "}" in name else name
        if not open_elements and not (tag == unit and depth == container_depth + 1):
            if tag == container and container_depth < 0:
                container_depth = depth
            return  # outside every unit: counted, never kept
        if any("}" in key for key in attributes):  # xml:space and the like, as ElementTree has them
            attributes = {("{" + k if "}" in k else k): v for k, v in attributes.items()}
        if open_elements:
            unit_nodes += 1
            if unit_nodes > limits.row_nodes:
                raise XmlRefused(UNIT_TOO_BIG(limit=limits.row_nodes))
            element = SubElement(open_elements[-1], tag, attributes)
        else:
            unit_nodes = 1
            element = Element(tag, attributes)
        open_elements.append(element)
        texts.append([])

    def end(name: str) -> None:
        nonlocal depth, container_depth
        if depth == container_depth:
            container_depth = -1
        depth -= 1
        if not open_elements:
            return
        element = open_elements.pop()
        pieces = texts.pop()
        if pieces:
            # Joined once: text arrives in pieces, and adding them one by one is quadratic.
            element.text = "".join(pieces)
        if not open_elements:
            ready.append(element)

    def text(data: str) -> None:
        if texts:
            texts[-1].append(data)

    def refuse_dtd(*_: object) -> None:
        raise XmlRefused(DTD_FOUND)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    while True:
        data = source.read(CHUNK_BYTES)
        parser.Parse(data, not data)
        yield from ready
        ready.clear()
        if not data:
            return


def check_shape(source: IO[bytes], limits: Limits) -> None:
    """Refuse a part openpyxl is about to read into a whole tree if it is not shaped like what
    Excel writes: a DOCTYPE, nesting deeper than the limit, more elements than ``part_nodes``."""
    count = NodeCount(replace(limits, xml_nodes=limits.part_nodes))
    for _ in iter_units(source, "", "", count):  # no unit: every element is only counted
        pass
