#!/usr/bin/python3
"""A TCP relay from the host's loopback into the lab's network namespace.

    relay.py NETNS_NAME LISTEN_HOST:PORT=TARGET_HOST:PORT ...

The listening sockets are opened first, in the namespace this process starts in (the
host's); then the process enters NETNS_NAME, so every connection it makes to a target
is made inside the lab. One log line per accepted connection says which door it used,
so a test can tell a direct request from one that came through the bastion."""
import asyncio
import ctypes
import os
import socket
import sys

CLONE_NEWNET = 0x40000000


def enter_namespace(name: str) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        sys.exit(f"relay: setns({name}) failed: {os.strerror(ctypes.get_errno())}")
    os.close(fd)


def address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host, int(port)


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            writer.close()


def serve(listen: str, target: tuple[str, int]):
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        print(f"door {listen} -> {target[0]}:{target[1]} from {peer[0]}:{peer[1]}", flush=True)
        try:
            inner_reader, inner_writer = await asyncio.open_connection(*target)
        except OSError as error:
            print(f"door {listen}: target refused ({error})", flush=True)
            writer.close()
            return
        await asyncio.gather(pipe(reader, inner_writer), pipe(inner_reader, writer))
        inner_writer.close()
        writer.close()
    return handle


async def main(namespace: str, doors: list[str]) -> None:
    listeners = []
    for door in doors:
        listen, _, target = door.partition("=")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address(listen))
        sock.listen(128)
        listeners.append((listen, address(target), sock))
    enter_namespace(namespace)
    servers = [await asyncio.start_server(serve(listen, target), sock=sock) for listen, target, sock in listeners]
    print("relay ready: " + " ".join(doors), flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
