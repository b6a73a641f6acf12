"""Write the sample site's annual report, ``data/sample_site/reports/kestrel-annual-report-2024.pdf``.

Usage: ``.venv/bin/python scripts/make_sample_report.py``

The fictional company's report (four pages: cover, the chief executive's letter, the year
in numbers, where it works) is written here as HTML and printed to PDF with WeasyPrint. The
PDF is committed (about 20 KB) so that the demo and the notebooks need no renderer to read
it; run this again after changing the text.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "sample_site" / "reports" / \
    "kestrel-annual-report-2024.pdf"

HTML = """<html><head><meta charset="utf-8"><title>Kestrel Health Labs Annual Report 2024</title>
<style>
@page { size: A4; margin: 20mm; @bottom-center { content: counter(page); font-size: 8pt; } }
body { font-family: sans-serif; font-size: 10pt; line-height: 1.4; }
section { break-after: page; }
.cover { text-align: center; padding-top: 80mm; }
.cover h1 { font-size: 32pt; margin: 0; } .cover p { font-size: 18pt; color: #1f5f7a; }
h2 { color: #1f5f7a; } .cols { columns: 2; column-gap: 8mm; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 0.5pt solid #999; padding: 2mm; text-align: right; }
td:first-child, th:first-child { text-align: left; }
</style></head><body>
<section class="cover"><h1>Kestrel Health Labs</h1><p>Annual Report 2024</p></section>
<section><h2>A letter from our Chief Executive</h2><div class="cols">
<p>Nine years after a practice nurse and a software engineer started Kestrel in a Bristol
spare room, our software now books appointments and watches over patients for more than a
hundred clinics.</p>
<p>Our priorities for 2025 are to bring Kestrel Watch to every clinic on the national
framework, to halve the time patients spend on hold, and to keep our research with patients
at the centre of every release.</p>
<p>None of this happens without the people who build it. Thank you to our clinics, to our
patients who tested early versions, and to a team that never forgets who the software is
for.</p><p>Imogen Hartley, Chief Executive Officer</p></div></section>
<section><h2>2024 in numbers</h2>
<table><tr><th></th><th>2024</th><th>2023</th></tr>
<tr><td>Employees</td><td>46</td><td>38</td></tr>
<tr><td>Revenue (£m)</td><td>4.2</td><td>3.1</td></tr>
<tr><td>Clinics served</td><td>142</td><td>97</td></tr></table>
<p>Revenue rose 35% to £4.2 million, most of it from Kestrel Book subscriptions. Kestrel
Watch, launched in 2022, passed 30,000 monitored patients in November.</p>
<p>After the year end, we raised £6 million in a round led by a Bristol health-technology
fund, to bring remote monitoring to more clinics.</p></section>
<section><h2>Where we work</h2>
<p>We are based in Bristol, with clinics across England and Wales using our software.</p>
<p>Our largest markets are general practice and community health services in England.</p>
</section></body></html>"""


def main() -> None:
    from weasyprint import HTML as Document

    OUT.write_bytes(Document(string=HTML).write_pdf())
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
