from __future__ import annotations

import pickle
import re

from newsledger.errors import ErrorMessage, Errors, InputError, NewsledgerError, code_of

CODES = [name for name in vars(Errors) if re.fullmatch(r"E\d{3}", name)]


def test_each_message_is_written_without_its_number_and_read_with_it():
    assert len(CODES) > 20
    for code in CODES:
        written = vars(Errors)[code]
        assert not written.startswith("["), code
        read = getattr(Errors, code)
        assert read == f"[{code}] {written}" and read.code == code


def test_a_formatted_or_extended_message_keeps_its_code():
    message = Errors.E002.format(size=30, limit=20)
    assert message == "[E002] file is 30 bytes, over the limit of 20 bytes (see --max-bytes)"
    assert message.code == "E002"
    assert (Errors.E007 + " (ParserError)").code == "E007"
    assert pickle.loads(pickle.dumps(message)).code == "E002"


def test_errors_carry_the_code_of_their_message():
    error = InputError("a.txt", Errors.E001)
    assert (error.code, str(error)) == ("E001", "a.txt: [E001] file is empty")
    assert pickle.loads(pickle.dumps(error)).code == "E001"
    assert InputError("a.txt", "no reason given").code == "E000"
    assert InputError("a.txt", "read back", code="E103").code == "E103"
    assert NewsledgerError(Errors.E302.format(found="0001", needed="0004")).code == "E302"
    assert NewsledgerError("plain").code == "E000"


def test_code_of_is_never_read_out_of_the_text():
    assert code_of(Errors.E101.format(name="X", reason="y")) == "E101"
    assert code_of(ErrorMessage("E705", "anything")) == "E705"
    assert code_of(str(Errors.E101.format(name="X", reason="y"))) == "E000"  # only the text: the number is lost
