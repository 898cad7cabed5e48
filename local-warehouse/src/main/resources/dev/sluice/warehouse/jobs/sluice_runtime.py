"""The local warehouse's Python job runtime: what a Databricks Python task or notebook finds around it.

`spark.sql(text, args)` runs SQL through the warehouse's own statement API (over loopback HTTP, with a token the
warehouse issued for this task run) and returns the rows; `dbutils.widgets.get` reads the task's parameters;
`dbutils.notebook.exit(value)` ends a notebook with `notebook_output.result`. PySpark DataFrames are not here:
`spark.sql(...)` gives a list of rows, and `.collect()`, `.first()`, `.count()` and `.show()` work on it.
Started by the warehouse as `python3 -m sluice_runtime <kind> <file> [args...]` with its settings in SLUICE_* env.
"""
import json
import os
import runpy
import sys
import time
import traceback
import urllib.request
import urllib.error
import zipfile


class Row(tuple):
    """A result row: a tuple whose fields are also attributes and keys, like pyspark.sql.Row."""

    def __new__(cls, names, values):
        row = super().__new__(cls, values)
        row._names = list(names)
        return row

    def __getattr__(self, name):
        try:
            return self[self._names.index(name)]
        except ValueError:
            raise AttributeError(name) from None

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def asDict(self):
        return dict(zip(self._names, self))

    def __repr__(self):
        return "Row(" + ", ".join("%s=%r" % (n, v) for n, v in zip(self._names, self)) + ")"


class Rows(list):
    """The rows of one statement. Not a DataFrame: the local runtime has no PySpark."""

    def __init__(self, columns, rows):
        super().__init__(rows)
        self.columns = columns

    def collect(self):
        return list(self)

    def first(self):
        return self[0] if self else None

    def count(self):
        return len(self)

    def show(self, n=20):
        print(" | ".join(self.columns))
        for r in self[:n]:
            print(" | ".join("null" if v is None else str(v) for v in r))


class SqlError(Exception):
    pass


_NUMBER = {"TINYINT", "SMALLINT", "INT", "BIGINT", "LONG", "SHORT", "BYTE"}
_FLOAT = {"FLOAT", "DOUBLE"}


def _convert(value, type_name):
    if value is None:
        return None
    t = (type_name or "").upper()
    if t in _NUMBER:
        return int(value)
    if t in _FLOAT:
        return float(value)
    if t == "BOOLEAN":
        return value == "true"
    return value


class _Session:
    def __init__(self):
        self._url = os.environ["SLUICE_URL"]
        self._token = os.environ["SLUICE_TOKEN"]
        self._warehouse = os.environ["SLUICE_WAREHOUSE_ID"]

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self._url + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self._token)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=600) as answer:
                return json.loads(answer.read().decode("utf-8") or "{}")
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            raise SqlError("HTTP %d from the warehouse: %s" % (e.code, detail)) from None

    def sql(self, text, args=None):
        body = {"statement": text, "warehouse_id": self._warehouse, "wait_timeout": "30s",
                "on_wait_timeout": "CONTINUE", "format": "JSON_ARRAY", "disposition": "INLINE"}
        if args:
            body["parameters"] = [{"name": k, "value": None if v is None else str(v)} for k, v in args.items()]
        answer = self._call("POST", "/api/2.0/sql/statements", body)
        while answer.get("status", {}).get("state") in ("PENDING", "RUNNING"):
            time.sleep(0.1)
            answer = self._call("GET", "/api/2.0/sql/statements/" + answer["statement_id"])
        status = answer.get("status", {})
        if status.get("state") != "SUCCEEDED":
            error = status.get("error", {})
            raise SqlError("%s: %s" % (error.get("error_code", status.get("state")), error.get("message", "")))
        columns = answer.get("manifest", {}).get("schema", {}).get("columns", [])
        names = [c["name"] for c in columns]
        types = [c.get("type_name") for c in columns]
        result = answer.get("result", {})
        rows = []
        while True:
            for values in result.get("data_array", []) or []:
                rows.append(Row(names, [_convert(v, t) for v, t in zip(values, types)]))
            link = result.get("next_chunk_internal_link")
            if not link:
                break
            result = self._call("GET", link)
        return Rows(names, rows)

    def table(self, name):
        return self.sql("SELECT * FROM " + name)


class _NotebookExit(BaseException):
    def __init__(self, value):
        super().__init__(value)
        self.value = value


class _Widgets:
    def __init__(self, params):
        self._params = params

    def get(self, name):
        if name not in self._params:
            raise ValueError("InputWidgetNotDefined: No input widget named %s is defined" % name)
        return self._params[name]

    def getAll(self):
        return dict(self._params)

    def text(self, name, default_value="", label=None):
        self._params.setdefault(name, default_value)

    def dropdown(self, name, default_value, choices, label=None):
        self._params.setdefault(name, default_value)


class _Notebook:
    def exit(self, value):
        raise _NotebookExit(str(value))


class _DBUtils:
    def __init__(self, params):
        self.widgets = _Widgets(params)
        self.notebook = _Notebook()


CELL = "# COMMAND ----------"
HEADER = "# Databricks notebook source"


def _cells(source):
    cells, current = [], []
    for line in source.splitlines():
        if line.strip() == CELL:
            cells.append("\n".join(current))
            current = []
        elif line.strip() != HEADER:
            current.append(line)
    cells.append("\n".join(current))
    return [c for c in cells if c.strip()]


def _magic(cell, spark):
    """Runs a `# MAGIC %sql` cell and skips `%md`; returns False when the cell is plain Python."""
    lines = [l for l in cell.splitlines() if l.strip()]
    if not lines or not all(l.startswith("# MAGIC") for l in lines):
        return False
    body = [l[len("# MAGIC"):].lstrip(" ") if len(l) > 7 else "" for l in lines]
    if body[0].startswith("%md"):
        return True
    if body[0].startswith("%sql"):
        spark.sql("\n".join([body[0][4:]] + body[1:]).strip())
        return True
    raise SqlError("Magic command %s is not available in the local warehouse" % body[0].split()[0])


def _wheel_entry(wheel, package, entry_point):
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.endswith(".dist-info/entry_points.txt"):
                for line in z.read(name).decode("utf-8").splitlines():
                    if "=" in line and line.split("=", 1)[0].strip() == entry_point:
                        return line.split("=", 1)[1].strip()
    return package + ":" + entry_point


def main(argv):
    kind, path, args = argv[0], argv[1], argv[2:]
    params = json.loads(os.environ.get("SLUICE_PARAMS", "{}"))
    spark = _Session()
    dbutils = _DBUtils(params)
    result_file = os.environ["SLUICE_RESULT_FILE"]
    outcome = {}
    try:
        if kind == "notebook":
            scope = {"__name__": "__main__", "spark": spark, "dbutils": dbutils}
            with open(path, encoding="utf-8") as f:
                source = f.read()
            for cell in _cells(source):
                if not _magic(cell, spark):
                    exec(compile(cell, path, "exec"), scope)
        elif kind == "file":
            sys.argv = [path] + args
            import builtins
            builtins.spark = spark
            builtins.dbutils = dbutils
            runpy.run_path(path, run_name="__main__")
        elif kind == "wheel":
            package, entry_point = args[0], args[1]
            sys.path.insert(0, path)
            sys.argv = [package] + args[2:]
            import builtins
            builtins.spark = spark
            builtins.dbutils = dbutils
            target = _wheel_entry(path, package, entry_point)
            module_name, _, attr = target.partition(":")
            module = __import__(module_name, fromlist=["_"])
            function = module
            for part in attr.split("."):
                function = getattr(function, part)
            function()
        else:
            raise ValueError("unknown task kind " + kind)
    except _NotebookExit as e:
        outcome["result"] = e.value
    except SystemExit as e:
        if e.code not in (None, 0):
            outcome["error"] = "SystemExit: %s" % e.code
            outcome["trace"] = traceback.format_exc()
    except BaseException as e:
        outcome["error"] = "%s: %s" % (type(e).__name__, e)
        outcome["trace"] = traceback.format_exc()
        traceback.print_exc()
    sys.stdout.flush()
    with open(result_file, "w", encoding="utf-8") as f:
        json.dump(outcome, f)
    return 1 if "error" in outcome else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
