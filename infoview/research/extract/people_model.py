"""The shipped scorer that says how likely a name no rule took is a person's.

The rule finders of :mod:`people` and :mod:`people_lines` are precise but miss people
written in shapes they do not know; every other run of two to four capitalised words on
the page is a candidate too, and this scorer decides which of those to add. It is a
logistic regression over the features of :mod:`people_candidates`, trained by
``benchmarks/train_people_model.py`` on hand-annotated real pages (its docstring says which)
and shipped as plain JSON weights beside this module (``people_model.json``): scoring is a
dot product in Python, deterministic, offline, with no numeric library at run time. The
standardisation used in training is folded into the weights, so the file holds one weight
per feature, a bias and the threshold chosen in training.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("people_model.json")


@dataclass(frozen=True)
class Scorer:
    """Weights over named features; a candidate is kept when its probability reaches ``threshold``."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """The probability that the candidate described by ``features`` is a person."""
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def keeps(self, features: dict[str, float]) -> bool:
        """Whether a candidate's probability reaches the threshold: it is listed."""
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict:
        """The scorer as the JSON object :meth:`from_json` reads."""
        names = sorted(self.weights)
        return {"features": names, "weights": [round(self.weights[n], 6) for n in names],
                "bias": round(self.bias, 6), "threshold": round(self.threshold, 4)}

    @classmethod
    def from_json(cls, data: dict) -> Scorer:
        """A scorer from the object :meth:`to_json` wrote."""
        return cls(dict(zip(data["features"], (float(w) for w in data["weights"]), strict=True)),
                   float(data["bias"]), float(data["threshold"]))


#: The model: it weighs the name-shaped runs of words no rule finder took.
PersonModel = Scorer


_lock = threading.Lock()
_shipped: PersonModel | None = None


def shipped_model() -> PersonModel | None:
    """The model shipped with the package, read once; ``None`` when the file is missing
    (people research then keeps what its rules find, and nothing else)."""
    global _shipped
    with _lock:
        if _shipped is None and MODEL_FILE.exists():
            _shipped = PersonModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
    return _shipped
