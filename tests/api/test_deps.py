from __future__ import annotations

import pytest
from fastapi import HTTPException

from newsledger.api.deps import bool_param, existing
from newsledger.errors import NotFound


def test_deps_existing_gives_the_record_or_not_found_naming_it():
    assert existing({"pk": 3}, "event 3") == {"pk": 3}
    assert existing(0, "count") == 0  # a falsy record is still a record
    with pytest.raises(NotFound, match=r"^no event 3$"):
        existing(None, "event 3")


def test_deps_bool_param_reads_the_usual_spellings_and_refuses_others():
    assert [bool_param(v) for v in (None, "", "true", "On", "0", "no")] == [None, None, True, True, False, False]
    with pytest.raises(HTTPException) as refused:
        bool_param("maybe")
    assert refused.value.status_code == 422
