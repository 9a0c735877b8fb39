"""schemathesis against /openapi.json, in process: every answer matches the description, none is a 5xx."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from conftest import TOKEN

from counterclaim.web import create_app

# 6 operations: 300 examples in all. Derandomized so that CI is reproducible; run it with
# derandomize=False and more examples now and then to explore further.
EXAMPLES_PER_OPERATION = 50


def offline(request: httpx.Request) -> httpx.Response:
    """No URL is fetched for real: every one is missing."""
    return httpx.Response(404, text="not here")


@pytest.fixture(scope="module")
def api_schema(reference_db: str, tmp_path_factory: pytest.TempPathFactory) -> object:
    """The app (writable, over a copy of the reference store) and the schema it describes."""
    db = Path(tmp_path_factory.mktemp("schemathesis")) / "store.db"
    shutil.copy(reference_db, db)
    app = create_app(str(db), TOKEN,
                     client_factory=lambda: httpx.Client(transport=httpx.MockTransport(offline)))
    # A well-formed cursor the server never gave, or a URL that cannot be fetched, is
    # refused with 400: the schema cannot tell those from good ones, so 400 is an expected
    # answer to schema-valid data. Every other check runs as schemathesis defines it.
    config = schemathesis.Config.from_dict({"checks": {"positive_data_acceptance": {
        "expected-statuses": ["2xx", "400", "401", "403", "404"]}}})
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


def test_api_matches_its_description(api_schema: object) -> None:
    # schemathesis' own pytest fixtures do not run under pytest 9 yet (they rename test
    # nodes), so each operation's strategy is driven by Hypothesis here directly.
    operations = [result.ok() for result in api_schema.get_all_operations()]  # type: ignore[attr-defined]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})

        conforms()
