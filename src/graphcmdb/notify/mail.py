"""Sending a delivery as an e-mail over SMTP (stdlib ``smtplib``, in a thread)."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage

from graphcmdb.notify.model import Message, Outcome
from graphcmdb.notify.signing import DELIVERY_HEADER, KIND_HEADER


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    sender: str
    starttls: bool = False
    user: str | None = None
    #: opened from its sealed form, or read from the environment; never printed
    password: str | None = field(default=None, repr=False)
    timeout_s: float = 10.0


def email(server: SmtpServer, to: str, message: Message) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = f"[graphcmdb] {message.title}"
    mail["From"] = server.sender
    mail["To"] = to
    # the same id on every attempt: a receiver may drop a repeat
    mail["Message-ID"] = f"<{message.delivery_id}@graphcmdb>"
    mail[DELIVERY_HEADER] = message.delivery_id
    mail[KIND_HEADER] = message.kind.value
    mail.set_content(message.text or message.title)
    return mail


def _send(server: SmtpServer, mail: EmailMessage) -> None:
    with smtplib.SMTP(server.host, server.port, timeout=server.timeout_s) as smtp:
        if server.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if server.user:
            smtp.login(server.user, server.password or "")
        smtp.send_message(mail)


async def send(server: SmtpServer, to: str, message: Message) -> Outcome:
    """Delivered when the server accepted the message; an error names the SMTP answer
    or the failure's type (smtplib's messages never carry the password)."""
    try:
        await asyncio.to_thread(_send, server, email(server, to, message))
    except smtplib.SMTPResponseException as exc:
        return Outcome(False, f"SMTP {exc.smtp_code}: {_text(exc.smtp_error)}")
    except (smtplib.SMTPException, OSError) as exc:
        return Outcome(False, f"{type(exc).__name__}: {exc}"[:300])
    return Outcome(True)


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return text[:300]
