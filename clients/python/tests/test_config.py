"""Where the client connects: arguments, then MODELSTREAM_* variables, then localhost (the TS SDK's rule,
libs/client/src/config.spec.ts, case for case)."""

import pytest

from modelstream import Client
from modelstream._config import default_inference_url, resolve_endpoints


def test_defaults_to_ingest_on_3000_and_inference_on_3001_of_the_same_host():
    e = resolve_endpoints(env={})
    assert (e.ingest, e.inference, e.api_key) == ("http://127.0.0.1:3000", "http://127.0.0.1:3001", None)
    e = resolve_endpoints(env={"MODELSTREAM_URL": "http://box:3000/"})
    assert (e.ingest, e.inference) == ("http://box:3000", "http://box:3001")


def test_any_other_url_serves_both_apis_unless_the_inference_variable_says_otherwise():
    assert resolve_endpoints(env={"MODELSTREAM_URL": "http://127.0.0.1:8080"}).inference == "http://127.0.0.1:8080"
    assert resolve_endpoints(env={"MODELSTREAM_URL": "https://ml.example.com"}).inference == "https://ml.example.com"
    env = {"MODELSTREAM_URL": "http://h:3421", "MODELSTREAM_INFERENCE_URL": "http://h:3423/"}
    assert resolve_endpoints(env=env).inference == "http://h:3423"


def test_arguments_win_over_the_environment_and_blank_is_unset():
    env = {"MODELSTREAM_URL": "http://env:3000", "MODELSTREAM_API_KEY": "k-env"}
    e = resolve_endpoints("http://opt:3000", api_key="k-opt", env=env)
    assert (e.ingest, e.inference, e.api_key) == ("http://opt:3000", "http://opt:3001", "k-opt")
    assert resolve_endpoints(env=env).api_key == "k-env"
    assert resolve_endpoints(env={"MODELSTREAM_API_KEY": " ", "MODELSTREAM_URL": ""}).api_key is None
    assert resolve_endpoints(env={"MODELSTREAM_URL": " "}).ingest == "http://127.0.0.1:3000"


def test_a_url_that_is_not_absolute_is_refused():
    with pytest.raises(ValueError, match="MODELSTREAM_URL"):
        resolve_endpoints("localhost", env={})


def test_default_inference_url_keeps_the_path_and_ipv6_hosts():
    assert default_inference_url("http://10.0.0.5:3000/prefix") == "http://10.0.0.5:3001/prefix"
    assert default_inference_url("http://[::1]:3000") == "http://[::1]:3001"
    assert default_inference_url("https://gw.example.org/ms") == "https://gw.example.org/ms"


def test_key_travels_as_bearer_token(monkeypatch):
    monkeypatch.setenv("MODELSTREAM_API_KEY", "secret-key")
    client = Client("http://127.0.0.1:1")
    assert client._http.headers["Authorization"] == "Bearer secret-key"
    monkeypatch.delenv("MODELSTREAM_API_KEY")
    assert "Authorization" not in Client("http://127.0.0.1:1")._http.headers
