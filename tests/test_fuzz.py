"""Property-based tests of the parsers the field's cells go through: whatever a cell holds, the
parser returns a value or raises ValueError (which intake turns into a message), never crashes."""

import contextlib
import datetime as dt
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from data_pipeline.intake.values import MAX_COUNT, parse_count, parse_date
from data_pipeline.reference.programme import PERIOD_PATTERN
from data_pipeline.reference.spelling import COMMUNE_PREFIXES, clean_text, commune_name_key, match_key

CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.dates(),
    st.datetimes(),
)


@given(CELLS)
def test_any_cell_parses_or_raises_value_error(value):
    for parse in (parse_count, parse_date):
        with contextlib.suppress(ValueError):
            parse(value)


@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_counts_typed_with_thousands_separators_read_back(number):
    dotted = f"{number:,}".replace(",", ".")
    assert parse_count(dotted) == number
    assert parse_count(f" {number:,} ".replace(",", "\u00a0")) == number
    assert parse_count(float(number)) == number or number > 2**53


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_in_every_field_spelling_read_back(day):
    for text in (f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", f"{day:%d-%m-%Y}", day.isoformat()):
        assert parse_date(text) == day


@settings(max_examples=200)
@given(
    st.text(
        alphabet=st.sampled_from(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ "
        ),
        min_size=1,
        max_size=20,
    )
)
def test_commune_names_match_whatever_prefix_case_spacing_or_normal_form(name):
    name = " ".join(name.split()) or "a"
    assume(not COMMUNE_PREFIXES.match(name))  # a name that itself starts like "Xã …" is ambiguous
    key = commune_name_key(name)
    for variant in (
        f"Xã {name}",
        f"  PHƯỜNG   {name.upper()} ",
        f"TT. {name}",
        unicodedata.normalize("NFD", f"Thị trấn {name}"),
    ):
        assert commune_name_key(variant) == key
    assert commune_name_key(name, diacritics=False) == match_key(name)


@given(st.text())
def test_clean_text_is_idempotent_and_nfc(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert once is None or unicodedata.is_normalized("NFC", once)


@given(st.integers(min_value=2000, max_value=2100), st.sampled_from(["", "-H1", "-H2", "-Q1", "-Q4", "-M1", "-M12"]))
def test_period_ids_of_every_kind_are_valid(year, suffix):
    assert PERIOD_PATTERN.match(f"{year}{suffix}")
