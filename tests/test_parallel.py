"""How batch research spreads hosts over processes."""

from __future__ import annotations

import sys

import pytest

from infoview.research.parallel import HOSTS_PER_PROCESS, _split, choose_processes

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@linux
def test_few_hosts_stay_in_one_process():
    assert choose_processes(None, HOSTS_PER_PROCESS - 1) == 1


@linux
def test_processes_asked_for_are_capped_by_the_hosts():
    assert choose_processes(4, 2) == 2
    assert choose_processes(1, 50) == 1


def test_hosts_are_dealt_so_processes_get_similar_work():
    groups = [["a1", "a2", "a3", "a4"], ["b1"], ["c1", "c2"], ["d1", "d2"], ["e1"]]
    shares = _split(groups, 2)
    sizes = sorted(sum(len(g) for g in share) for share in shares)
    assert sizes == [5, 5]
    assert sorted(url for share in shares for g in share for url in g) == sorted(
        url for g in groups for url in g)


def test_a_host_is_never_split_between_processes():
    shares = _split([["a1", "a2", "a3"], ["b1"]], 4)
    assert len(shares) == 2 and ["a1", "a2", "a3"] in shares[0] + shares[1]
