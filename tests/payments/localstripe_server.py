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

Stripe Connect, which localstripe lacks, as small faithful resources (the fields Khepri reads):

* `POST /v1/accounts` creates an Account `acct_…` (Express): not onboarded, so
  `details_submitted`, `charges_enabled` and `payouts_enabled` are false, the `transfers`
  capability is "inactive" and `requirements.currently_due` lists what Stripe's form asks;
  `GET /v1/accounts/<id>` reads it (404 `resource_missing` for an unknown id, as Stripe).
* `POST /v1/account_links` (`account`, `type` account_onboarding or account_update,
  `refresh_url`, `return_url`, all required as at Stripe) answers an AccountLink with a
  `url` and an `expires_at` five minutes later.
* `POST /v1/transfers` (`amount`, `currency`, `destination`, optional `source_transaction`,
  `transfer_group`, `metadata`) answers a Transfer `tr_…`. Refused as Stripe refuses: a
  non-positive amount, an unknown destination, a destination without the active `transfers`
  capability, an unknown `source_transaction` charge, or more than that charge's captured
  amount. `GET /v1/transfers/<id>` reads one.
* `POST /_config/accounts/<id>/onboarded` is not Stripe's: it stands for the practitioner
  filling Stripe's onboarding form (details submitted, charges, payouts and transfers
  enabled, nothing due), like localstripe's own `/_config/` routes.
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
    connect_routes(server.app, resources)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    (workdir / "port").write_text(str(sock.getsockname()[1]))
    web.run_app(server.app, sock=sock, print=None, access_log=None)


def connect_routes(app, resources) -> None:
    """Stripe Connect's Account, AccountLink and Transfer (see the module's docstring)."""
    import secrets
    import time

    from aiohttp import web
    from localstripe.server import get_post_data

    accounts: dict[str, dict] = {}
    transfers: dict[str, dict] = {}

    def error(status, message, *, param="", code=""):
        body = {"type": "invalid_request_error", "message": message}
        if param:
            body["param"] = param
        if code:
            body["code"] = code
        return web.json_response({"error": body}, status=status)

    def missing(kind, ident, param="id"):
        return error(404, f"No such {kind}: '{ident}'", param=param, code="resource_missing")

    async def account_create(request):
        data = await get_post_data(request) or {}
        ident = "acct_" + secrets.token_hex(8)
        account = {
            "id": ident,
            "object": "account",
            "type": data.get("type", "express"),
            "country": data.get("country", "US"),
            "email": data.get("email"),
            "default_currency": "eur" if data.get("country") == "FR" else "usd",
            "created": int(time.time()),
            "metadata": data.get("metadata") or {},
            "details_submitted": False,
            "charges_enabled": False,
            "payouts_enabled": False,
            "capabilities": dict.fromkeys(
                data.get("capabilities") or {"transfers": {}}, "inactive"
            ),
            "requirements": {
                "currently_due": ["business_type", "external_account", "tos_acceptance.date"],
                "eventually_due": ["business_type", "external_account", "tos_acceptance.date"],
                "past_due": [],
                "disabled_reason": "requirements.past_due",
            },
        }
        accounts[ident] = account
        return web.json_response(account)

    async def account_retrieve(request):
        account = accounts.get(request.match_info["id"])
        if account is None:
            return missing("account", request.match_info["id"])
        return web.json_response(account)

    async def account_onboarded(request):
        account = accounts.get(request.match_info["id"])
        if account is None:
            return missing("account", request.match_info["id"])
        account.update(details_submitted=True, charges_enabled=True, payouts_enabled=True)
        account["capabilities"] = dict.fromkeys(account["capabilities"], "active")
        account["requirements"] = {
            "currently_due": [],
            "eventually_due": [],
            "past_due": [],
            "disabled_reason": None,
        }
        return web.json_response(account)

    async def account_link_create(request):
        data = await get_post_data(request) or {}
        for param in ("account", "type", "refresh_url", "return_url"):
            if not data.get(param):
                return error(400, f"Missing required param: {param}.", param=param)
        if data["account"] not in accounts:
            return missing("account", data["account"], "account")
        if data["type"] not in ("account_onboarding", "account_update"):
            return error(400, f"Invalid type: {data['type']}", param="type")
        created = int(time.time())
        return web.json_response(
            {
                "object": "account_link",
                "created": created,
                "expires_at": created + 300,
                "url": f"https://connect.stripe.com/setup/e/{data['account']}/"
                + secrets.token_urlsafe(12),
            }
        )

    async def transfer_create(request):
        data = await get_post_data(request) or {}
        try:
            amount = int(data.get("amount", ""))
        except ValueError:
            return error(400, "Invalid integer: amount", param="amount")
        if amount <= 0:
            return error(400, "This value must be greater than or equal to 1.", param="amount")
        if not data.get("currency"):
            return error(400, "Missing required param: currency.", param="currency")
        destination = data.get("destination", "")
        account = accounts.get(destination)
        if account is None:
            return missing("account", destination, "destination")
        if account["capabilities"].get("transfers") != "active":
            return error(
                400,
                "Your destination account needs to have at least one of the following "
                "capabilities enabled: transfers, crypto_transfers, legacy_payments",
                param="destination",
                code="insufficient_capabilities_for_transfer",
            )
        source = data.get("source_transaction") or None
        if source is not None:
            charge = resources.store.get("charge:" + source)
            if charge is None:
                return missing("charge", source, "source_transaction")
            # What the charge took (localstripe keeps a partial capture as a refund).
            captured = charge.amount - (charge.amount_refunded or 0) if charge.captured else 0
            already = sum(
                transfer["amount"]
                for transfer in transfers.values()
                if transfer["source_transaction"] == source
            )
            if amount + already > captured:
                return error(
                    400,
                    "Insufficient funds in the source transaction.",
                    param="amount",
                    code="balance_insufficient",
                )
        ident = "tr_" + secrets.token_hex(8)
        transfer = {
            "id": ident,
            "object": "transfer",
            "amount": amount,
            "currency": data["currency"].lower(),
            "destination": destination,
            "source_transaction": source,
            "transfer_group": data.get("transfer_group") or None,
            "metadata": data.get("metadata") or {},
            "reversed": False,
            "created": int(time.time()),
        }
        transfers[ident] = transfer
        return web.json_response(transfer)

    async def transfer_retrieve(request):
        transfer = transfers.get(request.match_info["id"])
        if transfer is None:
            return missing("transfer", request.match_info["id"])
        return web.json_response(transfer)

    app.router.add_post("/v1/accounts", account_create)
    app.router.add_get("/v1/accounts/{id}", account_retrieve)
    app.router.add_post("/v1/account_links", account_link_create)
    app.router.add_post("/v1/transfers", transfer_create)
    app.router.add_get("/v1/transfers/{id}", transfer_retrieve)
    app.router.add_post("/_config/accounts/{id}/onboarded", account_onboarded)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
