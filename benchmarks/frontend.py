"""What the web app costs: `make run`'s first start, a rebuild, a cached no-op, bundle sizes.

    uv run python benchmarks/frontend.py                    # the default products
    uv run python benchmarks/frontend.py --products 6 --repeat 3

It bakes a project with a frontend (every other product uses the facade of the one
before), then times, in wall seconds:

- `make run`'s first start, from the bake to the app answering at `/`: Python and
  frontend installs (from warm uv and pnpm caches: run it twice, the first run warms
  them), migrations and the app's build;
- a rebuild after one product's scene changed (`make frontend`: turbo misses, Vite builds);
- a cached no-op of the same command, and of every frontend check (`make frontend-test`
  runs typecheck, lint, tests and build; turbo replays them all), through make (which
  starts pnpm) and as turbo itself reports the run;

and each product's chunk of the build (its lazily loaded scenes), from Vite's manifest.
Targets: a first start within 60 s with warm caches, a cached no-op within 1 s.
It prints medians of --repeat and asserts nothing.
"""

import json
import re
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from baking import arguments, bake, timed, user_environment

SCENE = "frontend/scenes/ItemsScene.tsx"
TURBO_TIME = re.compile(r"Time:\s+([\d.]+)(ms|s)\b")


def first_start(project: Path, env: dict[str, str], port: int) -> float:
    """Seconds from `make run` to the app's page at `/`."""
    start = time.perf_counter()
    server = subprocess.Popen(
        ("make", "run", f"PORT={port}"),
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    if b'id="root"' in page.read():
                        return time.perf_counter() - start
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise SystemExit(f"make run exited {server.returncode} before serving the app")
    finally:
        subprocess.run(("kill", "--", f"-{server.pid}"), check=False)
        server.wait()


def chunk_sizes(project: Path) -> dict[str, int]:
    """Each product's own chunk (its scenes), in bytes, from Vite's build manifest."""
    dist = project / "frontend" / "dist"
    manifest = json.loads((dist / ".vite" / "manifest.json").read_text())
    sizes: dict[str, int] = {}
    for source, chunk in manifest.items():
        parts = source.split("/")
        if "products" in parts:
            product = parts[parts.index("products") + 1]
            sizes[product] = sizes.get(product, 0) + (dist / chunk["file"]).stat().st_size
    sizes["(the app and its libraries)"] = (dist / manifest["index.html"]["file"]).stat().st_size
    return sizes


def turbo_seconds(output: str) -> float:
    """The run's own time, as turbo reports it (without npx and pnpm starting)."""
    found = TURBO_TIME.search(output)
    if not found:
        raise SystemExit(f"turbo reported no time:\n{output}")
    value, unit = found.groups()
    return float(value) / (1000 if unit == "ms" else 1)


def edit_scene(project: Path, product: str, run: int) -> None:
    scene = project / "products" / product / SCENE
    scene.write_text(scene.read_text() + f"// benchmark edit {run}\n")


def main() -> None:
    args = arguments(__doc__, 2)
    # A git identity, so the bake is a repository with its first commit, as a user's is.
    identity = {
        f"GIT_{who}_{what}": value
        for who in ("AUTHOR", "COMMITTER")
        for what, value in (("NAME", "Benchmark"), ("EMAIL", "benchmark@example.com"))
    }
    env = {**user_environment(), **identity, "TURBO_TELEMETRY_DISABLED": "1"}
    starts, rebuilds, noops, checks, turbo = [], [], [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.repeat):
            directory = Path(scratch, str(run))
            directory.mkdir()
            project, _ = bake(args.products, directory, env)
            starts.append(first_start(project, env, 8700 + run))
            edit_scene(project, "p001", run)
            rebuilds.append(timed(("make", "frontend"), project, env))
            noops.append(timed(("make", "frontend"), project, env))
            timed(("make", "frontend-test"), project, env)  # fills turbo's cache
            start = time.perf_counter()
            output = subprocess.run(
                ("make", "frontend-test"), cwd=project, env=env, check=True, capture_output=True
            ).stdout.decode()
            checks.append(time.perf_counter() - start)
            turbo.append(turbo_seconds(output))
        sizes = chunk_sizes(project)

    print(f"{args.products} products, medians of {args.repeat} runs (wall seconds):")
    print(f"  make run, first start to the app at /: {statistics.median(starts):6.1f}  (target 60)")
    print(f"  make frontend after a scene changed:   {statistics.median(rebuilds):6.1f}")
    print(f"  make frontend, nothing changed:        {statistics.median(noops):6.2f}  (target 1)")
    print(f"  make frontend-test, nothing changed:   {statistics.median(checks):6.2f}")
    print(f"  of which turbo's own run (its report): {statistics.median(turbo):6.2f}  (target 1)")
    print("Build chunks (bytes, not compressed):")
    for name, size in sorted(sizes.items()):
        print(f"  {name:32} {size:8d}")


if __name__ == "__main__":
    main()
