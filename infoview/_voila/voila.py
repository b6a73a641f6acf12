"""Voila's configuration for ``infoview app``: read by Voila (``--Voila.config_file_paths``
points at this folder), never imported by infoview.

- The page template is infoview's (:file:`share/voila/templates/infoview`): Voila's own page
  without the style sheets it would fetch from a CDN.
- The page's connection takes messages up to ``WEBSOCKET_LIMIT`` (tornado's default, 10 MiB,
  cut the connection when a mailbox larger than that was uploaded, with no word on the page).
- Every notebook page sets the ``_xsrf`` cookie before it is sent. Voila's page shuts its
  kernel down on close with a POST that carries that cookie's value; Voila's render page
  never sets it, so the POST was refused (403) and kernels piled up until Voila stopped.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.app import WEBSOCKET_LIMIT, voila_prelaunch_hook

if TYPE_CHECKING:  # pragma: no cover
    from traitlets.config import Config

    def get_config() -> Config:
        """traitlets puts this in a config file's namespace when it runs the file."""
        ...

c = get_config()

_SHARE = str(Path(__file__).resolve().parent / "share")
# Voila finds templates on the Jupyter data path; put infoview's first.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (_SHARE, os.environ.get("JUPYTER_PATH", "")) if p)
c.VoilaConfiguration.template = "infoview"
c.VoilaConfiguration.prelaunch_hook = voila_prelaunch_hook
c.Voila.tornado_settings = {"websocket_max_message_size": WEBSOCKET_LIMIT}
