"""The one error type that bad data raises, and the problem records it carries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one feature of one file.

    Attributes
    ----------
    file : str
        The file's name as the user gave it.
    reason : str
        What is wrong, in plain words.
    index : int or None
        The feature's position in ``features`` (0-based), or None for a
        problem with the file as a whole.
    feature_id : str or None
        The feature's ``id`` property, when it has a readable one.
    field : str or None
        The property (or ``geometry``) at fault, or None.
    """

    file: str
    reason: str
    index: int | None = None
    feature_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.index is not None:
            label = f"feature {self.index}"
            if self.feature_id:
                label += f" (id {self.feature_id!r})"
            where.append(label)
        if self.field:
            where.append(f"field {self.field!r}")
        return ": ".join(where) + f": {self.reason}"


class DataError(ValueError):
    """A data file broke the rules of ``data/README.md``.

    The message lists every problem found, one per line, each naming the file,
    the feature and the field.

    Parameters
    ----------
    problems : list of Problem
        Everything found wrong; never empty.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = list(problems)
        count = len(self.problems)
        files = sorted({p.file for p in self.problems})
        head = f"{count} problem{'s' if count != 1 else ''} in {', '.join(files)}"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in self.problems))
