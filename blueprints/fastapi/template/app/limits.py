"""A request body limit for the whole application, answered with a JSON 413.

uvicorn and Starlette accept bodies of any size; this middleware refuses one whose
Content-Length is over the limit before reading it, and stops reading a streamed
(chunked) body as soon as it passes the limit.
"""

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "The request body is too large."


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            response = JSONResponse(
                {"detail": TOO_LARGE},
                status_code=status.HTTP_413_CONTENT_TOO_LARGE,
            )
            await response(scope, receive, send)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the route, so the app's handlers answer it as JSON.
                    raise HTTPException(
                        status.HTTP_413_CONTENT_TOO_LARGE, detail=TOO_LARGE
                    )
            return message

        await self.app(scope, limited_receive, send)
