"""Where the client connects: arguments, then MODELSTREAM_* variables, then localhost (the TS SDK's rule)."""

from modelstream import Client
from modelstream._config import inference_url_for, resolve_endpoints


def test_defaults_are_localhost_ingest_and_inference():
    e = resolve_endpoints(env={})
    assert (e.ingest, e.inference, e.api_key) == ("http://127.0.0.1:3000", "http://127.0.0.1:3001", None)


def test_environment_sets_ingest_and_inference_follows_its_host_on_3001():
    e = resolve_endpoints(env={"MODELSTREAM_URL": "https://ms.example.org:8443/", "MODELSTREAM_API_KEY": "k1"})
    assert e.ingest == "https://ms.example.org:8443"
    assert e.inference == "https://ms.example.org:3001"
    assert e.api_key == "k1"


def test_inference_variable_and_arguments_win():
    env = {"MODELSTREAM_URL": "http://a:3000", "MODELSTREAM_INFERENCE_URL": "http://b:9001/", "MODELSTREAM_API_KEY": "env"}
    e = resolve_endpoints(env=env)
    assert (e.ingest, e.inference, e.api_key) == ("http://a:3000", "http://b:9001", "env")
    e = resolve_endpoints("http://c:1", "http://d:2", "arg", env=env)
    assert (e.ingest, e.inference, e.api_key) == ("http://c:1", "http://d:2", "arg")


def test_inference_url_for_keeps_scheme_and_host_only():
    assert inference_url_for("http://10.0.0.5:3000/some/prefix") == "http://10.0.0.5:3001"
    assert inference_url_for("localhost:3431") == "http://localhost:3001"
    assert inference_url_for("http://[::1]:3000") == "http://[::1]:3001"


def test_key_travels_as_bearer_token(monkeypatch):
    monkeypatch.setenv("MODELSTREAM_API_KEY", "secret-key")
    client = Client("http://127.0.0.1:1")
    assert client._http.headers["Authorization"] == "Bearer secret-key"
    monkeypatch.delenv("MODELSTREAM_API_KEY")
    assert "Authorization" not in Client("http://127.0.0.1:1")._http.headers
