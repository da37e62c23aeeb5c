"""The last stage: the built documents to their recipients (register -> plan -> .eml drafts -> SMTP -> log).

Public surface: prepare, deliver, password (run.py); MailSection, mail_settings (settings.py).
"""
