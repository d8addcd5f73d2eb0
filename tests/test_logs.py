import logging

from rltf.logs import warn_once


def test_warn_once_logs_each_kind_once_per_logger(caplog):
    a, b = logging.getLogger("rltf.test_logs.a"), logging.getLogger("rltf.test_logs.b")
    with caplog.at_level(logging.WARNING):
        for i in range(3):
            warn_once(a, "mask", f"first mask {i}")
            warn_once(a, "KeyError", f"first key {i}")
            warn_once(b, "mask", f"other logger {i}")
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == ["first mask 0", "first key 0", "other logger 0"]
    assert all("counted, not logged" in r.getMessage() for r in caplog.records)
