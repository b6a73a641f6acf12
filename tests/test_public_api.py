"""The names in ``infoview.__all__`` are the public API: each resolves, and importing the
package loads none of the heavy modules."""

import subprocess
import sys

import infoview


def test_every_public_name_resolves():
    for name in infoview.__all__:
        assert getattr(infoview, name) is not None, name


def test_import_infoview_loads_no_heavy_module():
    probe = ("import sys, infoview; heavy = {'pandas', 'requests', 'trafilatura', 'lxml', "
             "'matplotlib', 'networkx', 'jinja2', 'weasyprint', 'ipywidgets'}; "
             "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_the_command_lines_parser_loads_no_heavy_module():
    # `infoview --help` builds the parser from every cli module: each must stay light at
    # its top, or every command, even --help, waits for lxml or pandas.
    probe = ("import sys, infoview.cli; infoview.cli.build_parser(); heavy = {'pandas', "
             "'requests', 'trafilatura', 'lxml', 'matplotlib', 'networkx', 'jinja2', "
             "'weasyprint', 'ipywidgets'}; print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
