"""briefings.json is written a list item at a time: the same text json.dumps gives."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from briefing.exchange.briefings_json import dump

scalars = st.none() | st.booleans() | st.integers() | st.text(alphabet=st.sampled_from(list('王毅"\\\n<a>é')))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=5), values, max_size=5), st.lists(values, max_size=5), st.booleans())
def test_streamed_json_is_the_text_json_dumps_gives(head: dict[str, Any], items: list[Any], generated: bool) -> None:
    data: dict[str, Any] = {**head, "mentions": iter(items) if generated else items, "after": [1, "二"]}
    stream = io.StringIO()
    dump(data, stream)
    expected = {**head, "mentions": items, "after": [1, "二"]}
    assert stream.getvalue() == json.dumps(expected, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert json.loads(stream.getvalue()) == expected
