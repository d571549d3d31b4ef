"""The Brevo backend against a real HTTP server on 127.0.0.1 (nothing leaves the machine)."""

import json
import socket
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from notifications import sms
from notifications.sms import BrevoBackend, SmsError, segments, send_sms

API_KEY = "xkeysib-test-key"
MOBILE = "+33612345678"


@dataclass
class FakeBrevo:
    """What the server answers, and what it was asked."""

    base_url: str = ""
    status: int = 201
    body: bytes = b'{"messageId": 1511882900176220}'
    content_type: str = "application/json"
    delay: float = 0.0
    requests: list[dict] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def answer(self, status: int, body: dict | str) -> None:
        self.status = status
        if isinstance(body, dict):
            self.body, self.content_type = json.dumps(body).encode(), "application/json"
        else:
            self.body, self.content_type = body.encode(), "text/html"

    @property
    def last(self) -> dict:
        return self.requests[-1]


def make_handler(state: FakeBrevo):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.requests.append(
                {
                    "method": "POST",
                    "path": self.path,
                    "headers": {key.lower(): value for key, value in self.headers.items()},
                    "raw": raw,
                    "json": json.loads(raw),
                }
            )
            if state.delay:
                state.release.wait(state.delay)
            self.send_response(state.status)
            self.send_header("Content-Type", state.content_type)
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        def log_message(self, format, *args):
            pass

    return Handler


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The client hanging up on a slow answer is what the timeout test wants.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture
def brevo(settings):
    state = FakeBrevo()
    httpd = QuietServer(("127.0.0.1", 0), make_handler(state))
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/v3"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.KHEPRI_SMS_BACKEND = "notifications.sms.BrevoBackend"
    settings.KHEPRI_SMS_BREVO_URL = state.base_url
    settings.KHEPRI_SMS_BREVO_API_KEY = API_KEY
    settings.KHEPRI_SMS_TIMEOUT = 2
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_message_is_posted_as_brevo_documents_it(brevo):
    result = send_sms(to="06 12 34 56 78", text="Khepri: RDV mardi 8 dec, 10:00")
    request = brevo.last
    assert request["path"] == "/v3/transactionalSMS/send"
    assert request["headers"]["api-key"] == API_KEY
    assert request["headers"]["content-type"] == "application/json"
    assert request["headers"]["accept"] == "application/json"
    assert request["json"] == {
        "sender": "Khepri",
        "recipient": "33612345678",
        "content": "Khepri: RDV mardi 8 dec, 10:00",
        "type": "transactional",
        "unicodeEnabled": False,
    }
    assert result == sms.SmsResult(message_id="1511882900176220", segments=1)
    assert sms.outbox == []


def test_the_sender_is_the_setting(brevo, settings):
    settings.KHEPRI_SMS_SENDER = "Cabinet"
    send_sms(to=MOBILE, text="Bonjour")
    assert brevo.last["json"]["sender"] == "Cabinet"


def test_ucs2_text_is_sent_as_unicode(brevo):
    text = "Rappel : votre rendez-vous de 10:00 est confirmé. À bientôt !"
    result = send_sms(to=MOBILE, text=text)
    body = brevo.last["json"]
    assert body["content"] == text
    assert body["unicodeEnabled"] is True
    assert result.segments == 1


def test_the_providers_segment_count_wins_when_given(brevo):
    brevo.answer(201, {"reference": "ab1", "messageId": 42, "smsCount": 2})
    result = send_sms(to=MOBILE, text="Bonjour")
    assert result == sms.SmsResult(message_id="42", segments=2)


def test_a_refused_number_is_not_retryable(brevo):
    brevo.answer(400, {"code": "invalid_parameter", "message": "Invalid phone number"})
    with pytest.raises(SmsError) as caught:
        send_sms(to=MOBILE, text="Code secret 123456")
    error = caught.value
    assert error.retryable is False
    assert error.status == 400
    assert str(error) == (
        "The SMS provider refused the message (HTTP 400): invalid_parameter Invalid phone number"
    )
    assert "123456" not in str(error)


@pytest.mark.parametrize(
    ("status", "words"),
    [(401, "refused the API key"), (403, "refused the API key"), (402, "no credits left")],
)
def test_account_errors_are_not_retryable(brevo, status, words):
    brevo.answer(status, {"code": "unauthorized", "message": "Key not found"})
    with pytest.raises(SmsError, match=words) as caught:
        send_sms(to=MOBILE, text="Bonjour")
    assert caught.value.retryable is False


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_provider_trouble_is_retryable(brevo, status):
    brevo.answer(status, "<html>Service Unavailable</html>")
    with pytest.raises(SmsError) as caught:
        send_sms(to=MOBILE, text="Bonjour")
    assert caught.value.retryable is True
    assert caught.value.status == status
    assert str(caught.value) == (
        f"The SMS provider is unavailable for now (HTTP {status}): <html>Service Unavailable</html>"
    )


def test_a_timeout_is_retryable(brevo, settings):
    settings.KHEPRI_SMS_TIMEOUT = 0.2
    brevo.delay = 2
    with pytest.raises(SmsError) as caught:
        send_sms(to=MOBILE, text="Bonjour")
    assert caught.value.retryable is True
    assert str(caught.value) == "The SMS provider did not answer within 0.2 seconds."


def test_an_unreachable_provider_is_retryable():
    backend = BrevoBackend(
        api_url=f"http://127.0.0.1:{closed_port()}/v3", api_key=API_KEY, timeout=2
    )
    with pytest.raises(SmsError, match="could not be reached") as caught:
        backend.send(to=MOBILE, text="Bonjour", sender="Khepri", info=segments("Bonjour"))
    assert caught.value.retryable is True


@pytest.mark.parametrize(
    "body", [{"reference": "ab1"}, "not json", {"messageId": None}, {"messageId": ""}]
)
def test_a_success_without_message_id_is_not_retried(brevo, body):
    # The message may have gone out: retrying could send it twice.
    brevo.answer(201, body)
    with pytest.raises(SmsError, match="unexpected answer") as caught:
        send_sms(to=MOBILE, text="Bonjour")
    assert caught.value.retryable is False


def test_a_redirect_is_not_followed(brevo):
    brevo.answer(302, "")
    with pytest.raises(SmsError) as caught:
        send_sms(to=MOBILE, text="Bonjour")
    assert caught.value.retryable is False
    assert len(brevo.requests) == 1


def test_no_api_key_means_no_request(brevo, settings):
    settings.KHEPRI_SMS_BREVO_API_KEY = ""
    with pytest.raises(SmsError, match="API key is missing") as caught:
        send_sms(to=MOBILE, text="Bonjour")
    assert caught.value.retryable is False
    assert brevo.requests == []


def test_a_refused_text_never_reaches_the_provider(brevo):
    with pytest.raises(ValueError):
        send_sms(to="+33123456789", text="Bonjour")
    with pytest.raises(ValueError):
        send_sms(to=MOBILE, text="a" * 400)
    assert brevo.requests == []
