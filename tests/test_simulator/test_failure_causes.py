"""Failure reasons grouped by cause: what varies between failures of one cause is dropped."""

from __future__ import annotations

import pytest

from simulator.failure_causes import FailureCause, cause_of, group_causes

REFUSED = "bot 'b' unreachable at http://127.0.0.1:5005: connection refused"
SERVER_ERROR = "bot 'c' answered HTTP 500 Internal Server Error"


@pytest.mark.parametrize(("reason", "cause"), [
    (f"{REFUSED} (after 4 attempts)", REFUSED),
    ("bot 'b' answered HTTP 502 Bad Gateway: '{\"id\": \"9f3a0077326aa9874f9e9be6726a9f74\"}' "
     "(after 2 attempts)", "bot 'b' answered HTTP 502 Bad Gateway"),
    ("bot 'b' answered with a body that is not a chat completion: '{\"id\": \"0077326aa98\", "
     "\"created\": 1796660912, \"model\": \"eli'", "bot 'b' answered with a body that is not a "
     "chat completion"),
    ("bot 'b' timed out after 0.5 s with its reply still arriving (12,345 bytes so far)",
     "bot 'b' timed out after 0.5 s with its reply still arriving (N bytes so far)"),
    ("bot 'b' did not answer within 30 s (after 4 attempts)", "bot 'b' did not answer within 30 s"),
    ("bot 'b' answered HTTP 429 Too Many Requests (Retry-After 7 s): '{\"error\": \"slow "
     "down\"}'", "bot 'b' answered HTTP 429 Too Many Requests (Retry-After N s)"),
    ("bot 'b': reply is not utf-8: byte 0xe9 at offset 14 cannot be decoded (start: '{\"reply\":"
     " \"caf cr\"}'); send UTF-8", "bot 'b': reply is not utf-8: byte 0xe9 at offset N cannot "
     "be decoded (start: '…'); send UTF-8"),
    ("model m: request 3f2a9c1e-1111-4222-8333-444455556666 failed at 2026-12-07T16:00:00Z",
     "model m: request <id> failed at <time>"),
    ("bot 'bot2024': ValueError: the model is on fire", "bot 'bot2024': ValueError: the model is "
     "on fire"),
])
def test_the_cause_keeps_what_is_the_same_each_time(reason: str, cause: str) -> None:
    assert cause_of(reason) == (cause, False)


def test_a_request_the_open_circuit_held_back_counts_under_the_failure_that_opened_it() -> None:
    held = (f"bot 'b': circuit open: 20 of the last 20 requests failed; retrying in 12 s; "
            f"last failure: {REFUSED} (after 4 attempts)")
    assert cause_of(held) == (REFUSED, True)
    half_open = (f"bot 'b': circuit half-open: the trial request after the cooldown failed too; "
                 f"a trial request is under way; last failure: {REFUSED}")
    assert cause_of(half_open) == (REFUSED, True)
    # written by a version whose reasons did not name the failure
    assert cause_of("bot 'b': circuit open: 4 of the last 4 requests failed; retrying in 3 s"
                    ) == ("bot 'b': circuit open", True)


def test_grouping_counts_each_cause_once_most_common_first() -> None:
    reasons = [(f"{REFUSED} (after 4 attempts)", 3),
               (f"bot 'b': circuit open: 3 of the last 3 requests failed; retrying in 29 s; "
                f"last failure: {REFUSED} (after 4 attempts)", 5),
               (f"bot 'b': circuit open: 3 of the last 3 requests failed; retrying in 2 s; "
                f"last failure: {REFUSED} (after 4 attempts)", 1),
               (f"{SERVER_ERROR}: '{{\"trace\": \"a1b2c3d4e5f6\"}}'", 1),
               (f"{SERVER_ERROR}: '{{\"trace\": \"ffee00112233\"}}'", 1),
               ("bot 'd' did not answer within 30 s", 1)]
    assert group_causes(reasons) == [
        FailureCause(REFUSED, 9, 6),
        FailureCause(SERVER_ERROR, 2),
        FailureCause("bot 'd' did not answer within 30 s", 1)]
    assert str(group_causes(reasons, 1)[0]) == f"9 x {REFUSED}, 6 held back by the open circuit"
