FROM python:3.12-slim AS base
WORKDIR /app

FROM base
COPY app.py .
USER 10001
