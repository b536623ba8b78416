"""Secrets at rest: values sealed with AES-GCM (``sealing``), the keys that seal them
(``key_files``, ``keyring``) and replacing the key (``rotation``). No database here: the
services seal before writing and open after reading."""
