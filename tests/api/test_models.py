from __future__ import annotations

import pytest
from pydantic import ValidationError

from newsledger.api.models import Corrections, ReviewIn
from newsledger.api.review import CORRECTABLE


def test_models_corrections_name_every_correctable_field_and_only_those():
    schema = ReviewIn.model_json_schema()
    assert schema["properties"]["corrections"]["$ref"].endswith("/Corrections")
    fields = schema["$defs"]["Corrections"]["properties"]
    assert tuple(fields) == CORRECTABLE
    assert schema["$defs"]["Corrections"]["additionalProperties"] is False


def test_models_corrections_keep_only_the_fields_sent_and_clear_blank_numbers():
    sent = ReviewIn.model_validate({"action": "correct", "corrections": {"fatalities": "", "location": None}})
    assert sent.corrections.model_dump(exclude_unset=True) == {"fatalities": None, "location": None}
    assert ReviewIn.model_validate({"action": "confirm"}).corrections.model_dump(exclude_unset=True) == {}
    assert Corrections.model_validate({"lat": "12.5", "fatalities": "7"}).model_dump(exclude_unset=True) == {
        "lat": 12.5,
        "fatalities": 7,
    }


def test_models_corrections_refuse_an_unknown_field_and_a_wrong_kind():
    with pytest.raises(ValidationError) as unknown:
        Corrections.model_validate({"pk": 5})
    assert unknown.value.errors()[0]["loc"] == ("pk",)
    with pytest.raises(ValidationError) as wrong:
        Corrections.model_validate({"fatalities": "many"})
    assert wrong.value.errors()[0]["loc"][0] == "fatalities"
