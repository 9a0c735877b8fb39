"""A share of a force read as a percentage keeps its decimals in both stores (migration 0002)."""

from datetime import date

import counterclaim
from counterclaim.models import Document

TEXT = ("About a third of the 3,000 soldiers sent to the front have been killed or wounded, "
        "officials said.")


def test_fractional_and_whole_figures_come_back_as_extracted(store) -> None:
    document = Document(id="share", text=TEXT, published=date(2025, 3, 1))
    claims = counterclaim.extract_document(document)
    assert {(c.category, c.quantity.low) for c in claims} == {("loss_rate", 33.3), ("deployed", 3000)}
    store.add_document(document, claims)
    stored = {r["category"]: r["quantity"]["low"] for r in store.iter_claims()}
    assert stored == {"loss_rate": 33.3, "deployed": 3000}
    assert isinstance(stored["deployed"], int)
