"""Web front ends: the website widget, the library kiosk and the staff console (docs/web.md).

`bot.web.app.create_app(settings)` builds the Starlette app; `python -m bot.web` runs it.
"""
