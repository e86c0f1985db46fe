"""The scales a school scores with: the shipped files and those it copied into its own folder."""

from __future__ import annotations

from counselor_app.school.core import School
from counselor_app.screening.scales import ScaleLibrary, school_scales


def scale_library(school: School) -> ScaleLibrary:
    """The shipped scales and those the school copied into the ``scales`` folder of its data
    folder (a malformed one is refused with its line)."""
    return school_scales(school.paths)
