"""Rendering of the bot's responses in the person's language."""
from bot.responses.render import Button, Reply, ResponseRenderer, UnknownResponse, fill

__all__ = ["Button", "Reply", "ResponseRenderer", "UnknownResponse", "fill"]
