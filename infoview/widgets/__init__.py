"""ipywidgets panels: one class per step, each a thin view over the library."""
