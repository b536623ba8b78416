"""Outbound notifications without a database: what a notice is, how a webhook is signed
and posted, how an e-mail is sent, when a failed delivery is tried again. The services
(``services/notify*.py``) store deliveries and drive these."""
