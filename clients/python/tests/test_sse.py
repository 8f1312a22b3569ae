"""The server-sent events parser."""

import json

from modelstream._sse import SseParser, parse_sse


def test_events_with_names_ids_and_json_data():
    lines = [
        "id: 1",
        "event: status",
        'data: {"status": "running", "progress": 10}',
        "",
        ": keep-alive",
        "",
        "id: 2",
        "event: status",
        'data: {"status": "completed",',
        'data:  "progress": 100}',
        "",
    ]
    events = list(parse_sse(lines))
    assert [e.event for e in events] == ["status", "status"]
    assert [e.id for e in events] == ["1", "2"]
    assert json.loads(events[0].data) == {"status": "running", "progress": 10}
    assert json.loads(events[1].data) == {"status": "completed", "progress": 100}


def test_default_event_name_crlf_and_unfinished_event():
    events = list(parse_sse(["data: a\r", "\r", "data:b", "retry: 1500", "", "data: never ended"]))
    assert [(e.event, e.data, e.retry) for e in events] == [("message", "a", None), ("message", "b", 1500)]


def test_multi_line_chunks_and_blank_events_are_skipped():
    events = list(parse_sse(["event: status\ndata: x\n\n", "", "event: ping", ""]))
    assert [(e.event, e.data) for e in events] == [("status", "x")]


def test_last_event_id_is_remembered():
    parser = SseParser()
    for line in ["id: 7", "data: y", ""]:
        parser.feed(line)
    assert parser.last_event_id == "7"
