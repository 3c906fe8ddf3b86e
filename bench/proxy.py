"""A TCP proxy that delays every byte by a fixed time in each direction (no netem here).

Each chunk read is stamped with the time it may leave (now + delay) and written at that
time by a per-direction writer, in order: latency is added, throughput is not throttled
(no sleep per chunk in the reading path). EOF is forwarded the same way.

Run: python -m bench.proxy LISTEN_ADDRESS TARGET_ADDRESS DELAY_MS PORT...
Prints "ready" once every port listens; stops on SIGTERM/SIGINT.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def send() -> None:
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                with contextlib.suppress(OSError):
                    if writer.can_write_eof():
                        writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((loop.time() + delay, data))
            if not data:
                break
        await sender
    except (OSError, asyncio.CancelledError):
        sender.cancel()


async def _serve(listen: str, target: str, port: int, delay: float) -> asyncio.Server:
    async def handle(cr: asyncio.StreamReader, cw: asyncio.StreamWriter) -> None:
        try:
            sr, sw = await asyncio.open_connection(target, port)
        except OSError:
            cw.close()
            return
        await asyncio.gather(_pump(cr, sw, delay), _pump(sr, cw, delay))
        for w in (cw, sw):
            with contextlib.suppress(OSError):
                w.close()

    return await asyncio.start_server(handle, listen, port, reuse_address=True)


async def main(argv: list[str]) -> None:
    listen, target, delay_ms, *ports = argv
    delay = float(delay_ms) / 1000
    servers = [await _serve(listen, target, int(p), delay) for p in ports]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready", flush=True)
    await stop.wait()
    loop.set_exception_handler(lambda _loop, _context: None)  # connections cut at exit
    for s in servers:
        s.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
