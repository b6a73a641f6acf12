"""Where infoview finds its shipped data and keeps the user's data."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "infoview"


def data_dir() -> Path:
    """The folder of shipped data (question bank, sample site, sample dataset).

    In a wheel install the data is packaged as ``infoview/_data``; in a source checkout
    (``pip install -e .``) it is the repository's top-level ``data/``.
    """
    packaged = Path(__file__).resolve().parent / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def user_data_dir() -> Path:
    """The user's own data folder for infoview (created on demand by callers)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The database file: ``$INFOVIEW_DB`` if set, else ``infoview.sqlite`` in the data folder."""
    env = os.environ.get("INFOVIEW_DB")
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "infoview.sqlite"


def default_cache_path(db_path: Path | None = None) -> Path:
    """The HTTP cache file, kept beside the database."""
    db = Path(db_path) if db_path is not None else default_db_path()
    return db.with_name(db.stem + "-http-cache.sqlite")


def own_questions_path(db_path: Path | None = None) -> Path:
    """The user's own question file added in the app, kept beside the database (the CLI's
    ``--bank-file`` and ``$INFOVIEW_QUESTIONS`` name one anywhere)."""
    db = Path(db_path) if db_path is not None else default_db_path()
    return db.with_name(db.stem + "-questions.csv")


def default_exports_dir(demo: bool = False) -> Path:
    """Where exports go unless the user says otherwise: ``infoview-exports`` in the user's
    documents folder, and its ``demo`` subfolder for the sample data. Both outlive the app
    (a demo store is thrown away when the app stops; the files written from it are not)."""
    from platformdirs import user_documents_path

    folder = user_documents_path() / "infoview-exports"
    return folder / "demo" if demo else folder
