import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knutpunkt.settings")
application = get_wsgi_application()

from knutpunkt.core.serving import settle_after_startup  # noqa: E402 - needs the settings loaded above

settle_after_startup()
