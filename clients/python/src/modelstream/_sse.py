"""A server-sent events parser (the WHATWG rules that matter here): lines in, events out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, List, Optional


@dataclass(frozen=True)
class SseEvent:
    event: str
    data: str
    id: Optional[str] = None
    retry: Optional[int] = None


class SseParser:
    """Feed it one line at a time (without its line ending); a blank line completes an event."""

    def __init__(self) -> None:
        self._data: List[str] = []
        self._event = ""
        self._id: Optional[str] = None
        self._retry: Optional[int] = None
        self.last_event_id: Optional[str] = None

    def feed(self, line: str) -> Optional[SseEvent]:
        line = line.rstrip("\r\n")
        if line == "":
            return self._dispatch()
        if line.startswith(":"):  # a comment (keep-alive)
            return None
        field, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if field == "data":
            self._data.append(value)
        elif field == "event":
            self._event = value
        elif field == "id":
            if "\0" not in value:
                self._id = value
        elif field == "retry":
            if value.isdigit():
                self._retry = int(value)
        return None

    def _dispatch(self) -> Optional[SseEvent]:
        if self._id is not None:
            self.last_event_id = self._id
        if not self._data:
            self._event, self._id, self._retry = "", None, None
            return None
        event = SseEvent(event=self._event or "message", data="\n".join(self._data), id=self._id, retry=self._retry)
        self._data, self._event, self._id, self._retry = [], "", None, None
        return event


def parse_sse(lines: Iterable[str]) -> Iterator[SseEvent]:
    """The events of a stream of lines; an event not ended by a blank line when the stream ends is dropped."""
    parser = SseParser()
    for raw in lines:
        # iter_lines may hand over a chunk with several lines in it
        for line in raw.splitlines() or [""]:
            event = parser.feed(line)
            if event is not None:
                yield event
