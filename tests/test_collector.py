import gc

from builder.common.collector import THRESHOLDS, fewer_collections


def test_thresholds_are_raised_inside_and_the_hosts_come_back_after():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == THRESHOLDS
            with fewer_collections():
                assert gc.get_threshold() == THRESHOLDS
            assert gc.get_threshold() == THRESHOLDS
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_a_host_that_already_collects_less_often_keeps_its_policy():
    before = gc.get_threshold()
    try:
        gc.set_threshold(100_000, 5, 5_000)
        with fewer_collections():
            assert gc.get_threshold() == (100_000, 50, 5_000)
    finally:
        gc.set_threshold(*before)


def test_thresholds_come_back_when_the_block_fails():
    before = gc.get_threshold()
    try:
        with fewer_collections():
            raise RuntimeError("build failed")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
