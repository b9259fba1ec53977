"""The bare Flask "hello" app the kiosk is compared with, under the same waitress."""

import sys

from flask import Flask
from waitress import serve

app = Flask(__name__)


@app.get("/")
def hello():
    """Answer the smallest page there is."""
    return "hello"


if __name__ == "__main__":
    serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=int(sys.argv[2]))
