"""The two-year screening school, for every test of the screening printouts."""

from tests.core.screening_printouts.print_school import (  # noqa: F401  (fixtures)
    facts,
    print_folder,
    print_school,
    print_template,
)
