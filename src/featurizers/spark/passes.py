"""A fit over partitions, as any engine runs it: the engine-independent part of ``featurizers.spark``.

A featurizer's fit is mergeable statistics (``Featurizer.fit_start`` .. ``fit_finish``). A pass
over partitioned data is:

1. on each partition (an executor): ``fit_add`` the partition's items, in batches, to a copy of
   the pass's empty statistics (``partition_stats``); then ``fit_split`` them into ``parts`` by
   key (token counts by a stable hash of the token; other statistics go whole to part 0);
2. for each part (an executor, after a shuffle): ``fit_merge`` that part of every partition,
   then ``fit_prune``: its counts are complete, so only the tokens the fit may keep are left;
3. once (one executor): merge the parts and prune again; the driver receives that one object,
   no larger than what the fit keeps, and calls ``fit_finish``, which asks for another pass or
   ends the fit.

Every merge is exact and commutative (ints, exact float sums, unions, min/max in a total order),
and the cut and order of a vocabulary are applied once, to complete counts: the result is the
same ``get_config()`` as ``featurizer.fit(all_items)`` for any partitioning, any order of the
items and any order of the merges. ``fit_partitions`` runs the same steps in this process (for
tests and for engines that hand over partitions as lists).
"""

import copy
import zlib

from featurizers import Columns, Featurizer, Pipeline, from_config


class RowError(ValueError):
    """A row the featurizer refuses: names the partition, the row's offset in it (and the value
    of the key column, when one was named) and the featurizer's own message for that row."""

    def __init__(self, message, partition=None, row=None, key=None):
        super().__init__(message)
        self.partition = partition
        self.row = row
        self.key = key


def check_mergeable(featurizer):
    """TypeError for a featurizer (or a step or column in it) whose class overrides ``fit``
    without the mergeable statistics: an engine would take it for stateless."""
    own_fit = type(featurizer).fit is not Featurizer.fit
    if own_fit and type(featurizer).fit_start is Featurizer.fit_start:
        raise TypeError(
            f"{type(featurizer).__name__} overrides fit() but not fit_start(), fit_add(), fit_merge() and fit_finish(): "
            "a fit over partitions needs its statistics (see featurizers.base.Featurizer)"
        )
    if isinstance(featurizer, Pipeline):
        for step in featurizer.steps:
            check_mergeable(step)
    if isinstance(featurizer, Columns):
        for column in featurizer.columns:
            check_mergeable(column[1])


def fresh_copy(featurizer):
    """A featurizer equal to ``featurizer`` built from its config: the fit works on it, so a
    failed fit leaves the caller's featurizer as it was."""
    return from_config(copy.deepcopy(featurizer.get_config()))


def part_of(parts):
    """The part of a key (a str): a hash that is the same in every process (Python's ``hash`` of
    a str is salted per process)."""

    def part(key):
        return zlib.crc32(key.encode("utf-8", "surrogatepass")) % parts

    return part


def _first_bad_row(featurizer, template, batch):
    """The index in ``batch`` of the first item the featurizer refuses on its own, and its
    exception; (None, None) when each item alone is accepted."""
    for j, item in enumerate(batch):
        try:
            featurizer.fit_add(copy.deepcopy(template), [item])
        except Exception as error:  # the featurizer's own TypeError or ValueError
            return j, error
    return None, None


def partition_stats(featurizer, template, rows, partition, batch_size=512, key_name=None):
    """The statistics of one partition: ``rows`` is an iterable of ``(item, key value)`` (the key
    value is ignored unless ``key_name`` is given); ``template`` the pass's empty statistics
    (copied, not changed). A refused row raises RowError."""
    stats = copy.deepcopy(template)
    batch, keys = [], []
    start = 0
    for item, key_value in rows:
        batch.append(item)
        keys.append(key_value)
        if len(batch) == batch_size:
            stats = _add(featurizer, template, stats, batch, keys, partition, start, key_name)
            start += len(batch)
            batch, keys = [], []
    if batch:
        stats = _add(featurizer, template, stats, batch, keys, partition, start, key_name)
    return stats


def _add(featurizer, template, stats, batch, keys, partition, start, key_name):
    try:
        return featurizer.fit_add(stats, batch)
    except Exception as error:
        j, row_error = _first_bad_row(featurizer, template, batch)
        if j is None:
            raise
        key = f" ({key_name}={keys[j]!r})" if key_name is not None else ""
        raise RowError(
            f"partition {partition}, row {start + j}{key}: {row_error}", partition, start + j, keys[j] if key_name else None
        ) from error


def split(featurizer, stats, parts):
    """[(part, statistics)] of one partition's statistics, for the parts that hold some."""
    pieces = featurizer.fit_split(stats, parts, part_of(parts))
    return [(i, piece) for i, piece in enumerate(pieces) if piece is not None]


def merge_all(featurizer, stats_list):
    """The merge of a non-empty list of statistics (in the given order)."""
    merged = stats_list[0]
    for stats in stats_list[1:]:
        merged = featurizer.fit_merge(merged, stats)
    return merged


def combine(featurizer, partition_stats_list, parts, order=None):
    """Steps 2 and 3 of a pass in this process: the one (pruned) statistics the driver receives.
    ``order`` (a random.Random) shuffles every list before it is merged, as a shuffle would."""
    by_part = {}
    for stats in partition_stats_list:
        for i, piece in split(featurizer, stats, parts):
            by_part.setdefault(i, []).append(piece)
    pruned = []
    for pieces in by_part.values():
        if order is not None:
            order.shuffle(pieces)
        pruned.append(featurizer.fit_prune(merge_all(featurizer, pieces)))
    if order is not None:
        order.shuffle(pruned)
    return featurizer.fit_prune(merge_all(featurizer, pruned)) if pruned else None


def fit_partitions(featurizer, partitions, parts=None, order=None, batch_size=512):
    """A fitted copy of ``featurizer`` from ``partitions`` (lists of items), in passes, each as
    the Spark engine runs it; the caller's featurizer is not changed."""
    check_mergeable(featurizer)
    work = fresh_copy(featurizer)
    parts = parts or max(1, len(partitions))
    stats = work.fit_start()
    while stats is not None:
        template = stats
        collected = [
            partition_stats(work, template, ((item, None) for item in partition), p, batch_size)
            for p, partition in enumerate(partitions)
        ]
        merged = combine(work, collected, parts, order)
        stats = work.fit_finish(template if merged is None else merged)
    return work
