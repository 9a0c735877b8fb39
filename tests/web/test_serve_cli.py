"""`counterclaim serve` as a person runs it: a real uvicorn process on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from conftest import free_port

# The installed `counterclaim` script, run by this interpreter.
COUNTERCLAIM = [sys.executable, "-c", "import sys; from counterclaim.cli import main; "
                                      "sys.argv[0] = 'counterclaim'; main()"]


def test_serve_answers_and_is_read_only_without_token(fixture_db: str) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "COUNTERCLAIM_TOKEN"}
    server = subprocess.Popen(
        [*COUNTERCLAIM, "serve", "--db", fixture_db, "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                home = httpx.get(f"{base}/", headers={"accept": "text/html"}, timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not answer within 30 s"
                time.sleep(0.2)
        assert home.status_code == 200 and "read-only" in home.text
        claims = httpx.get(f"{base}/api/claims", timeout=5).json()
        assert len(claims["items"]) == 3
        refused = httpx.post(f"{base}/api/documents", json={"text": "9 killed."}, timeout=5)
        assert refused.status_code == 403 and "COUNTERCLAIM_TOKEN" in refused.json()["message"]
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "read-only" in (server.stderr.read() if server.stderr else "")


def test_serve_refuses_a_bad_store(tmp_path: object) -> None:
    result = subprocess.run(
        [*COUNTERCLAIM, "serve", "--db", f"{tmp_path}/missing/dir/x.db",
         "--port", str(free_port())], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("counterclaim: ") and "Traceback" not in result.stderr
