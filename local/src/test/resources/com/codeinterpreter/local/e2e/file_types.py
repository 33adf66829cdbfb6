# Writes one file of each type the contract supports into /mnt/data with the sandbox's own libraries, reads
# each back with a reader (a different library where there is one), and prints what came back as one JSON
# line: {type: what was read, or "error: ..."}. FileTypesTest compares it with what was written.
import json
import traceback

ROWS = [("web-01", 42, 12.5), ("db-02", 7, 3.25)]
COLUMNS = ["host", "errors", "latency"]
TITLE = "Errors by host"
read_back = {}


def rows_text(rows):
    return ";".join(",".join(str(v) for v in row) for row in rows)


def frame_text(df):
    return rows_text(df[COLUMNS].itertuples(index=False, name=None))


def check(kind):
    """Runs the function it decorates at once, and keeps what it returns (or its error) under kind."""
    def run(body):
        try:
            read_back[kind] = body()
        except Exception as e:
            read_back[kind] = "error: %s: %s | %s" % (type(e).__name__, e, traceback.format_exc(limit=-2))
    return run


import pandas as pd

df = pd.DataFrame(ROWS, columns=COLUMNS)


# ---- images --------------------------------------------------------------------------------------------
from PIL import Image

PIXELS = [(255, 0, 0), (0, 128, 0), (0, 0, 255), (255, 255, 255)] * 2
picture = Image.new("RGB", (4, 2))
picture.putdata(PIXELS)


def lossless(name, **options):
    def body():
        picture.save(name, **options)
        with Image.open(name) as again:
            return "%s %dx%d %s" % (again.format, again.width, again.height, list(again.convert("RGB").getdata()) == PIXELS)
    return body


for kind, name, options in (("png", "pixels.png", {}), ("gif", "pixels.gif", {}), ("bmp", "pixels.bmp", {}),
                            ("webp", "pixels.webp", {"lossless": True}), ("tiff", "pixels.tiff", {})):
    check(kind)(lossless(name, **options))


@check("jpg")
def _():
    Image.new("RGB", (16, 16), (200, 30, 30)).save("solid.jpg", quality=95)
    with Image.open("solid.jpg") as again:
        near = all(abs(a - b) <= 8 for p in again.getdata() for a, b in zip(p, (200, 30, 30)))
        return "%s %dx%d %s" % (again.format, again.width, again.height, near)


import matplotlib
import matplotlib.pyplot as plt

matplotlib.rcParams["svg.fonttype"] = "none"  # keeps the title as text in the SVG
fig, ax = plt.subplots()
ax.bar(df["host"], df["errors"])
ax.set_title(TITLE)


@check("svg")
def _():
    fig.savefig("chart.svg")
    import xml.etree.ElementTree as ET
    texts = [t.text for t in ET.parse("chart.svg").iter("{http://www.w3.org/2000/svg}text")]
    return TITLE if TITLE in texts else "title not found in %s" % texts


@check("eps")
def _():
    fig.savefig("chart.eps")
    with open("chart.eps", "rb") as f:
        text = f.read().decode("latin-1")
    return "%s %s" % (text.splitlines()[0], "%%BoundingBox:" in text)


plt.close(fig)

# ---- data ----------------------------------------------------------------------------------------------
check("csv")(lambda: (df.to_csv("table.csv", index=False), frame_text(pd.read_csv("table.csv")))[1])
check("tsv")(lambda: (df.to_csv("table.tsv", sep="\t", index=False), frame_text(pd.read_csv("table.tsv", sep="\t")))[1])
check("xlsx")(lambda: (df.to_excel("table.xlsx", index=False), frame_text(pd.read_excel("table.xlsx")))[1])


@check("xls")
def _():
    import xlwt
    book = xlwt.Workbook()
    sheet = book.add_sheet("hosts")
    for r, row in enumerate([COLUMNS] + [list(x) for x in ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save("table.xls")
    return frame_text(pd.read_excel("table.xls"))


check("json")(lambda: (df.to_json("table.json", orient="records"), frame_text(pd.read_json("table.json")))[1])
check("xml")(lambda: (df.to_xml("table.xml", index=False), frame_text(pd.read_xml("table.xml")))[1])


@check("yaml")
def _():
    import yaml
    with open("table.yaml", "w") as f:
        yaml.safe_dump(df.to_dict(orient="records"), f)
    with open("table.yaml") as f:
        return frame_text(pd.DataFrame(yaml.safe_load(f)))


@check("hdf5")
def _():
    import h5py
    df.to_hdf("table.h5", key="hosts", format="table")  # PyTables
    with h5py.File("table.h5", "r") as f:
        assert "hosts" in f, list(f)
    return frame_text(pd.read_hdf("table.h5", "hosts"))


@check("netcdf")
def _():
    import netCDF4
    import xarray as xr
    df.set_index("host").to_xarray().to_netcdf("table.nc")
    with netCDF4.Dataset("table.nc") as nc:
        assert sorted(nc.variables) == sorted(COLUMNS), list(nc.variables)
    with xr.open_dataset("table.nc") as ds:
        return frame_text(ds.to_dataframe().reset_index())


check("pickle")(lambda: (df.to_pickle("table.pkl"), frame_text(pd.read_pickle("table.pkl")))[1])

# ---- documents -----------------------------------------------------------------------------------------


@check("pdf")
def _():
    from reportlab.pdfgen import canvas
    from pypdf import PdfReader
    c = canvas.Canvas("report.pdf")
    c.drawString(72, 720, TITLE)
    c.save()
    return PdfReader("report.pdf").pages[0].extract_text().strip()


@check("html")
def _():
    from bs4 import BeautifulSoup
    df.to_html("table.html", index=False)
    with open("table.html") as f:
        headers = [th.get_text() for th in BeautifulSoup(f.read(), "html.parser").find_all("th")]
    assert headers == COLUMNS, headers
    return frame_text(pd.read_html("table.html")[0])


@check("markdown")
def _():
    import markdown
    with open("table.md", "w") as f:
        f.write("# %s\n\n%s\n" % (TITLE, df.to_markdown(index=False)))
    with open("table.md") as f:
        html = markdown.markdown(f.read(), extensions=["tables"])
    return frame_text(pd.read_html(html)[0])


@check("docx")
def _():
    import docx
    document = docx.Document()
    document.add_heading(TITLE)
    table = document.add_table(rows=0, cols=3)
    for row in ROWS:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = str(value)
    document.save("report.docx")
    again = docx.Document("report.docx")
    return rows_text([[c.text for c in row.cells] for row in again.tables[0].rows])


check("ods")(lambda: (df.to_excel("table.ods", index=False), frame_text(pd.read_excel("table.ods")))[1])


@check("odt")
def _():
    from odf import teletype, text
    from odf.opendocument import OpenDocumentText, load
    document = OpenDocumentText()
    document.text.addElement(text.P(text=TITLE))
    document.save("report.odt")
    return teletype.extractText(load("report.odt").getElementsByType(text.P)[0])


@check("odp")
def _():
    from odf import draw, style, teletype, text
    from odf.opendocument import OpenDocumentPresentation, load
    document = OpenDocumentPresentation()
    layout = style.PageLayout(name="slide")
    document.automaticstyles.addElement(layout)
    master = style.MasterPage(name="standard", pagelayoutname=layout)
    document.masterstyles.addElement(master)
    page = draw.Page(masterpagename=master)
    document.presentation.addElement(page)
    frame = draw.Frame(width="20cm", height="3cm", x="2cm", y="2cm")
    page.addElement(frame)
    box = draw.TextBox()
    frame.addElement(box)
    box.addElement(text.P(text=TITLE))
    document.save("slides.odp")
    return teletype.extractText(load("slides.odp").getElementsByType(text.P)[0])


# ---- code ----------------------------------------------------------------------------------------------


@check("python")
def _():
    import importlib
    with open("hosts_module.py", "w") as f:
        f.write("def worst():\n    return %r\n" % (ROWS[0][0],))
    importlib.invalidate_caches()
    return importlib.import_module("hosts_module").worst()


@check("notebook")
def _():
    import nbformat
    from nbconvert import MarkdownExporter
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# " + TITLE),
                                               nbformat.v4.new_code_cell("errors = %d" % ROWS[0][1])])
    nbformat.write(notebook, "analysis.ipynb")
    again = nbformat.read("analysis.ipynb", as_version=4)
    nbformat.validate(again)
    body, _ = MarkdownExporter().from_notebook_node(again)
    return "%s | %s" % (again.cells[1].source, body.strip().splitlines()[0])


@check("r")
def _():
    with open("summary.R", "w") as f:
        f.write("hosts <- read.csv('table.csv')\nsummary(hosts)\n")
    with open("summary.R") as f:
        return f.read().splitlines()[0]


@check("sql")
def _():
    import sqlite3
    with open("hosts.sql", "w") as f:
        f.write("CREATE TABLE hosts (host TEXT, errors INTEGER, latency REAL);\n")
        f.writelines("INSERT INTO hosts VALUES ('%s', %d, %r);\n" % row for row in ROWS)
    with sqlite3.connect("hosts.db") as db, open("hosts.sql") as f:
        db.executescript(f.read())
        return frame_text(pd.read_sql("SELECT * FROM hosts ORDER BY errors DESC", db))


# ---- archives ------------------------------------------------------------------------------------------


@check("zip")
def _():
    import zipfile
    with zipfile.ZipFile("bundle.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write("table.csv")
    with zipfile.ZipFile("bundle.zip") as z:
        return frame_text(pd.read_csv(z.open("table.csv")))


@check("tar")
def _():
    import tarfile
    with tarfile.open("bundle.tar", "w") as t:
        t.add("table.csv")
    with tarfile.open("bundle.tar") as t:
        return frame_text(pd.read_csv(t.extractfile("table.csv")))


check("gz")(lambda: (df.to_csv("table.csv.gz", index=False), frame_text(pd.read_csv("table.csv.gz")))[1])

# ---- analysis libraries the contract's scenarios lean on -----------------------------------------------


@check("scikit-learn")
def _():
    from sklearn.linear_model import LinearRegression
    model = LinearRegression().fit(df[["errors"]], df["latency"])
    return round(float(model.predict(pd.DataFrame({"errors": [42]}))[0]), 6)


@check("statsmodels")
def _():
    import statsmodels.api as sm
    fit = sm.OLS(df["latency"], sm.add_constant(df["errors"])).fit()
    return round(float(fit.predict([[1, 7]])[0]), 6)


@check("plotly")
def _():
    import plotly.graph_objects as go
    import plotly.io as pio
    go.Figure(go.Bar(x=df["host"], y=df["errors"]), layout_title_text=TITLE).write_json("chart.plotly.json")
    return pio.read_json("chart.plotly.json").layout.title.text


@check("networkx")
def _():
    import networkx as nx
    graph = nx.DiGraph([("lb", "web-01"), ("web-01", "db-02"), ("lb", "cache")])
    return "-".join(nx.shortest_path(graph, "lb", "db-02"))


print(json.dumps(read_back, sort_keys=True))
