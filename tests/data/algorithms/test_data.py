"""Opening the data sets in tests/data from the reference scripts beside this file."""
import io
import os
import subprocess

DATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def open_text(path):
    """A text stream over `path` (absolute, or relative to tests/data); a
    `.zst` file is decompressed with the zstd command."""
    if not os.path.isabs(path):
        path = os.path.join(DATA, path)
    if path.endswith(".zst"):
        return io.StringIO(subprocess.run(["zstd", "-dc", path], check=True,
                                          capture_output=True, text=True).stdout)
    return open(path)


FACEBOOK = "snap-ego-facebook/facebook_combined.txt.zst"
EMAIL_EU_CORE = "snap-email-Eu-core/email-Eu-core.txt.zst"
EMAIL_DEPARTMENTS = "snap-email-Eu-core/email-Eu-core-department-labels.txt"
