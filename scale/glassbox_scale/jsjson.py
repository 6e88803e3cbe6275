"""JSON written as JavaScript's JSON.stringify writes it, so files match glassbox's byte for byte.

Python's json module differs in three places that show in glassbox's files: numbers (JavaScript
writes 1e-5 as 0.00001 and 1e21 as 1e+21), the separators of compact output, and the escapes of
non-ASCII text. `stringify(value, indent)` mirrors JSON.stringify(value, null, indent) for what
glassbox writes (dicts, lists, strings, ints, floats, bools, None). Not handled: NaN and infinity
(JavaScript writes null; glassbox never stores them), and objects other than these.
"""

import json
import math

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def js_number(x: float | int) -> str:
    """Number.prototype.toString for a double: decimal between 1e-7 and 1e21, else d.ddde±N."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number here")
    if isinstance(x, int):
        x = float(x) if abs(x) >= 2**53 else x
        if isinstance(x, int):
            return str(x)
    if not math.isfinite(x):
        return "null"
    if x == 0:
        return "0"
    r = repr(x)  # shortest round-trip digits, like JavaScript's
    mantissa, _, exp = r.partition("e")
    sign = "-" if mantissa.startswith("-") else ""
    mantissa = mantissa.lstrip("-")
    whole, _, frac = mantissa.partition(".")
    if frac == "0":
        frac = ""
    digits = (whole + frac).lstrip("0")
    # Decimal exponent n such that x = 0.d1d2… × 10^n.
    point = len(whole) + (int(exp) if exp else 0)
    if whole == "0":
        lead = len(frac) - len(frac.lstrip("0"))
        point = -lead + (int(exp) if exp else 0)
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= point <= 21:
        return sign + digits + "0" * (point - k)
    if 0 < point <= 21:
        return sign + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return sign + "0." + "0" * (-point) + digits
    e = point - 1
    body = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{body}e{'+' if e >= 0 else '-'}{abs(e)}"


def _string(s: str) -> str:
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def stringify(value, indent: int = 0) -> str:
    """JSON.stringify(value, null, indent)."""
    return _write(value, indent, "")


def _write(v, indent: int, pad: str) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return js_number(v)
    if isinstance(v, str):
        return _string(v)
    inner = pad + " " * indent
    sep, colon = (",\n" + inner, ": ") if indent else (",", ":")
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [_string(str(k)) + colon + _write(x, indent, inner) for k, x in v.items()]
    elif isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        items = [_write(x, indent, inner) for x in v]
    else:
        raise TypeError(f"cannot write {type(v).__name__} as JSON")
    open_, close = ("{", "}") if isinstance(v, dict) else ("[", "]")
    if indent:
        return f"{open_}\n{inner}{sep.join(items)}\n{pad}{close}"
    return open_ + sep.join(items) + close


def parse(text: str, where: str):
    """json.loads with a ScaleError that names the file."""
    from .errors import ScaleError

    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ScaleError(f"not valid JSON ({e.msg} at line {e.lineno})", where) from None
