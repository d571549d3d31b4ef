"""localstripe, a fake Stripe server, for the Stripe gateway's tests: one per test session, in
its own venv (its dependencies clash with ours), on 127.0.0.1 with its own store.

It is installed by scripts/localstripe.sh; when it cannot be installed or started, the tests
that need it fail (never skip): CI runs them on a clean clone.
"""

import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("localstripe_server.py")
SECRET_KEY = "sk_test_khepri_localstripe"
STARTUP_SECONDS = 20


def localstripe_python() -> Path:
    """The Python of localstripe's venv, installing it when missing."""
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "localstripe.sh")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        pytest.fail(
            f"localstripe could not be installed (scripts/localstripe.sh):\n{done.stderr}",
            pytrace=False,
        )
    return Path(done.stdout.strip().splitlines()[-1]).with_name("python")


def answers(url: str) -> bool:
    request = urllib.request.Request(
        f"{url}/v1/customers", headers={"Authorization": f"Bearer {SECRET_KEY}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    """The address of a running localstripe, stopped at the end of the session."""
    python = localstripe_python()
    workdir = tmp_path_factory.mktemp("localstripe")
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(
        [str(python), str(LAUNCHER), str(workdir)],
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        url = ""
        while time.monotonic() < deadline and process.poll() is None:
            port_file = workdir / "port"
            if port_file.exists() and port_file.read_text():
                url = f"http://127.0.0.1:{port_file.read_text()}"
                if answers(url):
                    break
            time.sleep(0.1)
        else:
            pytest.fail(
                f"localstripe did not start:\n{(workdir / 'server.log').read_text()}",
                pytrace=False,
            )
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def stripe_settings(localstripe, settings):
    """The Stripe gateway, talking to localstripe, for one test."""
    settings.KHEPRI_PAYMENT_GATEWAY = "stripe"
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.KHEPRI_STRIPE_API_BASE = localstripe
    return settings
