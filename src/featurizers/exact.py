"""``ExactSum``: the exact sum of doubles, mergeable, and its correctly rounded quotient by a count.

A fit that sums floating-point numbers left to right gets bits that depend on the order of the
data (``(1e16 + 1) - 1e16`` is 0, ``(1e16 - 1e16) + 1`` is 1), so a fit split over partitions, or
over workers, gives other bits than a fit in one process. ``ExactSum`` keeps the sum exactly, as
Shewchuk's non-overlapping partials (the algorithm of CPython's ``math.fsum``): ``add`` folds one
double in with error-free transformations (``hi = x + y``, ``lo = y - (hi - x)``), ``merge``
adds the other sum's partials the same way. The exact sum of the same numbers is the same real
number whatever the order, so what is read from it is the same double whatever the order:

- ``rounded()``: the exact sum correctly rounded (ties to even), as ``math.fsum`` gives it;
- ``quotient(n)``: the exact sum divided by the int ``n``, correctly rounded (ties to even): the
  double nearest to ``sum / n``, found among the neighbours of ``rounded() / n`` by the exact sign
  of ``2 * sum - n * (a + b)`` at the midpoint of two neighbours ``a`` and ``b``.

Every operation here is an IEEE 754 binary64 addition, subtraction, multiplication or division,
which CPython's floats and JS numbers round the same way, so both runtimes keep the same partials
and give the same bits. A partial that overflows (a sum beyond the largest double, as
``math.fsum``'s "intermediate overflow") makes ``is_finite()`` False; the featurizer that owns the
sum raises its own error then.
"""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host

_EPS_HALF = 1.1102230246251565e-16  # 2**-53
_EPS = 2.220446049250313e-16  # 2**-52
_TINIEST = 5e-324  # 2**-1074, the smallest subnormal
_SUBNORMAL_ULP_BELOW = 4.450147717014403e-308  # 2**-1021: below it the spacing of doubles is 2**-1074
_SCALE_UP = 1.6069380442589903e+60  # 2**200
_SCALE_DOWN = 6.223015277861142e-61  # 2**-200
_SMALL = 2.983336292480083e-154  # 2**-510: below it, neighbours are found at a 2**200 scale
_SPLITTER = 134217729.0  # 2**27 + 1 (Veltkamp)
_SPLIT_LIMIT = 6.696928794914171e+299  # 2**996: above it 2**27 * x would overflow
_SPLIT_DOWN = 3.725290298461914e-09  # 2**-28
_SPLIT_UP = 268435456.0  # 2**28
_HUGE = 1.0715086071862673e+301  # 2**1000: a sum above it is compared at half scale (2 * sum may overflow)


def _magnitude(x):
    return x if x >= 0 else -x


def _fold(partials, x):
    """Add the double ``x`` into ``partials`` in place (Shewchuk's ``msum`` step)."""
    i = 0
    for j in range(len(partials)):
        y = partials[j]
        if _magnitude(x) < _magnitude(y):
            swap = x
            x = y
            y = swap
        hi = x + y
        lo = y - (hi - x)
        if lo != 0.0:
            partials[i] = lo
            i += 1
        x = hi
    while len(partials) > i:
        partials.pop()
    partials.append(x)


def _rounded(partials):
    """The exact sum of non-overlapping ``partials`` rounded to nearest, ties to even (fsum's end)."""
    n = len(partials)
    if n == 0:
        return 0.0
    n -= 1
    hi = partials[n]
    lo = 0.0
    while n > 0:
        x = hi
        n -= 1
        y = partials[n]
        hi = x + y
        lo = y - (hi - x)
        if lo != 0.0:
            break
    # Half-way cases: the partials below decide the direction of the tie.
    if n > 0 and ((lo < 0.0 and partials[n - 1] < 0.0) or (lo > 0.0 and partials[n - 1] > 0.0)):
        y = lo * 2.0
        x = hi + y
        if y == x - hi:
            hi = x
    return hi


def _sign(partials):
    """-1, 0 or 1: the sign of the exact sum (that of its largest nonzero partial)."""
    k = len(partials) - 1
    while k >= 0 and partials[k] == 0.0:
        k -= 1
    if k < 0:
        return 0
    return 1 if partials[k] > 0.0 else -1


def _split(x):
    """[hi, lo]: ``x == hi + lo`` exactly, each with at most 26 significant bits (Veltkamp)."""
    if _magnitude(x) > _SPLIT_LIMIT:
        parts = _split(x * _SPLIT_DOWN)
        return [parts[0] * _SPLIT_UP, parts[1] * _SPLIT_UP]
    c = _SPLITTER * x
    hi = c - (c - x)
    return [hi, x - hi]


def _fold_product(partials, x, n_parts, sign):
    """Add ``sign * x * n`` exactly, as four products of halves that each fit in 53 bits."""
    x_parts = _split(x)
    for a in x_parts:
        for b in n_parts:
            _fold(partials, sign * (a * b))


def _next_up(x):
    """The smallest double above the finite double ``x``."""
    if x < 0.0:
        return -_next_down(-x)
    if x < _SUBNORMAL_ULP_BELOW:
        return x + _TINIEST
    if x < _SMALL:
        return _next_up(x * _SCALE_UP) * _SCALE_DOWN
    # x * 2**-53 is in [ulp / 2, ulp): x + it rounds up to the neighbour, except at a power of two
    # (exactly ulp / 2: a tie, kept at x), where x * 2**-52 is exactly one ulp.
    y = x + x * _EPS_HALF
    if y == x:
        y = x + x * _EPS
    return y


def _next_down(x):
    """The largest double below the finite double ``x``."""
    if x <= 0.0:
        return -_next_up(-x)
    if x <= _SUBNORMAL_ULP_BELOW:
        return x - _TINIEST
    if x < _SMALL:
        return _next_down(x * _SCALE_UP) * _SCALE_DOWN
    # x * 2**-53 is in [ulp(x-) , ulp): x - it rounds to the neighbour below (exact at a power of two).
    return x - x * _EPS_HALF


class ExactSum:
    """The exact sum of the doubles added so far (see the module's docstring)."""

    def __init__(self):
        self.partials = []
        self.finite = True

    def add(self, x):
        """Add the finite double ``x``; returns ``self``."""
        _fold(self.partials, x)
        self._check()
        return self

    def merge(self, other):
        """Add ``other``'s exact sum (its partials, re-summed); returns ``self``."""
        if not other.finite:
            self.finite = False
        if self.finite:
            for x in other.partials:
                _fold(self.partials, x)
            self._check()
        return self

    def _check(self):
        last = len(self.partials) - 1
        if last >= 0 and not _host.is_number(self.partials[last]):
            self.finite = False
            self.partials = [0.0]

    def is_finite(self):
        """False once a partial overflowed: the sum is beyond the largest double."""
        return self.finite

    def rounded(self):
        """The exact sum, correctly rounded (``math.fsum`` of the numbers added)."""
        return _rounded(self.partials)

    def quotient(self, n):
        """The exact sum divided by the int ``n >= 1``, correctly rounded (ties to even)."""
        total = _rounded(self.partials)
        if n == 1 or total == 0.0:
            return total
        count = _host.to_double(n)
        n_parts = _split(count)
        halve = _magnitude(total) > _HUGE
        q = total / count
        # q is within about an ulp of sum / n: find the neighbours low <= sum / n <= high.
        low = q
        while self._compare(low, low, n_parts, halve) < 0:
            low = _next_down(low)
        high = q
        while self._compare(high, high, n_parts, halve) > 0:
            high = _next_up(high)
        if self._compare(low, low, n_parts, halve) == 0:
            return low
        if self._compare(high, high, n_parts, halve) == 0:
            return high
        while _next_up(low) != high:  # defensive: low and high are already neighbours
            middle = _next_up(low)
            if self._compare(middle, middle, n_parts, halve) > 0:
                low = middle
            else:
                high = middle
        side = self._compare(low, high, n_parts, halve)
        if side > 0:
            return high
        if side < 0:
            return low
        # A tie: the neighbour whose last significand bit is 0. low + high is itself half-way
        # between 2 * low and 2 * high, so it rounds to twice the even one; where it could
        # overflow, low / 2 + high / 2 is the midpoint itself, which rounds to the even one.
        if halve:
            return low * 0.5 + high * 0.5
        return (low + high) * 0.5

    def _compare(self, a, b, n_parts, halve):
        """The exact sign of ``sum - n * (a + b) / 2`` (of ``sum - n * a`` when ``a == b``).

        Summed as ``2 * sum - n * a - n * b``, or, for a sum above 2**1000 (``halve``, where a
        and b are far above the subnormals, so halving them is exact), as
        ``sum - n * (a / 2) - n * (b / 2)``: every partial stays below the largest double."""
        partials = []
        if halve:
            _fold_product(partials, a * 0.5, n_parts, -1.0)
            for x in self.partials:
                _fold(partials, x)
            _fold_product(partials, b * 0.5, n_parts, -1.0)
        else:
            _fold_product(partials, a, n_parts, -1.0)
            for x in self.partials:
                _fold(partials, x)
            _fold_product(partials, b, n_parts, -1.0)
            for x in self.partials:
                _fold(partials, x)
        return _sign(partials)
