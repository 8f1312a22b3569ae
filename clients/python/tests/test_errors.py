"""API error answers → typed exceptions carrying the API's message."""

import json

import pytest

from modelstream.errors import (
    BadRequestError,
    ConflictError,
    ModelstreamError,
    NotFoundError,
    ServiceUnavailableError,
    UnauthorizedError,
    error_from_response,
    parse_retry_after,
)


def body(**kw):
    return json.dumps(kw).encode()


@pytest.mark.parametrize(
    "status,cls",
    [
        (400, BadRequestError),
        (413, BadRequestError),
        (401, UnauthorizedError),
        (403, UnauthorizedError),
        (404, NotFoundError),
        (409, ConflictError),
        (503, ServiceUnavailableError),
        (502, ServiceUnavailableError),
        (500, ModelstreamError),
        (418, ModelstreamError),
    ],
)
def test_status_maps_to_class(status, cls):
    error = error_from_response(status, body(statusCode=status, message="m"))
    assert type(error) is cls
    assert error.status_code == status
    assert error.message == "m"


def test_domain_error_body_keeps_message_error_and_details():
    error = error_from_response(
        400,
        body(
            statusCode=400,
            error="InvalidInputError",
            message='The target column "zzz" is not in the header',
            details={"x": 1},
        ),
    )
    assert isinstance(error, BadRequestError)
    assert error.message == 'The target column "zzz" is not in the header'
    assert error.error == "InvalidInputError"
    assert error.details == {"x": 1}
    assert str(error) == '400: The target column "zzz" is not in the header'


def test_validation_pipe_lists_are_joined_and_non_json_bodies_kept():
    error = error_from_response(
        400, body(statusCode=400, message=["filename is required", "chunkIndex must be a whole number"])
    )
    assert error.message == "filename is required; chunkIndex must be a whole number"
    assert error_from_response(502, b"<html>Bad Gateway</html>").message == "<html>Bad Gateway</html>"
    assert error_from_response(500, b"", reason="Internal Server Error").message == "Internal Server Error"


def test_retry_after_header():
    error = error_from_response(503, body(message="Kafka is down"), {"Retry-After": "5"})
    assert isinstance(error, ServiceUnavailableError) and error.retry_after == 5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
