#!/usr/bin/env python3
"""Times `orlint server` from a `didChange` to the `publishDiagnostics` of that version.

    scripts/bench-server.py ORLINT FILE [FILE ...]    # RUNS edits per file (default 50)

Each file is opened, then edited RUNS times (a one-character change at the end of its last
line, alternately added and removed, so the findings stay the same); the median, min and max
latency per file are printed as JSON lines.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def read(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


def main():
    orlint, files = sys.argv[1], sys.argv[2:]
    runs = int(os.environ.get("RUNS", "50"))
    server = subprocess.Popen([orlint, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    send = lambda m: (server.stdin.write(frame(m)), server.stdin.flush())
    root = "file://" + os.getcwd()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": root, "capabilities": {}}})
    while "id" not in read(server.stdout):
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def published(uri, version):
        while True:
            message = read(server.stdout)
            params = message.get("params", {})
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and params.get("uri") == uri and params.get("version") == version):
                return params["diagnostics"]

    for path in files:
        text = open(path, encoding="utf-8").read()
        uri = "file://" + os.path.abspath(path)
        language = {"py": "python", "ts": "typescript", "tsx": "typescriptreact", "js": "javascript"}[path.rsplit(".", 1)[1]]
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}})
        findings = len(published(uri, 1))
        lines = text.split("\n")
        last = len(lines) - 1
        end = len(lines[last].encode("utf-16-le")) // 2
        times = []
        for version in range(2, runs + 2):
            if version % 2 == 0:
                change = {"range": {"start": {"line": last, "character": end}, "end": {"line": last, "character": end}}, "text": " "}
            else:
                change = {"range": {"start": {"line": last, "character": end}, "end": {"line": last, "character": end + 1}}, "text": ""}
            started = time.perf_counter()
            send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                  "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
            published(uri, version)
            times.append((time.perf_counter() - started) * 1000)
        print(json.dumps({"file": path, "lines": len(lines), "findings": findings,
                          "median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times), "runs": runs}))
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    while read(server.stdout).get("id") != 2:
        pass
    send({"jsonrpc": "2.0", "method": "exit"})
    server.wait(timeout=10)


if __name__ == "__main__":
    main()
