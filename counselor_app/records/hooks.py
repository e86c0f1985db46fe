"""The per-type steps the catalogue declares on its specs (``RecordSpec.hooks``).

Each runs inside the record service's write; none checks a value (that is ``validation``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from counselor_app.storage.database import Database


def session_entered_today(values: dict[str, Any], today: dt.date) -> None:
    """A session typed in now was entered today. An imported session's entry date is what its
    row says, and unknown (NULL) when the row is silent: bulk writes do not come here."""
    if not values.get("entered_on"):
        values["entered_on"] = today.isoformat()


def student_search_keys(db: Database, record_id: int, clean: Mapping[str, Any]) -> None:
    """Keep the pinyin a student is found by in step with the name."""
    from counselor_app.students.search import search_keys

    db.execute(
        "UPDATE student SET search_keys = ? WHERE id = ?", (search_keys(clean["name"]), record_id)
    )
