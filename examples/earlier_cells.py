"""For lessons whose note defines things in earlier cells: what another lesson's file
defines (its imports, functions and classes), without running its statements."""

import ast
import os


def definitions(lesson, *names):
    """The objects called `names` that `examples/LESSON.py` defines."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), lesson + ".py")
    with open(path, encoding="utf-8") as file:
        tree = ast.parse(file.read(), path)
    kept = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    tree.body = [s for s in tree.body if isinstance(s, kept) or is_definitions(s)]
    namespace = {"__name__": lesson}
    exec(compile(tree, path, "exec"), namespace)
    return tuple(namespace[name] for name in names) if len(names) > 1 else namespace[names[0]]


def is_definitions(statement):
    """Whether `statement` is `... = definitions(...)`, a lesson's own driver."""
    return (
        isinstance(statement, ast.Assign)
        and isinstance(statement.value, ast.Call)
        and getattr(statement.value.func, "id", None) == "definitions"
    )
