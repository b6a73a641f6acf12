"""Train the people scorer shipped with the kit, and measure it by 2-fold cross-validation.

Usage: ``.venv/bin/python benchmarks/train_people_model.py [--write] [--l2 X]``

Data: the 58 pages of ``../shared/corpora/webstruct-people-dev`` with their hand-annotated
people (its README says how a run is scored; ``people_scoring.py`` implements it). Every
candidate :func:`people_candidates` proposes on a page (what the rule finders list and every
other run of two to four capitalised words) is labelled 1 when it names a gold person, 0
when it names nobody in the gold, and left out when it is a ``neutral`` partial name.

The model is a logistic regression (L2 penalty, Newton's method in numpy, features
standardised, bias unpenalised): deterministic, small, and scored at run time as a plain
dot product (:mod:`infoview.research.extract.people_model`). Its threshold is the one that
maximises, on the training pages, the mean of the four measures of issue 17 (recall,
precision, titled recall, right title end to end).

Cross-validation: the pages are split by the parity of their id (the benchmark's folds);
trained on the odd pages and scored on the even ones, then the other way round, each
against the rules alone (no model) on the same pages. The mean of the two test folds is the
estimate for pages never seen. The rules were written reading the odd pages (and a few even
ones), so the rules' even fold is their own held-out figure; the model's candidates come
from those rules, so its odd-fold test is somewhat optimistic.

``--write`` trains on all 58 pages and writes ``infoview/research/extract/people_model.json``.
numpy is needed here only (it comes with pandas); the kit never imports it for people.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from infoview.research.extract.people_candidates import FEATURES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from people_scoring import Score, fold, matches, name_words, score_page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "webstruct-people-dev"
WCXB = ROOT.parent / "shared" / "corpora" / "wcxb-service-dev"
WCXB_LABELS = ROOT / "benchmarks" / "gold" / "people_wcxb_candidates.json"
#: Penalties tried (on standardised features).
L2_GRID = (3.0, 10.0, 30.0, 100.0)
#: Thresholds tried: the probability from which a candidate no finder took is listed.
ADD = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]


def load_pages(folder: Path = CORPUS) -> list[tuple[str, dict, list]]:
    """(id, gold, candidates) for every page of the corpus."""
    from infoview.research.extract import parse_page
    from infoview.research.extract.people import people_candidates

    ids = json.loads((folder / "index.json").read_text())["ids"]
    pages = []
    for page in ids:
        gold = json.loads((folder / "gold" / f"{page}.json").read_text())
        parsed = parse_page((folder / "html" / f"{page}.html").read_bytes(), "http://127.0.0.1/")
        pages.append((page, gold, people_candidates(parsed)))
    return pages


def load_wcxb(folder: Path = WCXB) -> list[tuple[str, dict, list]]:
    """(id, labels, candidates) for the service pages with hand-labelled candidates.

    ``labels`` maps a candidate's name to 1 or 0: the labels of ``WCXB_LABELS``, and 1 for
    the staff and the quoted people the project's own gold lists on the page.
    """
    import gzip

    from infoview.research.extract import parse_page
    from infoview.research.extract.people import people_candidates

    marks: dict[str, dict[str, int]] = {}
    for row in json.loads(WCXB_LABELS.read_text(encoding="utf-8"))["labels"]:
        marks.setdefault(row["page"], {})[row["name"]] = int(row["person"])
    gold = json.loads((ROOT / "benchmarks" / "gold" / "people.json").read_text(encoding="utf-8"))
    known: dict[str, list[str]] = {}
    for kind in ("people", "not_people"):
        for row in gold[kind]:
            if row.get("source") == "corpus":
                known.setdefault(row["page"], []).append(row["name"])
    pages = []
    for page in sorted(set(marks) | set(known)):
        path = folder / "html" / f"{page}.html.gz"
        if not path.exists():
            continue
        cands = people_candidates(parse_page(gzip.decompress(path.read_bytes()), "https://x.invalid/"))
        labels = dict(marks.get(page, {}))
        for cand in cands:
            if any(matches(name_words(cand.name), name_words(n)) for n in known.get(page, [])):
                labels.setdefault(cand.name, 1)
        pages.append((page, labels, cands))
    return pages


def label(gold: dict, name: str) -> int | None:
    """1 when ``name`` names a gold person, None for a neutral partial name, else 0."""
    words = name_words(name)
    for person in gold["people"]:
        forms = [fold(f) for f in person["also"]] or [name_words(person["name"])]
        if any(matches(words, f) for f in forms):
            return 1
    if words and any(words == fold(n) or set(words) <= set(fold(n)) for n in gold.get("neutral", [])):
        return None
    return 0


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Logistic regression by Newton's method; returns weights, bias, mean and scale."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[1:], float(w[0]), mean, scale


def _rows(data: Data) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of the candidates no finder took, on both kinds of page."""
    rows, ys = [], []
    for _, gold, cands in data.pages:
        for cand in cands:
            y = label(gold, cand.name)
            if y is not None and not cand.routes:
                rows.append([cand.features[n] for n in FEATURES])
                ys.append(y)
    for _, labels, cands in data.wcxb:
        for cand in cands:
            if not cand.routes and cand.name in labels:
                rows.append([cand.features[n] for n in FEATURES])
                ys.append(labels[cand.name])
    return rows, ys


@dataclass
class Data:
    """Annotated pages: webstruct's (id, gold, candidates) and the service pages' (id,
    labels, candidates)."""

    pages: list
    wcxb: list

    def split(self, key) -> tuple[Data, Data]:
        """The pages whose id gives ``key(id)`` true, and the others."""
        return (Data([p for p in self.pages if key(p[0])], [p for p in self.wcxb if key(p[0])]),
                Data([p for p in self.pages if not key(p[0])], [p for p in self.wcxb if not key(p[0])]))


def _fit_model(pages: Data, l2: float, threshold: float):
    """A :class:`PersonModel` fitted to the candidates no finder took on ``pages``."""
    from infoview.research.extract.people_model import PersonModel

    rows, ys = _rows(pages)
    w, b, mean, scale = fit(np.array(rows, dtype=float), np.array(ys, dtype=float), l2)
    weights = w / scale  # the standardisation folded into the weights
    bias = b - float((w * mean / scale).sum())
    return PersonModel(dict(zip(FEATURES, weights.tolist(), strict=True)), bias, threshold)


def train(pages: Data, l2: float | None = None):
    """A :class:`PersonModel` trained on ``pages``; its penalty and threshold are chosen by
    an inner 2-fold cross-validation over the same pages (split by ``id // 2`` parity), so
    that they are judged on pages the weights did not see. A threshold above 1 adds no one:
    the rules alone are among the choices.
    """
    from infoview.research.extract.people_model import PersonModel

    inner = pages.split(lambda page: int(page) // 2 % 2)
    totals: dict[tuple[float, float], float] = {}
    for penalty in ([l2] if l2 is not None else L2_GRID):
        for fit_on, judge_on in (inner, inner[::-1]):
            model = _fit_model(fit_on, penalty, 0.5)
            for t in ADD:
                candidate = PersonModel(model.weights, model.bias, t)
                score = evaluate(judge_on.pages, candidate)
                right, added = added_on_service_pages(judge_on.wcxb, candidate)
                totals[(penalty, t)] = totals.get((penalty, t), 0.0) + _objective(score, right, added)
    penalty, threshold = max(totals, key=lambda k: (round(totals[k], 6), k[1], k[0]))
    return _fit_model(pages, penalty, threshold), penalty


def _objective(score: Score, right: int = 0, added: int = 0) -> float:
    """The mean of issue 17's four measures; the precision counts the people added on the
    service pages too (right when labelled a person)."""
    listed = score.right + score.wrong + added
    precision = (score.right + right) / listed if listed else 1.0
    return (score.recall + precision + score.titled_recall + score.right_title) / 4


def added_on_service_pages(wcxb: list, model) -> tuple[int, int]:
    """How many candidates no finder took the model adds on the labelled service pages, and
    how many of those are labelled persons (unlabelled ones are left out)."""
    right = added = 0
    for _, labels, cands in wcxb:
        for cand in cands:
            if not cand.routes and cand.name in labels and model.keeps(cand.features):
                added += 1
                right += labels[cand.name]
    return right, added


def evaluate(pages: list, model) -> Score:
    """The benchmark's score of what :func:`choose` lists with ``model`` (``None``: rules)."""
    from infoview.research.extract.people import choose

    total = Score()
    for page, gold, cands in pages:
        listed = choose(cands, "http://127.0.0.1/", model)
        total.add(score_page(page, gold, [(p.name, p.title) for p in listed]))
    return total


def main() -> int:
    args = sys.argv[1:]
    l2 = float(args[args.index("--l2") + 1]) if "--l2" in args else None
    data = Data(load_pages(), load_wcxb())
    odd, even = data.split(lambda page: int(page) % 2)
    print(f"{len(data.pages)} webstruct pages, {len(data.wcxb)} service pages with labels")
    tests = []
    for train_on, test_on, label_ in ((odd, even, "train odd, test even"),
                                      (even, odd, "train even, test odd")):
        model, penalty = train(train_on, l2)
        rules, learned = evaluate(test_on.pages, None), evaluate(test_on.pages, model)
        right, added = added_on_service_pages(test_on.wcxb, model)
        tests.append((rules, learned))
        print(f"{label_} (L2 {penalty}, threshold {model.threshold}):")
        print(f"  rules  {rules.line()}")
        print(f"  model  {learned.line()}")
        print(f"  service pages: the model adds {added} labelled candidates, {right} of them people")
    for who, i in (("rules", 0), ("model", 1)):
        mean = {k: sum(getattr(t[i], k) for t in tests) / 2
                for k in ("recall", "precision", "titled_recall", "right_title")}
        print(f"mean of the two test folds, {who}: " + ", ".join(f"{k} {v:.3f}" for k, v in mean.items()))
    if "--write" in args:
        from infoview.research.extract.people_model import MODEL_FILE

        model, penalty = train(data, l2)
        MODEL_FILE.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)} (L2 {penalty}, threshold {model.threshold})")
        print(f"  all pages, in sample: {evaluate(data.pages, model).line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
