/**
 * Python projects: pytest when the project is set up for it (pytest.ini, conftest.py, a `[tool.pytest…]` table, a
 * `[pytest]`/`[tool:pytest]` section, or pytest among its declared dependencies), else the standard library's unittest.
 * Lint with ruff or flake8 when configured; a type check with mypy when configured counts as the build.
 */
import { exists, listDir, readText } from "./files.js";
import type { ProjectCommands } from "./types.js";

const MARKERS = ["pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile", "pytest.ini", "tox.ini"];

export interface PythonFindings {
  tests: "pytest" | "unittest";
  commands: ProjectCommands;
  evidence: string[];
}

function isPythonProject(root: string): string | undefined {
  const marker = MARKERS.find((m) => exists(root, m));
  if (marker) return marker;
  return listDir(root).find((f) => f.endsWith(".py"));
}

function pytestEvidence(root: string, texts: Record<string, string | undefined>): string | undefined {
  if (exists(root, "pytest.ini")) return "pytest.ini";
  if (exists(root, "conftest.py")) return "conftest.py";
  if (exists(root, "tests/conftest.py")) return "tests/conftest.py";
  if (/^\[tool\.pytest/m.test(texts["pyproject.toml"] ?? "")) return "pyproject.toml#tool.pytest";
  if (/^\[pytest\]/m.test(texts["tox.ini"] ?? "")) return "tox.ini#pytest";
  if (/^\[tool:pytest\]/m.test(texts["setup.cfg"] ?? "")) return "setup.cfg#tool:pytest";
  for (const file of ["requirements.txt", "requirements-dev.txt", "pyproject.toml", "Pipfile", "setup.py"]) {
    if (/(^|["'\s,[])pytest\b/m.test(texts[file] ?? "")) return `${file}#pytest`;
  }
  return undefined;
}

function lintOf(root: string, texts: Record<string, string | undefined>): [string, string] | undefined {
  if (exists(root, "ruff.toml") || exists(root, ".ruff.toml")) return ["ruff check .", "ruff.toml"];
  if (/^\[tool\.ruff/m.test(texts["pyproject.toml"] ?? "")) return ["ruff check .", "pyproject.toml#tool.ruff"];
  if (exists(root, ".flake8")) return ["flake8", ".flake8"];
  if (/^\[flake8\]/m.test(`${texts["setup.cfg"] ?? ""}\n${texts["tox.ini"] ?? ""}`))
    return ["flake8", "setup.cfg#flake8"];
  return undefined;
}

function typeCheckOf(root: string, texts: Record<string, string | undefined>): [string, string] | undefined {
  if (exists(root, "mypy.ini")) return ["mypy .", "mypy.ini"];
  if (/^\[tool\.mypy\]/m.test(texts["pyproject.toml"] ?? "")) return ["mypy .", "pyproject.toml#tool.mypy"];
  return undefined;
}

export function detectPython(root: string): PythonFindings | undefined {
  const marker = isPythonProject(root);
  if (marker === undefined) return undefined;
  const files = [
    "pyproject.toml",
    "tox.ini",
    "setup.cfg",
    "requirements.txt",
    "requirements-dev.txt",
    "Pipfile",
    "setup.py",
  ];
  const texts = Object.fromEntries(files.map((f) => [f, readText(root, f)]));
  const evidence = [marker];
  const pytest = pytestEvidence(root, texts);
  const commands: ProjectCommands = { test: pytest ? "python3 -m pytest -q" : "python3 -m unittest" };
  if (pytest) evidence.push(pytest);
  const lint = lintOf(root, texts);
  if (lint) {
    commands.lint = lint[0];
    evidence.push(lint[1]);
  }
  const typeCheck = typeCheckOf(root, texts);
  if (typeCheck) {
    commands.build = typeCheck[0];
    evidence.push(typeCheck[1]);
  }
  return { tests: pytest ? "pytest" : "unittest", commands, evidence };
}
