"""Runs localstripe for one test session, with the Python of its own venv (not ours):

    var/localstripe-venv/bin/python tests/payments/localstripe_server.py WORKDIR

Differences from `localstripe` as installed, each closing a gap that would hide what the
tests check (what real Stripe does is in the comments):

* It listens on 127.0.0.1 only, on a free port written to WORKDIR/port (localstripe binds
  every interface on a fixed port).
* Its store is WORKDIR/localstripe.pickle (localstripe shares /tmp/localstripe.pickle between
  every instance on the machine).
* POSTs honour `Idempotency-Key` as Stripe does: the same key answers the saved response and
  does nothing again (localstripe ignores the header).
* A PaymentIntent accepts `statement_descriptor_suffix` and `transfer_group` and keeps them
  (localstripe answers 400 "Unexpected ..."; Stripe accepts both for card payments).
"""

import socket
import sys
from pathlib import Path


def main(workdir: Path) -> None:
    from localstripe import resources

    store_file = workdir / "localstripe.pickle"

    def dump_to_disk(self):
        with store_file.open("wb") as file:
            resources.pickle.dump(self, file, protocol=resources.pickle.HIGHEST_PROTOCOL)

    resources.Store.dump_to_disk = dump_to_disk
    resources.Store.try_load_from_disk = lambda self: None  # always from scratch

    init = resources.PaymentIntent.__init__

    def payment_intent_init(
        self, *args, statement_descriptor_suffix=None, transfer_group=None, **kwargs
    ):
        init(self, *args, **kwargs)
        self.statement_descriptor_suffix = statement_descriptor_suffix
        self.transfer_group = transfer_group

    resources.PaymentIntent.__init__ = payment_intent_init

    from aiohttp import web
    from localstripe import server

    saved: dict[str, tuple[int, bytes, str]] = {}

    @web.middleware
    async def idempotency(request, handler):
        key = request.headers.get("Idempotency-Key")
        if request.method != "POST" or not key:
            return await handler(request)
        if key not in saved:
            response = await handler(request)
            if response.status < 500:  # Stripe lets a failed request be retried
                saved[key] = (response.status, response.body, response.content_type)
            return response
        status, body, content_type = saved[key]
        return web.Response(
            status=status,
            body=body,
            content_type=content_type,
            headers={"Idempotent-Replayed": "true"},
        )

    server.app.middlewares.insert(0, idempotency)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    (workdir / "port").write_text(str(sock.getsockname()[1]))
    web.run_app(server.app, sock=sock, print=None, access_log=None)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
