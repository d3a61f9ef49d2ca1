"""``Columns``: records (JSON objects) to one feature vector, a featurizer per field."""

# __pragma__('jscall')  # methods as native JS methods (see compiler/check, TS606-TS607)

from featurizers import _host
from featurizers.base import Featurizer, config_value, from_config, register


class Columns(Featurizer):
    """Featurize records field by field and concatenate, in the order the columns are given.

    ``columns`` is a list of ``[field, featurizer]`` pairs (a dict is taken in its order; the same
    field may appear twice, for example standardized and bucketed). Each featurizer gets the list
    of its field's values; a result that is a number adds one feature, a list adds its items.
    The config is ``{"type": "Columns", "columns": [[field, <config>], ...]}``.
    """

    # __pragma__('kwargs')
    def __init__(self, columns=None):
        if columns is None:
            columns = []
        if _host.is_dict(columns):
            columns = [[field, columns[field]] for field in _host.dict_keys(columns)]
        self.columns = columns
    # __pragma__('nokwargs')

    def _check_fit_data(self, records):
        self._check_records("fit", records)  # even when no column has anything to learn

    def fit_start(self):
        """One entry per column: its featurizer's statistics, None once that one is fitted (or
        has nothing to learn); None when no column has anything to learn."""
        return self._active([column[1].fit_start() for column in self.columns])

    def fit_add(self, stats, records):
        self._check_records("fit", records)
        for k in range(len(self.columns)):
            if stats[k] is not None:
                column = self.columns[k]
                stats[k] = column[1].fit_add(stats[k], self._values(records, column[0]))
        return stats

    def fit_merge(self, stats, other):
        for k in range(len(self.columns)):
            if stats[k] is None:
                stats[k] = other[k]
            elif other[k] is not None:
                stats[k] = self.columns[k][1].fit_merge(stats[k], other[k])
        return stats

    def fit_finish(self, stats):
        """Each column's ``fit_finish``; the columns that need another pass get it together."""
        following = []
        for k in range(len(self.columns)):
            following.append(None if stats[k] is None else self.columns[k][1].fit_finish(stats[k]))
        return self._active(following)

    def fit_split(self, stats, parts, part_of):
        split = [[None for _ in self.columns] for _ in range(parts)]
        for k in range(len(self.columns)):
            if stats[k] is not None:
                pieces = self.columns[k][1].fit_split(stats[k], parts, part_of)
                for i in range(parts):
                    split[i][k] = pieces[i]
        return [self._active(piece) for piece in split]

    def fit_prune(self, stats):
        for k in range(len(self.columns)):
            if stats[k] is not None:
                stats[k] = self.columns[k][1].fit_prune(stats[k])
        return stats

    def _active(self, stats):
        for entry in stats:
            if entry is not None:
                return stats
        return None

    def transform(self, records):
        self._check_records("transform", records)
        rows = [[] for _ in records]
        for column in self.columns:
            outputs = column[1].transform(self._values(records, column[0]))
            for i in range(len(rows)):
                if _host.is_list(outputs[i]):
                    for value in outputs[i]:
                        rows[i].append(value)
                else:
                    rows[i].append(outputs[i])
        return rows

    def is_fitted(self):
        for column in self.columns:
            if not column[1].is_fitted():
                return False
        return True

    def get_config(self):
        return {"type": "Columns", "columns": [[column[0], column[1].get_config()] for column in self.columns]}

    def _configure(self, config):
        columns = config_value(config, "columns", "Columns")
        if not _host.is_list(columns):
            raise ValueError("Columns config: 'columns' must be a list of [field, config] pairs")
        for column in columns:
            if not (_host.is_list(column) and len(column) == 2 and _host.is_str(column[0])):
                raise ValueError("Columns config: 'columns' must be a list of [field, config] pairs")
        self.columns = [[column[0], from_config(column[1])] for column in columns]

    def _values(self, records, field):
        return [record[field] for record in records]

    def _check_records(self, method, records):
        where = f"Columns.{method}"
        if not _host.is_list(records):
            raise TypeError(f"{where} expects a list of records, got {_host.type_name(records)}")
        for i in range(len(records)):
            if not _host.is_dict(records[i]):
                raise TypeError(f"{where}: item {i} is {_host.type_name(records[i])}, expected a record (dict)")
            for column in self.columns:
                if not _host.has_key(records[i], column[0]):
                    raise TypeError(f"{where}: item {i} has no field '{column[0]}'")


register(Columns)

# __pragma__('skip')
Columns.RECORDS = True  # Python only: a pandas DataFrame is taken as its records (featurizers.estimator)
# __pragma__('noskip')
