import sqlite3

import pytest

from newsledger.gazetteer import build as gazetteer_build


class _TinyWriter:
    def __init__(self, conn, *, min_population):
        self.conn = conn

    def write(self):
        self.conn.execute(
            "INSERT INTO place (id, name, feature, country, lat, lon) VALUES (1, 'Testville', 'city', 'ZZ', 1.0, 2.0)"
        )
        self.conn.execute("INSERT INTO name VALUES ('testville', 'testville', 'tstvl', 1, 0)")


class _BrokenWriter(_TinyWriter):
    def write(self):
        super().write()
        raise RuntimeError("data package missing")


def test_build_writes_the_index_by_renaming_a_finished_file(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_build, "_GazetteerWriter", _TinyWriter)
    target = tmp_path / "index.sqlite"
    gazetteer_build.build_index(target)
    assert target.exists()
    assert list(tmp_path.glob("*.part")) == []
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT name FROM place").fetchall() == [("Testville",)]
    conn.close()


def test_build_failure_leaves_no_index_and_no_partial_file(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer_build, "_GazetteerWriter", _BrokenWriter)
    target = tmp_path / "index.sqlite"
    with pytest.raises(RuntimeError):
        gazetteer_build.build_index(target)
    assert not target.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_build_if_missing_keeps_an_existing_index(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteer_build, "_GazetteerWriter", _TinyWriter)
    path, seconds = gazetteer_build.ensure_index()
    assert seconds is not None and path.exists()
    stamp = path.stat().st_mtime_ns
    again, seconds_again = gazetteer_build.ensure_index()
    assert again == path and seconds_again is None and path.stat().st_mtime_ns == stamp
    _, forced = gazetteer_build.ensure_index(force=True)
    assert forced is not None


def test_build_province_point_must_lie_inside_its_towns_extent():
    towns = [(30.0, 60.0), (32.0, 62.0), (34.0, 64.0)]
    assert gazetteer_build._inside_extent((32.0, 62.0), towns)
    assert not gazetteer_build._inside_extent((30.1, 62.0), towns)  # on the outer tenth: a town at its edge
    assert not gazetteer_build._inside_extent((39.3, -76.6), towns)  # another continent
    assert not gazetteer_build._inside_extent((32.0, 62.0), [])


def test_build_state_points_are_keyed_by_iso_subdivision_code():
    points = gazetteer_build._state_points()
    lat, lon = points["US-CA"]
    assert 32 < lat < 42 and -125 < lon < -114


def test_build_a_provinces_span_leaves_out_a_few_stray_towns_cut_off_by_a_wide_gap():
    # 100 towns between 116 and 122 E, and two filed under this province by mistake at 100 E.
    spread = [116.0 + 6.0 * i / 99 for i in range(100)]
    assert gazetteer_build._town_span([100.3, 100.7, *spread]) == (116.0, 122.0)
    assert gazetteer_build._span_centre([100.3, 100.7, *spread]) == 119.0
    # A sparse but real edge (few towns spread out to the north) has no such gap and is kept.
    sparse_north = [42.0 + 3.0 * i / 99 for i in range(100)] + [46.0, 48.0, 50.0, 52.0, 54.0]
    assert gazetteer_build._town_span(sparse_north) == (42.0, 54.0)
    # Too few towns to tell a stray from an edge: the whole span.
    assert gazetteer_build._town_span([1.0, 9.0, 9.5, 10.0]) == (1.0, 10.0)


def test_build_a_province_point_beside_stray_towns_is_still_inside_the_extent():
    towns = [(31.0 + 4.0 * i / 99, 116.0 + 6.0 * i / 99) for i in range(100)] + [(33.0, 100.3), (33.0, 100.7)]
    assert gazetteer_build._inside_extent((33.1, 119.8), towns)
