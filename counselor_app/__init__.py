"""Counselor Desk (心理辅导工作台): records, self-check and district reports for a school counsellor.

This package and everything below it, except ``counselor_app.ui``, is plain Python and never imports Qt.
"""

__version__ = "0.1.0"

import logging as _logging

# A library's warnings are not the user's messages: without this, Python prints them to stderr in
# English in the middle of a command's output. Programs that want them add a handler.
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
