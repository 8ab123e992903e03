"""Values go on the wire as the original SDK wrote them, and values XML cannot
carry are refused with an error naming the member (never sent mangled)."""
import datetime
import decimal
import math

import pytest
from lxml import etree

from ovirtsdk.xml import params, runtime

UTC = datetime.timezone.utc
EDT = datetime.timezone(datetime.timedelta(hours=-4))
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


def _text(obj, path):
    return etree.fromstring(runtime.to_xml(obj).encode()).findtext(path)


@pytest.mark.parametrize("value,wire", [
    (2000, "2000."), (2.5, "2.5"), (0, "0."), (-1.25, "-1.25"),
    (decimal.Decimal("2000"), "2000."), (decimal.Decimal("0.1"), "0.1"),
    ("3.50", "3.50"),
])
def test_decimal_written_as_the_original(value, wire):
    assert _text(params.CPU(speed=value), "speed") == wire


@pytest.mark.parametrize("value,wire", [
    (10000, "1.000000e+04"), (0.5, "5.000000e-01"), (-3, "-3.000000e+00"),
    (float("nan"), "NaN"), (math.inf, "INF"), (-math.inf, "-INF"), ("1.5e3", "1.5e3"),
])
def test_double_written_as_the_original_with_xsd_special_values(value, wire):
    assert _text(params.QuotaStorageLimit(usage=value), "usage") == wire


@pytest.mark.parametrize("value,wire", [
    (datetime.datetime(2012, 9, 25, 18, 40, 10, 65000, EDT), "2012-09-25T18:40:10.065000-04:00"),
    (datetime.datetime(2012, 9, 25, 18, 40, 10, 0, EDT), "2012-09-25T18:40:10-04:00"),
    (datetime.datetime(2012, 9, 25, 18, 40, 10, 1, UTC), "2012-09-25T18:40:10.000001Z"),
    (datetime.datetime(2012, 9, 25, 18, 40, 10, tzinfo=IST), "2012-09-25T18:40:10+05:30"),
    (datetime.datetime(2012, 9, 25, 18, 40, 10), "2012-09-25T18:40:10"),
    (datetime.datetime(999, 1, 2, 3, 4, 5), "0999-01-02T03:04:05"),
    (datetime.datetime(5, 1, 2, 3, 4, 5, tzinfo=UTC), "0005-01-02T03:04:05Z"),
    ("2016-05-03T10:20:30.5+02:00", "2016-05-03T10:20:30.5+02:00"),
])
def test_datetime_written_as_the_original(value, wire):
    assert _text(params.Event(time=value), "time") == wire


def test_written_datetimes_read_back_equal():
    value = datetime.datetime(999, 12, 31, 23, 59, 58, 123456, EDT)
    event = params.parseString(runtime.to_xml(params.Event(time=value)))
    assert event.get_time() == value


@pytest.mark.parametrize("value,wire", [(True, "true"), (False, "false"), (1, "true"),
                                        (0, "false"), ("False", "false")])
def test_booleans(value, wire):
    assert _text(params.VM(stateless=value), "stateless") == wire


@pytest.mark.parametrize("make,member", [
    (lambda: params.VM(description=b"abc"), "params.VM.description"),
    (lambda: params.VM(name=bytearray(b"abc")), "params.VM.name"),
    (lambda: params.VM(id=b"123"), "params.VM.id"),
    (lambda: params.VM(stateless=2), "params.VM.stateless"),
    (lambda: params.VM(stateless="maybe"), "params.VM.stateless"),
    (lambda: params.VM(stateless=None or object()), "params.VM.stateless"),
    (lambda: params.Event(time=datetime.date(2016, 1, 1)), "params.Event.time"),
    (lambda: params.Event(time="yesterday"), "params.Event.time"),
    (lambda: params.Event(time="2016-13-01T00:00:00"), "params.Event.time"),
    (lambda: params.Event(time="2016-01-01 00:00:00"), "params.Event.time"),
    (lambda: params.Event(time=1451606400), "params.Event.time"),
    (lambda: params.CPU(speed=float("nan")), "params.CPU.speed"),
    (lambda: params.CPU(speed=math.inf), "params.CPU.speed"),
    (lambda: params.CPU(speed="fast"), "params.CPU.speed"),
    (lambda: params.CPU(speed=True), "params.CPU.speed"),
    (lambda: params.QuotaStorageLimit(usage="nan"), "params.QuotaStorageLimit.usage"),
    (lambda: params.VM(memory=math.inf), "params.VM.memory"),
    (lambda: params.VM(memory=1.5), "params.VM.memory"),
])
def test_values_xml_cannot_carry_are_refused_naming_the_member(make, member):
    with pytest.raises((TypeError, ValueError)) as info:
        runtime.to_xml(make())
    assert member in str(info.value)
    # Scripts catching either class see it.
    assert isinstance(info.value, TypeError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("make,member,char", [
    (lambda: params.VM(name="a\x01b"), "params.VM.name", "U+0001 at index 1"),
    (lambda: params.VM(description="ok\x00"), "params.VM.description", "U+0000 at index 2"),
    (lambda: params.VM(id="\x1b[0m"), "params.VM.id", "U+001B at index 0"),
    (lambda: params.VM(cpu=params.CPU(name="x\x0cy")), "params.CPU.name", "U+000C"),
])
def test_control_characters_are_refused_naming_the_member(make, member, char):
    with pytest.raises(ValueError) as info:
        runtime.to_xml(make())
    text = str(info.value)
    assert member in text and char in text
    assert "All strings must be XML compatible" not in text    # lxml's own words


def test_tab_newline_and_carriage_return_are_carried():
    assert _text(params.VM(description="a\tb\nc"), "description") == "a\tb\nc"
