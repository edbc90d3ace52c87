#!/usr/bin/env python3
"""The interactive shell through a pseudo-terminal: prompts, multi-line
statements, Ctrl-C clearing the line and cancelling a running statement,
Ctrl-D leaving, the history file.

    interactive_test.py GUANXI_BINARY
"""
import os
import pty
import re
import select
import shutil
import struct
import sys
import tempfile
import termios
import time
import fcntl


class Terminal:
    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        # A terminal of 20 lines, so that a 30-row result needs the pager.
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 20, 100, 0, 0))
        self.output = b""

    def send(self, text):
        """Types `text`. libedit switches the terminal to editing mode only
        after printing its prompt, and that switch discards input typed in
        between (a lost Ctrl-D would leave the shell waiting); a person never
        types that fast, so the test waits a moment too."""
        time.sleep(0.2)
        os.write(self.fd, text.encode())

    def interrupt(self):
        """Ctrl-C. libedit prints its prompt before it switches the terminal
        to editing mode, where ^C is a key; a ^C typed in between would be a
        signal. A person never types that fast; the test waits a moment."""
        time.sleep(0.3)
        os.write(self.fd, b"\x03")

    def expect(self, pattern, timeout=15):
        """Waits until the output since the last match matches `pattern`."""
        regex = re.compile(pattern.encode(), re.S)
        deadline = time.time() + timeout
        while True:
            m = regex.search(self.output)
            if m:
                self.output = self.output[m.end():]
                return m
            remaining = deadline - time.time()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for {pattern!r}; output so far:\n"
                                     + self.output.decode(errors="replace"))
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the shell ended while waiting for {pattern!r}; output:\n"
                                         + self.output.decode(errors="replace"))
                self.output += chunk

    def wait_exit(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:  # drain, so the child never blocks on a full terminal
                if select.select([self.fd], [], [], 0.1)[0]:
                    os.read(self.fd, 4096)
            except OSError:
                pass
        raise AssertionError("the shell did not exit")


def main():
    binary = sys.argv[1]
    home = tempfile.mkdtemp(prefix="guanxi-interactive-test-")
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
        # The pager marks every line it shows.
        env.update(HOME=home, TERM="xterm", PAGER="sed s/^/PAGED:/")
        db = os.path.join(home, "db")
        term = Terminal([binary, db], env)
        term.expect(r"Guanxi .* shell on")
        term.expect(r"guanxi> ")

        # A statement over two lines: the continuation prompt, then the table.
        term.send("RETURN 1 +\r")
        term.expect(r"\.\.\.> ")
        term.send("1 AS two;\r")
        term.expect(r"\| two \|.*\| 2   \|.*1 row")
        term.expect(r"guanxi> ")
        # The up arrow brings back the whole statement, both lines, as one
        # history entry.
        term.send("\x1b[A")
        term.expect(r"RETURN 1 \+\r*\n1 AS two;")
        term.send("\r")
        term.expect(r"\| two \|.*\| 2   \|.*1 row")
        term.expect(r"guanxi> ")

        # Ctrl-C clears the line being typed (here an unterminated string).
        term.send("RETURN 'never")
        term.interrupt()
        # The next prompt starts on a line of its own.
        term.expect(r"\^C\r*\nguanxi> ")
        term.send("RETURN 3 AS three;\r")
        term.expect(r"\| three \|.*\| 3     \|")
        term.expect(r"guanxi> ")

        # ... and the earlier lines of a statement being continued.
        term.send("MATCH (n)\r")
        term.expect(r"\.\.\.> ")
        term.interrupt()
        term.expect(r"guanxi> ")
        term.send("RETURN 4 AS four;\r")
        term.expect(r"\| four \|.*\| 4    \|")
        term.expect(r"guanxi> ")

        # Ctrl-C cancels a running statement; the shell goes on.
        term.send("UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y WITH x, y WHERE (x + y) % 3 = 0 RETURN count(*);\r")
        time.sleep(0.4)
        term.interrupt()
        term.expect(r"Error \[cancelled\]", timeout=30)
        term.expect(r"guanxi> ")
        # A statement running longer than two seconds shows a progress line
        # (on stderr, the terminal here) that is erased before what follows.
        term.send("UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y RETURN count(*) AS n;\r")
        term.expect(r"\rrunning +0 rows +[2-9]\.\ds\x1b\[K", timeout=15)
        term.interrupt()
        term.expect(r"\r\x1b\[K\r*\n*Error \[cancelled\]", timeout=30)
        term.expect(r"guanxi> ")
        term.send("RETURN 5 AS five;\r")
        term.expect(r"\| five \|.*\| 5    \|")
        term.expect(r"guanxi> ")

        # Shell commands and errors with a caret.
        term.send(":format csv\r")
        term.expect(r"format csv")
        term.expect(r"guanxi> ")
        term.send("RETURN 6 AS six;\r")
        term.expect(r"six\r*\n6")
        term.expect(r"guanxi> ")
        term.send("RETURN nosuch;\r")
        term.expect(r"Error \[semantic\].*nosuch")
        term.expect(r"guanxi> ")

        # Tab completes keywords.
        term.send("RETU\t7 AS seven;\r")
        term.expect(r"seven\r*\n7")
        term.expect(r"guanxi> ")

        # Tab completes by context: labels after '(n:', types after '[r:',
        # keys after 'n.', procedures after CALL, parameters after '$' —
        # Chinese names too.
        term.send("CREATE (:Customer {name: 'Ada', city: 'Berlin'})-[:KNOWS]->(:客户 {名字: 'x'});\r")
        term.expect(r"guanxi> ")
        term.send(":param city => 'Berlin'\r")
        term.expect(r"guanxi> ")
        for typed, completed in [("MATCH (c:Cust", "omer "), ("MATCH (c)-[r:KN", "OWS "),
                                 ("MATCH (c) WHERE c.ci", "ty "), ("CALL algo.pager", "ank"),
                                 ("RETURN $ci", "ty "), ("MATCH (n:客", "户 "),
                                 ("MATCH (n) RETURN n.名", "字 ")]:
            term.send(typed + "\t")
            term.expect(re.escape(completed))
            term.interrupt()
            term.expect(r"\^C\r*\nguanxi> ")

        # Chinese typed at the prompt reaches the statement whole, whatever
        # the environment's locale (the test runs with LANG and LC_ALL unset,
        # as CI does), and is kept in the history.
        term.send(":format table\r")
        term.expect(r"guanxi> ")
        term.send("RETURN '上海' AS city, size('上海') AS n;\r")
        term.expect(r"\| '上海' +\| 2 ")
        term.expect(r"guanxi> ")

        # Settings confirm at the prompt.
        term.send(":timer on\r")
        term.expect(r"timer on")
        term.expect(r"guanxi> ")
        term.send(":timer off\r")
        term.expect(r"timer off")
        term.expect(r"guanxi> ")
        term.send("CREATE PURPOSE marketing BASIS consent;\r")
        term.expect(r"guanxi> ")
        term.send(":purpose marketing crm-analyst\r")
        term.expect(r"purpose 'marketing', user 'crm-analyst'")
        term.expect(r"guanxi> ")

        # A result taller than the terminal goes through the pager; a short
        # one does not.
        term.send("UNWIND range(1, 30) AS x RETURN x;\r")
        term.expect(r"PAGED:\| x +\|.*PAGED:\| 30 +\|")
        term.expect(r"30 rows")
        term.expect(r"guanxi> ")
        term.send("RETURN 8 AS eight;\r")
        m = term.expect(r"eight.*guanxi> ")
        assert b"PAGED" not in m.group(0), "a short result went through the pager"
        term.send(":pager off\r")
        term.expect(r"pager off")
        term.expect(r"guanxi> ")
        # At most 1,000 rows are printed at the prompt; the rest are counted.
        term.send("UNWIND range(1, 1200) AS x RETURN x;\r")
        term.expect(r"\| 1000 +\|\r*\n\+-+\+\r*\n\(200 more rows not shown: :max-rows 0 shows all\)")
        term.expect(r"1200 rows")
        term.expect(r"guanxi> ")

        # Ctrl-D leaves with status 0.
        term.send("\x04")
        status = term.wait_exit()
        assert status == 0, f"exit status {status}"

        history = open(os.path.join(home, ".guanxi_history"), encoding="utf-8").read()
        # libedit's file encodes a space as \040 and a line break as \012.
        entries = [e.replace("\\040", " ").replace("\\012", "\n") for e in history.splitlines()]
        for line in ["RETURN 3 AS three;", "RETURN 1 +\n1 AS two;", ":format csv",
                     "RETURN '上海' AS city, size('上海') AS n;"]:
            assert line in entries, f"history lacks {line!r}:\n{history}"
        assert "1 AS two;" not in entries, f"a statement's second line is an entry of its own:\n{history}"
        print("PASS [interactive]")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
