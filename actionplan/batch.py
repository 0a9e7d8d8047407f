"""Many files at once: a process pool that survives hung and dying workers, or a Dask cluster.

Results come back in input order whatever the number of workers, so the output is the same
bytes for `--jobs 1`, `--jobs 8` and the Dask engine. A plain ProcessPoolExecutor can neither
stop a hung task nor survive a worker killed by the system, so the local engine uses pebble,
which can: the file that hung or killed its worker fails, and only that file.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from actionplan import ingest
from actionplan.normalise import Settings

from .pipeline import Failure, FileOutcome, process_file, run

Done = Callable[[FileOutcome], None]


class BatchError(Exception):
    """The engine itself could not run (Dask missing, scheduler unreachable)."""


@dataclass(frozen=True)
class BatchOptions:
    jobs: int = 1
    #: seconds one file may take before it is stopped (local engine)
    timeout: float | None = None
    engine: str = "local"
    scheduler: str | None = None


def failed(path: str, reason: str) -> FileOutcome:
    return FileOutcome(path, failure=Failure(path, f"{path}: {reason}"))


def process_batch(paths: Sequence[str], settings: Settings, options: ingest.ReadOptions,
                  as_of: date | None, batch: BatchOptions, on_done: Done | None = None
                  ) -> list[FileOutcome]:
    """Process every path; outcomes in the order of `paths`."""
    on_done = on_done or (lambda _outcome: None)
    if batch.engine == "dask":
        return _dask(paths, settings, options, as_of, batch, on_done)
    if batch.timeout is None and (batch.jobs <= 1 or len(paths) <= 1):
        return run(paths, settings, options, as_of, on_done=on_done).files
    return _pool(paths, settings, options, as_of, batch, on_done)


def _pool(paths: Sequence[str], settings: Settings, options: ingest.ReadOptions,
          as_of: date | None, batch: BatchOptions, on_done: Done) -> list[FileOutcome]:
    from pebble import ProcessPool

    outcomes: list[FileOutcome | None] = [None] * len(paths)
    with ProcessPool(max_workers=max(1, batch.jobs)) as pool:
        futures: dict[concurrent.futures.Future[FileOutcome], int] = {
            pool.schedule(process_file, args=(path, settings, options, as_of), timeout=batch.timeout): i
            for i, path in enumerate(paths)}
        try:
            _collect(futures, paths, batch, outcomes, on_done)
        except BaseException:  # Ctrl-C, SIGTERM, an output error: stop the workers, not wait
            pool.stop()
            raise
    return [o for o in outcomes if o is not None]


def _collect(futures: dict[concurrent.futures.Future[FileOutcome], int], paths: Sequence[str],
             batch: BatchOptions, outcomes: list[FileOutcome | None], on_done: Done) -> None:
    from pebble import ProcessExpired

    for future in concurrent.futures.as_completed(futures):
        i = futures[future]
        try:
            outcome = future.result()
        except concurrent.futures.TimeoutError:
            outcome = failed(paths[i], f"timed out after {batch.timeout:g} s")
        except ProcessExpired as exc:
            outcome = failed(paths[i], f"its worker died (exit code {exc.exitcode})")
        except Exception as exc:  # noqa: BLE001 - the batch goes on whatever one file did
            outcome = failed(paths[i], f"unexpected error ({type(exc).__name__}: {exc})")
        outcomes[i] = outcome
        on_done(outcome)


def _dask(paths: Sequence[str], settings: Settings, options: ingest.ReadOptions,
          as_of: date | None, batch: BatchOptions, on_done: Done) -> list[FileOutcome]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BatchError("the Dask engine needs dask: pip install 'actionplan[dask]'") from None
    cluster = None
    try:
        if batch.scheduler:
            client = Client(batch.scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=max(1, batch.jobs), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        raise BatchError(f"cannot reach the Dask scheduler {batch.scheduler}: {exc}") from None
    try:
        futures = client.map(process_file, list(paths), settings=settings, options=options,
                             as_of=as_of, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        outcomes: list[FileOutcome | None] = [None] * len(paths)
        for future in as_completed(futures):
            i = index[future.key]
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a killed worker or lost task fails one file
                outcome = failed(paths[i], f"failed on the cluster ({type(exc).__name__}: {exc})")
            outcomes[i] = outcome
            on_done(outcome)
        return [o for o in outcomes if o is not None]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
